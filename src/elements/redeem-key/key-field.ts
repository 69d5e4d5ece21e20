/**
 * The key field's editing rules, as pure functions: what the field shows after each edit, where
 * the caret goes, which hint and which problem it shows.
 */
import { type KeyCheck, formatForDisplay, keyLength, normalizeKey } from '../../core/online-key.js';
import type { KeyFormat } from '../../core/schemas.js';

export interface KeyEdit {
  /** The normalized key (what `normalizeKey` keeps, without hyphens). */
  readonly key: string;
  /** What the field shows: the key grouped with hyphens. */
  readonly display: string;
  /** The caret's index in `display`. */
  readonly caret: number;
}

export interface EditContext {
  /** The normalized key before this edit. */
  readonly previousKey?: string;
  /** The `inputType` of the input event (`deleteContentBackward` for Backspace, …). */
  readonly inputType?: string;
}

/**
 * Where the caret goes in `display` after `count` significant characters: behind the
 * `count`-th character, before the hyphen that may follow it.
 */
export function caretAfter(count: number, groupLength: number, displayLength: number): number {
  if (count <= 0) return 0;
  return Math.min(displayLength, count + Math.floor((count - 1) / groupLength));
}

/**
 * Normalizes and regroups what the field holds after an edit, and keeps the caret at its logical
 * place: behind the same number of significant characters as before. Never throws.
 */
export function editKey(value: string, caret: number, format: KeyFormat, context: EditContext = {}): KeyEdit {
  let key = normalizeKey(value);
  const at = Math.max(0, Math.min(value.length, Number.isFinite(caret) ? caret : value.length));
  let count = Math.min(key.length, normalizeKey(value.slice(0, at)).length);
  if (context.previousKey === key) {
    // Backspace or Delete removed only a hyphen: remove the character beside it, as the user meant.
    if (context.inputType === 'deleteContentBackward' && count > 0) {
      key = key.slice(0, count - 1) + key.slice(count);
      count -= 1;
    } else if (context.inputType === 'deleteContentForward' && count < key.length) {
      key = key.slice(0, count) + key.slice(count + 1);
    }
  }
  const display = formatForDisplay(key, format);
  return { key, display, caret: caretAfter(count, format.groupLength, display.length) };
}

/** Characters people confuse when they copy a key from print, in the order the hint names them. */
export const LOOK_ALIKES = ['0', 'O', 'Q', '1', 'I', 'L', '2', 'Z', '5', 'S'] as const;

export type KeyHint =
  /** The shared `key.hint`: it names exactly the characters the default alphabet leaves out. */
  | { readonly id: 'key.hint'; readonly length: number }
  | { readonly id: 'redeemKey.hint'; readonly length: number; readonly characters: readonly string[] }
  | { readonly id: 'redeemKey.hint.length'; readonly length: number };

/** What the hint under the label says for `format`: the length, and which look-alikes never occur. */
export function hintFor(format: KeyFormat): KeyHint {
  const length = keyLength(format);
  const missing = LOOK_ALIKES.filter((char) => !format.alphabet.includes(char));
  if (missing.length === LOOK_ALIKES.length) return { id: 'key.hint', length };
  if (missing.length > 0) return { id: 'redeemKey.hint', length, characters: missing };
  return { id: 'redeemKey.hint.length', length };
}

export type KeyProblem =
  | { readonly id: 'key.empty' | 'key.too-long' | 'key.checksum' }
  | { readonly id: 'key.incomplete'; readonly params: { readonly count: number } }
  | { readonly id: 'key.invalid-character'; readonly params: { readonly position: number; readonly character: string } };

/** The shared message for a failed well-formedness check. */
export function problemFor(check: KeyCheck): KeyProblem | null {
  if (check.valid) return null;
  switch (check.reason) {
    case 'empty':
      return { id: 'key.empty' };
    case 'incomplete':
      return { id: 'key.incomplete', params: { count: check.missing } };
    case 'too-long':
      return { id: 'key.too-long' };
    case 'invalid-character':
      return { id: 'key.invalid-character', params: { position: check.position, character: check.character } };
    case 'checksum':
      return { id: 'key.checksum' };
  }
}
