/**
 * A sliding-window limit on failures: after `limit` failures within `windowMs`, further attempts
 * are refused until the oldest failure leaves the window. Refused attempts are not counted, so a
 * user who waits the announced time always gets through.
 */
export class FailureLimiter {
  readonly #failures = new Map<string, number[]>();

  constructor(
    readonly limit: number,
    readonly windowMs: number,
  ) {}

  /** Seconds until `id` may try again, or `undefined` when it may try now. */
  retryAfter(id: string, nowMs: number): number | undefined {
    const recent = this.#recent(id, nowMs);
    if (recent.length < this.limit) return undefined;
    const oldest = recent[recent.length - this.limit] ?? nowMs;
    return Math.max(1, Math.ceil((oldest + this.windowMs - nowMs) / 1000));
  }

  recordFailure(id: string, nowMs: number): void {
    const recent = this.#recent(id, nowMs);
    recent.push(nowMs);
    // Only the newest `limit` failures can ever decide a refusal.
    this.#failures.set(id, recent.slice(-this.limit));
  }

  /** Forgets the failures of `id`, e.g. after a successful sign-in. */
  reset(id: string): void {
    this.#failures.delete(id);
  }

  #recent(id: string, nowMs: number): number[] {
    const recent = (this.#failures.get(id) ?? []).filter((at) => at > nowMs - this.windowMs);
    this.#failures.set(id, recent);
    return recent;
  }
}
