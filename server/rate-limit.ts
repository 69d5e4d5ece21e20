/**
 * In-memory rate limits: a fixed window per key that starts with its first hit. One process only;
 * several processes behind a load balancer would each count on their own (see README).
 */
import type { Clock } from './clock.js';
import { HOUR, MINUTE } from './clock.js';

export interface Limit {
  max: number;
  windowMs: number;
}

export interface RateLimits {
  /** Failed sign-ins per (account, IP). */
  signInPerAccountAndIp: Limit;
  /** Failed sign-ins per IP across accounts (credential stuffing). */
  signInPerIp: Limit;
  /** Failed sign-ins per account across IPs (guessing one password from many addresses). */
  signInPerAccount: Limit;
  /** Failed redeems per account. */
  redeemPerAccount: Limit;
  /** Failed redeems per IP. */
  redeemPerIp: Limit;
  /** Registrations per IP. */
  registerPerIp: Limit;
  /** Confirmation e-mails sent again, per IP. */
  resendPerIp: Limit;
  /** Password-reset requests per IP. */
  resetPerIp: Limit;
}

/**
 * Failed sign-ins, three counters at once, each over 15 minutes:
 * - 10 per account and IP: the "10 failures per account and IP per 15 minutes";
 * - 100 per IP, across accounts: high, because a whole school signs in from one NAT address;
 * - 50 per account, across IPs: caps guessing spread over many addresses. Higher than the pair
 *   limit, so one attacker from one address (10) cannot lock the account's owner out; it takes five
 *   addresses, and even then the lock ends 15 minutes after the first failure.
 * Unknown addresses count like accounts, so that a 429 does not tell which addresses exist.
 */
export const DEFAULT_RATE_LIMITS: RateLimits = {
  signInPerAccountAndIp: { max: 10, windowMs: 15 * MINUTE },
  signInPerIp: { max: 100, windowMs: 15 * MINUTE },
  signInPerAccount: { max: 50, windowMs: 15 * MINUTE },
  redeemPerAccount: { max: 10, windowMs: 10 * MINUTE },
  redeemPerIp: { max: 10, windowMs: 10 * MINUTE },
  registerPerIp: { max: 5, windowMs: 1 * HOUR },
  resendPerIp: { max: 5, windowMs: 1 * HOUR },
  resetPerIp: { max: 5, windowMs: 1 * HOUR },
};

export type LimitName = keyof RateLimits;

interface Window {
  count: number;
  resetAt: number;
}

export class RateLimiter {
  readonly #limits: RateLimits;
  readonly #clock: Clock;
  readonly #windows = new Map<string, Window>();
  readonly #maxEntries: number;

  constructor(limits: RateLimits, clock: Clock, maxEntries = 100_000) {
    this.#limits = limits;
    this.#clock = clock;
    this.#maxEntries = maxEntries;
  }

  #live(id: string): Window | undefined {
    const window = this.#windows.get(id);
    if (window && window.resetAt <= this.#clock.now()) {
      this.#windows.delete(id);
      return undefined;
    }
    return window;
  }

  /** Seconds until `key` may try again under `name`, or 0 when it may now. */
  retryAfter(name: LimitName, key: string): number {
    const window = this.#live(`${name}\u0000${key}`);
    if (!window || window.count < this.#limits[name].max) return 0;
    return Math.max(1, Math.ceil((window.resetAt - this.#clock.now()) / 1000));
  }

  /** Counts one attempt (or failure) of `key` under `name`. */
  hit(name: LimitName, key: string): void {
    const id = `${name}\u0000${key}`;
    const window = this.#live(id);
    if (window) {
      window.count += 1;
      return;
    }
    if (this.#windows.size >= this.#maxEntries) this.prune();
    if (this.#windows.size >= this.#maxEntries) {
      // Still full of live windows: drop the oldest entry rather than grow without bound.
      const oldest = this.#windows.keys().next();
      if (!oldest.done) this.#windows.delete(oldest.value);
    }
    this.#windows.set(id, { count: 1, resetAt: this.#clock.now() + this.#limits[name].windowMs });
  }

  reset(name: LimitName, key: string): void {
    this.#windows.delete(`${name}\u0000${key}`);
  }

  /** Drops expired windows. */
  prune(): void {
    const now = this.#clock.now();
    for (const [id, window] of this.#windows) if (window.resetAt <= now) this.#windows.delete(id);
  }

  get size(): number {
    return this.#windows.size;
  }
}
