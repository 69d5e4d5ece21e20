/**
 * What of `AccountStore` survives a reload, and where: the pending key, the pending batch (keys,
 * and a word for each key done: see pending-batch.ts) and the registration draft (never a
 * password) in the tab's sessionStorage, an owed sign-out (a hash of whose it is, see
 * owed-sign-out.ts) in localStorage. Nothing else of the store reaches web storage. Each value is
 * read back with care: storage may hold anything.
 */
import type { AccountSnapshot } from './account-snapshot.js';
import { normalizeKey } from './online-key.js';
import { toAccountTag } from './owed-sign-out.js';
import { type PendingBatch, toPendingBatch } from './pending-batch.js';
import { PersistedValue, defaultLocalStorage, defaultSessionStorage } from './persisted.js';
import { type RegistrationDraft, toRegistrationDraft } from './registration-draft.js';

const PENDING_KEY_STORAGE = 'keyshelf:pending-key';
const PENDING_BATCH_STORAGE = 'keyshelf:pending-batch';
const DRAFT_STORAGE = 'keyshelf:registration-draft';
const SIGN_OUT_OWED_STORAGE = 'keyshelf:sign-out-owed';

type PendingKeyFields = Pick<AccountSnapshot, 'pendingKey' | 'pendingKeySubmitted'>;

/** The pending key as web storage keeps it: the key alone, or with the mark that the user submitted it. */
type StoredPendingKey = string | { readonly key: string; readonly submitted: true };

function toStoredPendingKey(raw: unknown): StoredPendingKey | null {
  if (typeof raw === 'string') return raw === '' ? null : normalizeKey(raw);
  if (typeof raw !== 'object' || raw === null) return null;
  const { key, submitted } = raw as { key?: unknown; submitted?: unknown };
  if (typeof key !== 'string' || key === '') return null;
  return submitted === true ? { key: normalizeKey(key), submitted: true } : normalizeKey(key);
}

function pendingKeyFields(stored: StoredPendingKey | null): PendingKeyFields {
  if (stored === null) return { pendingKey: null, pendingKeySubmitted: false };
  return typeof stored === 'string' ? { pendingKey: stored, pendingKeySubmitted: false } : { pendingKey: stored.key, pendingKeySubmitted: true };
}

/** The pending key in storage, read and written as the snapshot's fields. */
export class PersistedPendingKey {
  readonly #value: PersistedValue<StoredPendingKey>;

  constructor(storage: Storage | null) {
    this.#value = new PersistedValue(PENDING_KEY_STORAGE, storage, toStoredPendingKey);
  }

  read(): PendingKeyFields {
    return pendingKeyFields(this.#value.read());
  }

  /** Keeps `key` normalized (`null` or empty clears it) and returns the fields that show it. */
  write(key: string | null, submitted: boolean): PendingKeyFields {
    const normalized = key === null ? '' : normalizeKey(key);
    const stored: StoredPendingKey | null = normalized === '' ? null : submitted ? { key: normalized, submitted: true } : normalized;
    this.#value.write(stored);
    return pendingKeyFields(stored);
  }
}

export interface PersistedState {
  readonly pendingKey: PersistedPendingKey;
  readonly pendingBatch: PersistedValue<PendingBatch>;
  readonly registrationDraft: PersistedValue<RegistrationDraft>;
  readonly owedSignOut: PersistedValue<string>;
}

/**
 * The persisted values of a store with `storage` (see `AccountStoreOptions.storage`): by default
 * sessionStorage, and localStorage for an owed sign-out; `null` keeps them in memory.
 */
export function openPersistedState(storage: Storage | null | undefined): PersistedState {
  const tabStorage = storage === undefined ? defaultSessionStorage() : storage;
  // An owed sign-out must outlive the tab: on a shared computer the next person opens a new one,
  // and the session cookie outlives the tab. The flag is a hash of the user id, no secret.
  const owedStorage = storage === undefined ? defaultLocalStorage() : storage;
  return {
    pendingKey: new PersistedPendingKey(tabStorage),
    pendingBatch: new PersistedValue(PENDING_BATCH_STORAGE, tabStorage, toPendingBatch),
    registrationDraft: new PersistedValue(DRAFT_STORAGE, tabStorage, toRegistrationDraft),
    owedSignOut: new PersistedValue(SIGN_OUT_OWED_STORAGE, owedStorage, toAccountTag),
  };
}
