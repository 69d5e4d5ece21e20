/**
 * Batch mode's rules, as pure functions: how the text of the batch field becomes a list of keys
 * (split, normalized, checked, duplicates marked), and how the results of a run are counted.
 *
 * **How keys are told apart.** A key may be typed with spaces between its groups
 * (`MATH 7A3B 4C6D E7F6`), so a space alone cannot separate keys. The rule:
 * 1. Line breaks, tabs, commas and semicolons (also the full-width and ideographic ones) always
 *    separate keys.
 * 2. Within such a piece, the words between spaces are joined into one key as long as they are
 *    parts of one: a word is added to the key being collected while that key is shorter than a
 *    whole key and adding the word does not make it longer than a whole key. Otherwise the word
 *    starts the next key.
 *
 * So `MATH 7A3B 4C6D E7F6 DATA 8K3M 4N6P R7T3` is two keys, and so is
 * `MATH-7A3B-4C6D-E7F6 DATA-8K3M-4N6P-R7T3`; `MATH 7A3B 4C6D E7F DATA 8K3M 4N6P R7T3` (a character
 * missing) is one incomplete key and one whole one. Whatever comes out is shown before anything
 * is sent, so a user sees how their text was read.
 */
import { type KeyCheck, checkKey, keyLength, normalizeKey } from '../../core/online-key.js';
import type { KeyFormat } from '../../core/schemas.js';
import { MAX_PENDING_BATCH_KEYS, PENDING_BATCH_RESULTS, type PendingBatchResult } from '../../core/store.js';
import type { RedeemOutcome } from './outcome.js';

/** The most keys one batch takes; the rest are counted as `overflow` and not taken. */
export const MAX_BATCH_KEYS = MAX_PENDING_BATCH_KEYS;

/** Only this much of the field is read, so that a huge paste cannot make parsing slow. */
export const MAX_BATCH_TEXT_LENGTH = 100_000;

/** Line breaks (every kind), tabs, commas and semicolons: they always end a key. */
const HARD_SEPARATORS = /[\n\r\v\f\t\u0085\u2028\u2029,;\uff0c\uff1b\u3001\ufe10\ufe14\ufe50\ufe54]+/u;
/** Spaces of every kind (`\s` includes the ideographic space U+3000). */
const SPACES = /\s+/u;

export type BatchEntry =
  | { readonly key: string; readonly status: 'ok' }
  /** The same key came earlier in the list (`firstIndex` is that entry's index). */
  | { readonly key: string; readonly status: 'duplicate'; readonly firstIndex: number }
  | { readonly key: string; readonly status: 'malformed'; readonly check: Exclude<KeyCheck, { valid: true }> };

export interface ParsedBatch {
  /** Everything found, in order: each normalized, well-formed or not. */
  readonly entries: readonly BatchEntry[];
  /** What is sent: the well-formed keys, each once, in order. */
  readonly keys: readonly string[];
  readonly duplicates: number;
  readonly malformed: number;
  /** Keys beyond `MAX_BATCH_KEYS`, not taken. */
  readonly overflow: number;
}

/** The normalized keys in `text`, split by the rule above (not yet checked or deduplicated). */
export function splitKeys(text: string, format: KeyFormat): string[] {
  const length = keyLength(format);
  const found: string[] = [];
  for (const piece of String(text).slice(0, MAX_BATCH_TEXT_LENGTH).split(HARD_SEPARATORS)) {
    let current = '';
    for (const word of piece.split(SPACES)) {
      const part = normalizeKey(word);
      if (part === '') continue;
      if (current !== '' && current.length < length && current.length + part.length <= length) {
        current += part;
      } else {
        if (current !== '') found.push(current);
        current = part;
      }
    }
    if (current !== '') found.push(current);
  }
  return found;
}

/** Reads the batch field: every key normalized and checked, duplicates marked. Never throws. */
export function parseBatch(text: string, format: KeyFormat): ParsedBatch {
  const all = splitKeys(text, format);
  const taken = all.slice(0, MAX_BATCH_KEYS);
  const firstIndex = new Map<string, number>();
  const entries: BatchEntry[] = [];
  const keys: string[] = [];
  let duplicates = 0;
  let malformed = 0;
  taken.forEach((key, index) => {
    const first = firstIndex.get(key);
    if (first !== undefined) {
      duplicates += 1;
      entries.push({ key, status: 'duplicate', firstIndex: first });
      return;
    }
    firstIndex.set(key, index);
    const check = checkKey(key, format);
    if (check.valid) {
      keys.push(key);
      entries.push({ key, status: 'ok' });
    } else {
      malformed += 1;
      entries.push({ key, status: 'malformed', check });
    }
  });
  return { entries, keys, duplicates, malformed, overflow: all.length - taken.length };
}

/**
 * How a run's results are counted in its summary ("12 aktiviert, 1 bereits eingelöst, 1 ungültig"),
 * in the order the summary names them: the words the pending batch keeps for a key done (a
 * `malformed` key counts as `invalid`), and `not-redeemed`, a key that failed for now.
 */
export type SummaryGroup = Exclude<PendingBatchResult, 'malformed'> | 'not-redeemed';
export const SUMMARY_GROUPS: readonly SummaryGroup[] = [
  ...PENDING_BATCH_RESULTS.filter((result): result is Exclude<PendingBatchResult, 'malformed'> => result !== 'malformed'),
  'not-redeemed',
];

/**
 * The summary group of a finished key: of its outcome, or of its result in one word as the
 * store's pending batch keeps it (a key done before a reload); `malformed` is a key never sent.
 */
export function summaryGroupOf(outcome: RedeemOutcome | PendingBatchResult): SummaryGroup | null {
  if (typeof outcome === 'string') return outcome === 'malformed' ? 'invalid' : outcome;
  switch (outcome.kind) {
    case 'activated':
      return 'activated';
    case 'already-owned':
    case 'redeemed-by-you':
      return 'owned';
    case 'redeemed-by-other':
      return 'taken';
    case 'not-found':
    case 'invalid-format':
      return 'invalid';
    case 'expired':
      return 'expired';
    case 'not-yet-valid':
      return 'not-yet-valid';
    case 'not-for-customer-type':
      return 'not-for-customer-type';
    case 'transient':
    case 'failed':
      return 'not-redeemed';
    // Not a key's result: the run goes on (`rate-limited`), or waits for a sign-in.
    case 'rate-limited':
    case 'sign-in':
    case 'ignored':
      return null;
  }
}

/** Counts finished keys by summary group; groups with none are left out, the order is kept. */
export function countByGroup(results: readonly (RedeemOutcome | PendingBatchResult)[]): [SummaryGroup, number][] {
  const counts = new Map<SummaryGroup, number>();
  for (const result of results) {
    const group = summaryGroupOf(result);
    if (group) counts.set(group, (counts.get(group) ?? 0) + 1);
  }
  return SUMMARY_GROUPS.filter((group) => counts.has(group)).map((group) => [group, counts.get(group)!]);
}
