/**
 * The redeems of a store, by normalized key: a repeat while the redeem of a key is in flight
 * shares it, and each intent to redeem a key carries one Idempotency-Key, reused on retries of
 * that key, so that a key is never redeemed twice. Different keys may be redeemed at once.
 */
import type { ActionResult } from './account-snapshot.js';
import type { RedeemResult } from './schemas.js';
import { uuid } from './uuid.js';

export class RedeemIntents {
  readonly #inFlight = new Map<string, Promise<ActionResult<RedeemResult>>>();
  /** One Idempotency-Key per normalized key until that intent has a definitive outcome. */
  readonly #idempotencyKeys = new Map<string, string>();
  readonly #onChange: () => void;

  /** `onChange` runs whenever a redeem starts or settles. */
  constructor(onChange: () => void) {
    this.#onChange = onChange;
  }

  /** Whether any redeem is in flight. */
  get busy(): boolean {
    return this.#inFlight.size > 0;
  }

  /** The redeem of `key` in flight, or a new one that `redeem` runs. */
  share(key: string, redeem: () => Promise<ActionResult<RedeemResult>>): Promise<ActionResult<RedeemResult>> {
    const existing = this.#inFlight.get(key);
    if (existing) return existing;
    const promise = redeem().finally(() => {
      this.#inFlight.delete(key);
      this.#onChange();
    });
    this.#inFlight.set(key, promise);
    this.#onChange();
    return promise;
  }

  /** The Idempotency-Key of the intent to redeem `key`: the one of an attempt that may be retried, or a new one. */
  idempotencyKey(key: string): string {
    let idempotencyKey = this.#idempotencyKeys.get(key);
    if (!idempotencyKey) this.#idempotencyKeys.set(key, (idempotencyKey = uuid()));
    return idempotencyKey;
  }

  /**
   * Ends the intent to redeem `key` unless `result` may be retried: only a retry of an attempt
   * whose outcome is unknown or refused for now may reuse the Idempotency-Key; after a definitive
   * answer, the next submit is a new intent.
   */
  settle(key: string, result: ActionResult<RedeemResult>): void {
    const retryable = !result.ok && (result.error.isTransient || result.error.code === 'rate-limited');
    if (!retryable) this.#idempotencyKeys.delete(key);
  }

  /** Ends every intent: no attempt made with a backend that was replaced is retried with its key. */
  forget(): void {
    this.#idempotencyKeys.clear();
  }
}
