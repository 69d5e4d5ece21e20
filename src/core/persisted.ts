/**
 * One value kept in web storage (sessionStorage by default). Storage can be missing or throw
 * (sandboxed iframes, private modes, full quota); then the value lives only in memory, which is
 * the most we can do without losing what the user typed in this page.
 */
export class PersistedValue<T> {
  readonly #key: string;
  readonly #storage: Storage | null;
  readonly #revive: (raw: unknown) => T | null;

  constructor(key: string, storage: Storage | null, revive: (raw: unknown) => T | null) {
    this.#key = key;
    this.#storage = storage;
    this.#revive = revive;
  }

  read(): T | null {
    try {
      const raw = this.#storage?.getItem(this.#key);
      return raw == null ? null : this.#revive(JSON.parse(raw));
    } catch {
      return null;
    }
  }

  write(value: T | null): void {
    try {
      if (value === null) this.#storage?.removeItem(this.#key);
      else this.#storage?.setItem(this.#key, JSON.stringify(value));
    } catch {
      // Storage unavailable or full: the in-memory snapshot still holds the value.
    }
  }
}

/** `sessionStorage`, or null where touching it throws (e.g. a sandboxed iframe). */
export function defaultSessionStorage(): Storage | null {
  try {
    return globalThis.sessionStorage ?? null;
  } catch {
    return null;
  }
}

/** `localStorage`, or null where touching it throws. */
export function defaultLocalStorage(): Storage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}
