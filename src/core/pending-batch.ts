/**
 * The pending batch: what the store keeps of a batch redemption (`<ks-redeem-key multiple>`) that
 * is not over yet, so that a reload, a sign-in or a registration loses none of it. It holds the
 * keys still to do and, for each key done, its result in one word: nothing from the server beyond
 * that word (no product, no title, no URL). The results are one user's, so they carry whose they
 * are (`owner`, an account tag: a hash of the user id, see owed-sign-out.ts); the store shows them
 * to nobody else. `toPendingBatch` makes one from anything, whether it came from a caller or from
 * web storage, and drops whatever does not fit.
 */
import { isKeyText, normalizeKey } from './online-key.js';
import { toAccountTag } from './owed-sign-out.js';

/**
 * The most keys a pending batch holds, still to do and done together; more are dropped, so that
 * storage cannot grow without bound.
 */
export const MAX_PENDING_BATCH_KEYS = 500;

/**
 * What became of a key that is done, in one word: the group a run's summary counts it in
 * ("12 aktiviert, 1 bereits eingelöst"), or `malformed`, a key that was never sent. A key whose
 * redemption failed for now is not done: it is one of the keys still to do.
 */
export const PENDING_BATCH_RESULTS = [
  'activated',
  'owned',
  'taken',
  'invalid',
  'expired',
  'not-yet-valid',
  'not-for-customer-type',
  'malformed',
] as const;
export type PendingBatchResult = (typeof PENDING_BATCH_RESULTS)[number];

/** A key of a batch that is done, and its result in one word. */
export interface FinishedBatchKey {
  readonly key: string;
  readonly result: PendingBatchResult;
}

/**
 * A batch redemption that is not over: `keys` still to do (waiting, or failed for now), in order,
 * at least one; `done`, the keys done so far with their results, in order, and `owner`, whose
 * results they are (an account tag; results without one are dropped). Each key normalized, plain
 * key text, once in all; at most `MAX_PENDING_BATCH_KEYS` together.
 */
export interface PendingBatch {
  readonly keys: readonly string[];
  readonly done: readonly FinishedBatchKey[];
  readonly owner?: string;
}

const RESULTS: ReadonlySet<unknown> = new Set(PENDING_BATCH_RESULTS);

/**
 * A pending batch as the store keeps it (see `PendingBatch`), from `raw`: a pending batch, or a
 * list of keys alone (none done yet; also what web storage held before results were kept). Keys
 * that are not strings of plain key text, results of an unknown kind or shape, a key a second
 * time, and anything beyond `MAX_PENDING_BATCH_KEYS` (keys to do first) are dropped; any other
 * field is not kept. `null` when no key is left to do: a batch with nothing to do is over.
 */
export function toPendingBatch(raw: unknown): PendingBatch | null {
  const source: { keys?: unknown; done?: unknown; owner?: unknown } | null = Array.isArray(raw)
    ? { keys: raw }
    : typeof raw === 'object' && raw !== null
      ? (raw as { keys?: unknown; done?: unknown; owner?: unknown })
      : null;
  if (source === null || !Array.isArray(source.keys)) return null;
  const seen = new Set<string>();
  const keys: string[] = [];
  for (const item of source.keys as unknown[]) {
    if (seen.size >= MAX_PENDING_BATCH_KEYS) break;
    const key = toKey(item);
    if (key === null || seen.has(key)) continue;
    seen.add(key);
    keys.push(key);
  }
  if (keys.length === 0) return null;
  const owner = toAccountTag(source.owner);
  const done: FinishedBatchKey[] = [];
  // Results whose owner is not known are nobody's to show.
  for (const item of Array.isArray(source.done) && owner !== null ? (source.done as unknown[]) : []) {
    if (seen.size >= MAX_PENDING_BATCH_KEYS) break;
    if (typeof item !== 'object' || item === null) continue;
    const { key: rawKey, result } = item as { key?: unknown; result?: unknown };
    const key = toKey(rawKey);
    if (key === null || seen.has(key) || !RESULTS.has(result)) continue;
    seen.add(key);
    done.push(Object.freeze({ key, result: result as PendingBatchResult }));
  }
  return Object.freeze({ keys: Object.freeze(keys), done: Object.freeze(done), ...(done.length > 0 && owner !== null ? { owner } : {}) });
}

/** `batch` with its keys to do and no results (nor an owner). */
export function withoutResults(batch: PendingBatch | null): PendingBatch | null {
  return batch === null || batch.done.length === 0 ? batch : toPendingBatch(batch.keys);
}

function toKey(raw: unknown): string | null {
  if (typeof raw !== 'string') return null;
  const key = normalizeKey(raw);
  return isKeyText(key) ? key : null;
}

/** The same keys to do and the same results, in the same order. */
export function samePendingBatch(a: PendingBatch | null, b: PendingBatch | null): boolean {
  if (a === b) return true;
  if (a === null || b === null) return false;
  return (
    a.owner === b.owner &&
    a.keys.length === b.keys.length &&
    a.keys.every((key, i) => key === b.keys[i]) &&
    a.done.length === b.done.length &&
    a.done.every((each, i) => each.key === b.done[i]!.key && each.result === b.done[i]!.result)
  );
}
