/**
 * Idempotency records for redeem, scoped per account: an idempotency key is bound to the first
 * online key it was sent with, and to the result once that request succeeded. Failures are not
 * recorded as results: a retry re-evaluates, which gives the same answer for a permanent failure
 * and does not freeze a transient one (such as `rate-limited`) into every retry.
 */
export type IdempotencyLookup<T> =
  | { kind: 'new' }
  | { kind: 'replay'; result: T }
  /** The idempotency key was first used with a different online key. */
  | { kind: 'reused' };

/** Oldest records are forgotten beyond this many, so a long demo session cannot grow memory. */
const MAX_RECORDS = 1000;

export class IdempotencyRecords<T> {
  readonly #records = new Map<string, { key: string; result?: T }>();

  lookup(scope: string, idempotencyKey: string, key: string): IdempotencyLookup<T> {
    const record = this.#records.get(recordId(scope, idempotencyKey));
    if (record === undefined) return { kind: 'new' };
    if (record.key !== key) return { kind: 'reused' };
    return record.result === undefined ? { kind: 'new' } : { kind: 'replay', result: record.result };
  }

  bind(scope: string, idempotencyKey: string, key: string): void {
    const id = recordId(scope, idempotencyKey);
    if (this.#records.has(id)) return;
    this.#records.set(id, { key });
    if (this.#records.size > MAX_RECORDS) {
      const oldest = this.#records.keys().next().value;
      if (oldest !== undefined) this.#records.delete(oldest);
    }
  }

  complete(scope: string, idempotencyKey: string, result: T): void {
    const record = this.#records.get(recordId(scope, idempotencyKey));
    if (record !== undefined) record.result = result;
  }
}

function recordId(scope: string, idempotencyKey: string): string {
  return `${scope}\u0000${idempotencyKey}`;
}
