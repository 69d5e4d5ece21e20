import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * Counts whole seconds down to zero and re-renders its host each second: the "try again in N s"
 * of a rate limit or a resend cooldown. Stops when the host disconnects.
 */
export class CountdownController implements ReactiveController {
  readonly #host: ReactiveControllerHost;
  #endsAt = 0;
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(host: ReactiveControllerHost) {
    this.#host = host;
    host.addController(this);
  }

  /** Seconds left, 0 when not running. */
  get remaining(): number {
    return Math.max(0, Math.ceil((this.#endsAt - Date.now()) / 1000));
  }

  get running(): boolean {
    return this.remaining > 0;
  }

  start(seconds: number): void {
    this.#endsAt = Date.now() + Math.max(0, seconds) * 1000;
    this.#tick();
  }

  stop(): void {
    this.#endsAt = 0;
    this.#tick();
  }

  hostDisconnected(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  hostConnected(): void {
    if (this.running) this.#tick();
  }

  #tick(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    if (this.running) {
      // Wakes just after the shown number changes, rather than every 1000 ms from the start: an
      // interval that drifts or fires a little early would show a number twice and skip the next.
      const untilNextSecond = (this.#endsAt - Date.now()) % 1000 || 1000;
      this.#timer = setTimeout(() => this.#tick(), untilNextSecond + 5);
    }
    this.#host.requestUpdate();
  }
}
