/**
 * The work a store has in flight, and when it is cut short. Concurrent calls of one action share
 * one promise (`dedupe`); the actions in flight are the snapshot's `busy`. Two scopes end work:
 * the epoch, whenever whose data the page shows changes (a sign-in, a sign-out, another tab), and
 * the backend, when it is replaced. A scope that ends aborts its requests; work started in an
 * older epoch drops its answer (`epoch` tells which one it started in).
 */
import type { StoreAction } from './account-snapshot.js';
import type { CallOptions } from './backend.js';

export class InFlight {
  /** Increments whenever whose data we show changes; work started in an older epoch is dropped. */
  #epoch = 0;
  /** Aborts the loads of the current epoch when it ends. */
  #epochController = new AbortController();
  /**
   * Aborts what belongs to the backend rather than to a user (the registration options) when the
   * backend is replaced; a sign-in or sign-out leaves it alone.
   */
  #backendController = new AbortController();
  readonly #promises = new Map<StoreAction, Promise<unknown>>();
  /** The arguments of an action in flight that is shared only by calls with the same ones. */
  readonly #args = new Map<StoreAction, string>();
  readonly #onChange: () => void;

  /** `onChange` runs whenever an action starts or settles. */
  constructor(onChange: () => void) {
    this.#onChange = onChange;
  }

  get epoch(): number {
    return this.#epoch;
  }

  /** Call options bound to the current epoch: its end aborts the call. */
  epochOptions(): CallOptions {
    return { signal: this.#epochController.signal };
  }

  /** Aborts when the backend is replaced; each backend has its own. */
  get backendSignal(): AbortSignal {
    return this.#backendController.signal;
  }

  /** The actions in flight, in the order they started. */
  get actions(): StoreAction[] {
    return [...this.#promises.keys()];
  }

  has(action: StoreAction): boolean {
    return this.#promises.has(action);
  }

  /** The promise of `action` in flight, or a resolved one when none is. */
  whenDone(action: StoreAction): Promise<void> {
    return (this.#promises.get(action) as Promise<void> | undefined) ?? Promise.resolve();
  }

  /** Ends the epoch: its loads are aborted, and the next ask for the session or the products starts one anew. */
  beginEpoch(): void {
    this.#epoch += 1;
    this.#epochController.abort();
    this.#epochController = new AbortController();
    this.#promises.delete('session');
    this.#promises.delete('products');
  }

  /** Ends the epoch and the backend's work, and forgets every action in flight. */
  replaceBackend(): void {
    this.beginEpoch();
    this.#backendController.abort();
    this.#backendController = new AbortController();
    this.#promises.clear();
    this.#args.clear();
  }

  /** Aborts the work of the current epoch and backend (the store is disposed of). */
  abort(): void {
    this.#epochController.abort();
    this.#backendController.abort();
  }

  /**
   * Shares one promise per action while it is in flight and lists the action as busy meanwhile.
   * With `args`, only a call with the same arguments shares it; a call with other arguments runs
   * once the one in flight has settled (and is the one that later calls share).
   */
  dedupe<T>(action: StoreAction, run: () => Promise<T>, args?: readonly string[]): Promise<T> {
    const existing = this.#promises.get(action);
    const key = args === undefined ? undefined : JSON.stringify(args);
    if (existing && this.#args.get(action) === key) return existing as Promise<T>;
    const start = existing ? existing.then(run, run) : run();
    const promise = start.finally(() => {
      if (this.#promises.get(action) === promise) {
        this.#promises.delete(action);
        this.#args.delete(action);
      }
      this.#onChange();
    });
    this.#promises.set(action, promise);
    if (key === undefined) this.#args.delete(action);
    else this.#args.set(action, key);
    this.#onChange();
    return promise;
  }
}
