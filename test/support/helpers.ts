/** Small helpers that tests of every element share. */
import type { MemoryBackend } from '../../src/adapters/memory/index.js';
import type { KsEventMap } from '../../src/core/events.js';

type AsyncMethod = (...args: never[]) => Promise<unknown>;
type AsyncMethodName<T> = { [K in keyof T]: T[K] extends AsyncMethod ? K : never }[keyof T];

export interface Spy<Call> {
  /** One entry per call, in order. */
  readonly calls: Call[];
  /** Lets every held call go on (with `hold`). */
  release(): void;
}

/**
 * Replaces `target[method]` by a wrapper that records each call's arguments (or what `record`
 * makes of them) and then calls the original; with `hold`, each call waits until `release()`.
 */
export function spyOn<T extends object, M extends AsyncMethodName<T>, Call = T[M] extends AsyncMethod ? Parameters<T[M]> : never>(
  target: T,
  method: M,
  options: { hold?: boolean; record?: (...args: T[M] extends AsyncMethod ? Parameters<T[M]> : never) => Call } = {},
): Spy<Call> {
  const original = (target[method] as (...args: unknown[]) => Promise<unknown>).bind(target);
  let releaseAll: () => void = () => {};
  const gate = new Promise<void>((resolve) => (releaseAll = resolve));
  const calls: Call[] = [];
  const record = (options.record ?? ((...args: unknown[]) => args)) as (...args: unknown[]) => Call;
  (target as Record<PropertyKey, unknown>)[method] = async (...args: unknown[]) => {
    calls.push(record(...args));
    if (options.hold) await gate;
    return original(...args);
  };
  return { calls, release: () => releaseAll() };
}

/** Collects the keyshelf events of one type that reach the document; `onEvent` sees each as it comes. */
export function collect<K extends keyof KsEventMap>(type: K, onEvent?: (event: KsEventMap[K]) => void) {
  const events: KsEventMap[K][] = [];
  const listener = (event: Event) => {
    events.push(event as KsEventMap[K]);
    onEvent?.(event as KsEventMap[K]);
  };
  document.addEventListener(type, listener);
  return { events, stop: () => document.removeEventListener(type, listener) };
}

/**
 * Puts the page on the URL an e-mail link leads to (`?ks-confirm=…` or `?ks-reset=…`, after the
 * test runner's own parameters); returns the function that puts the original URL back.
 */
export function followLink(query: string): () => void {
  const original = `${location.pathname}${location.search}${location.hash}`;
  const search = location.search ? `${location.search}&${query}` : `?${query}`;
  history.replaceState(null, '', `${location.pathname}${search}`);
  return () => history.replaceState(null, '', original);
}

/** The token of the newest mail of `kind` to `to` in a MemoryBackend's mailbox. */
export function mailedToken(backend: MemoryBackend, kind: 'confirm' | 'reset', to: string): string {
  const mail = backend.mailbox.filter((each) => each.kind === kind && each.to === to).at(-1);
  if (!mail?.token) throw new Error(`no ${kind} mail to ${to}`);
  return mail.token;
}

/** The element focused in the document, looking into shadow roots. */
export function deepActiveElement(): Element | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

/** A `Storage` in memory: what sessionStorage keeps across a reload of the same tab. */
export class MemoryStorage implements Storage {
  readonly #items = new Map<string, string>();
  get length(): number {
    return this.#items.size;
  }
  clear(): void {
    this.#items.clear();
  }
  getItem(key: string): string | null {
    return this.#items.get(key) ?? null;
  }
  key(index: number): string | null {
    return [...this.#items.keys()][index] ?? null;
  }
  removeItem(key: string): void {
    this.#items.delete(key);
  }
  setItem(key: string, value: string): void {
    this.#items.set(key, String(value));
  }
  /** Everything stored, in insertion order. */
  values(): string[] {
    return [...this.#items.values()];
  }
}
