/**
 * Optional `localStorage` persistence for the demo. The stored document is re-read when another
 * tab has changed it, so tabs of one demo share accounts, redemptions and the session.
 * Storage failures (private mode, quota, sandboxed frames) degrade to memory-only.
 */
import { parseStateDocument, type StateDocument } from './state.js';

export interface Persistence {
  /** The stored document when it changed since the last read or write, `null` when it is gone or corrupt, `undefined` when unchanged. */
  readIfChanged(): StateDocument | null | undefined;
  write(document: () => StateDocument): void;
}

export const noPersistence: Persistence = {
  readIfChanged: () => undefined,
  write: () => {},
};

const UNREAD = Symbol('unread');

export class LocalStoragePersistence implements Persistence {
  #lastRaw: string | null | typeof UNREAD = UNREAD;

  constructor(readonly storageKey: string) {}

  readIfChanged(): StateDocument | null | undefined {
    let raw: string | null;
    try {
      raw = localStorage.getItem(this.storageKey);
    } catch {
      return undefined;
    }
    if (raw === this.#lastRaw) return undefined;
    this.#lastRaw = raw;
    if (raw === null) return null;
    try {
      return parseStateDocument(JSON.parse(raw)) ?? null;
    } catch {
      return null;
    }
  }

  write(document: () => StateDocument): void {
    const raw = JSON.stringify(document());
    try {
      localStorage.setItem(this.storageKey, raw);
      this.#lastRaw = raw;
    } catch {
      // Memory-only from here; the demo keeps working.
    }
  }
}
