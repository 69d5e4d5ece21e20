import type { ReactiveControllerHost } from 'lit';
import { CountdownController } from '../../core/countdown.js';

/**
 * One kind of request the element sends (sign in, reset link, confirmation mail, new password):
 * whether it is in flight, and the countdown that refuses it for now (a rate limit, or the resend
 * cooldown). Its host re-renders when either changes.
 */
export class RequestState {
  readonly #host: ReactiveControllerHost;
  readonly #countdown: CountdownController;
  #busy = false;
  #blockedWhenAsked = false;

  constructor(host: ReactiveControllerHost) {
    this.#host = host;
    this.#countdown = new CountdownController(host);
  }

  get busy(): boolean {
    return this.#busy;
  }

  get blocked(): boolean {
    return this.#countdown.running;
  }

  /** Seconds until it is no longer blocked. */
  get remaining(): number {
    return this.#countdown.remaining;
  }

  /** Neither in flight nor blocked: a submit may send it. */
  get ready(): boolean {
    return !this.#busy && !this.blocked;
  }

  block(seconds: number): void {
    this.#countdown.start(seconds);
  }

  unblock(): void {
    this.#countdown.stop();
  }

  /** Marks the request as in flight around `call`. */
  async run<T>(call: () => Promise<T>): Promise<T> {
    this.#busy = true;
    this.#host.requestUpdate();
    try {
      return await call();
    } finally {
      this.#busy = false;
      this.#host.requestUpdate();
    }
  }

  /** Whether the block ended since the last call: "try again now" is said once. */
  unblockedSinceAsked(): boolean {
    const blocked = this.blocked;
    const ended = this.#blockedWhenAsked && !blocked;
    this.#blockedWhenAsked = blocked;
    return ended;
  }
}
