/**
 * Online-key rules: pure functions shared by the redeem form, the adapters and the server.
 *
 * A key is `groups × groupLength` characters from an alphabet without look-alikes. With
 * `checkCharacter`, the last one is a Luhn mod N check character over the others: with an even
 * alphabet size it catches every single mistyped character and most swaps of neighbours before
 * any request is made.
 */
import type { KeyFormat } from './schemas.js';

/**
 * No 0/O/Q, 1/I/L, 5/S, 2/Z: characters people confuse when they copy a key from print. Q goes
 * too because the Luhn mod N check character needs an even alphabet size (26) to catch every
 * single mistyped character.
 */
export const DEFAULT_KEY_ALPHABET = '346789ABCDEFGHJKMNPRTUVWXY';

export const DEFAULT_KEY_FORMAT: KeyFormat = {
  groups: 4,
  groupLength: 4,
  alphabet: DEFAULT_KEY_ALPHABET,
  checkCharacter: true,
};

/** Longest normalized key kept; anything longer is cut, so hostile input cannot grow work. */
export const MAX_NORMALIZED_KEY_LENGTH = 64;

/**
 * What a normalized key may consist of to be kept or sent on (the pending batch, the key a
 * confirmation link carries), whatever the key format: letters and digits, nothing else.
 */
export const KEY_TEXT = /^[\p{L}\p{N}]+$/u;

/** Whether a normalized key is plain key text (see `KEY_TEXT`) no longer than a normalized key can be. */
export function isKeyText(normalized: string): boolean {
  return normalized.length <= MAX_NORMALIZED_KEY_LENGTH && KEY_TEXT.test(normalized);
}

// Spaces of every kind, hyphen-minus, Unicode hyphens and dashes (U+2010–U+2015, U+2212 minus,
// U+FE58/FE63/FF0D small and full-width hyphens) and zero-width characters incl. the BOM.
const SEPARATORS = /[\s\u00ad\u2010-\u2015\u2212\ufe58\ufe63\uff0d\u200b-\u200d\u2060\ufeff_-]/gu;

/** Folds full-width ASCII (U+FF01–U+FF5E) and the ideographic space to plain ASCII. */
function foldFullWidth(input: string): string {
  return input.replace(/[\uff01-\uff5e\u3000]/g, (char) =>
    char === '\u3000' ? ' ' : String.fromCharCode(char.charCodeAt(0) - 0xfee0),
  );
}

/** What the user typed or pasted, reduced to the characters that make the key. Never throws. */
export function normalizeKey(input: string): string {
  const folded = foldFullWidth(String(input).slice(0, MAX_NORMALIZED_KEY_LENGTH * 4));
  return folded.replace(SEPARATORS, '').toUpperCase().replace(SEPARATORS, '').slice(0, MAX_NORMALIZED_KEY_LENGTH);
}

export function keyLength(format: KeyFormat): number {
  return format.groups * format.groupLength;
}

/** Luhn mod N check character for `body` over `alphabet`. */
export function checkCharacterFor(body: string, alphabet: string): string {
  const n = alphabet.length;
  let factor = 2;
  let sum = 0;
  for (let i = body.length - 1; i >= 0; i -= 1) {
    const codePoint = alphabet.indexOf(body.charAt(i));
    if (codePoint < 0) throw new RangeError(`"${body.charAt(i)}" is not in the key alphabet`);
    const addend = factor * codePoint;
    sum += Math.floor(addend / n) + (addend % n);
    factor = factor === 2 ? 1 : 2;
  }
  return alphabet.charAt((n - (sum % n)) % n);
}

export type KeyCheck =
  | { valid: true }
  | { valid: false; reason: 'empty' }
  | { valid: false; reason: 'incomplete'; missing: number }
  | { valid: false; reason: 'too-long'; extra: number }
  /** `position` is 1-based, counted over the normalized key (what the user sees without hyphens). */
  | { valid: false; reason: 'invalid-character'; position: number; character: string }
  | { valid: false; reason: 'checksum' };

/** Why a normalized key is not well-formed, with what the user needs to fix it. */
export function checkKey(normalized: string, format: KeyFormat = DEFAULT_KEY_FORMAT): KeyCheck {
  if (normalized === '') return { valid: false, reason: 'empty' };
  const expected = keyLength(format);
  const badIndex = [...normalized].findIndex((char) => !format.alphabet.includes(char));
  if (badIndex >= 0 && badIndex < expected) {
    return { valid: false, reason: 'invalid-character', position: badIndex + 1, character: [...normalized][badIndex] ?? '' };
  }
  if (normalized.length < expected) return { valid: false, reason: 'incomplete', missing: expected - normalized.length };
  if (normalized.length > expected) return { valid: false, reason: 'too-long', extra: normalized.length - expected };
  if (format.checkCharacter) {
    const body = normalized.slice(0, -1);
    if (checkCharacterFor(body, format.alphabet) !== normalized.slice(-1)) return { valid: false, reason: 'checksum' };
  }
  return { valid: true };
}

export function isWellFormed(normalized: string, format: KeyFormat = DEFAULT_KEY_FORMAT): boolean {
  return checkKey(normalized, format).valid;
}

/** Groups a normalized key with hyphens: `ABCD-EFGH-…`. A partial key is grouped as far as it goes. */
export function formatForDisplay(normalized: string, format: KeyFormat = DEFAULT_KEY_FORMAT): string {
  const groups: string[] = [];
  for (let i = 0; i < normalized.length; i += format.groupLength) {
    groups.push(normalized.slice(i, i + format.groupLength));
  }
  return groups.join('-');
}

/** Completes `body` (one character short of a full key) with its check character: for seeds and tests. */
export function withCheckCharacter(body: string, format: KeyFormat = DEFAULT_KEY_FORMAT): string {
  return body + checkCharacterFor(body, format.alphabet);
}
