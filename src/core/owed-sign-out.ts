/**
 * A sign-out the backend did not confirm is owed (see `AccountStore.signOut` for when it is paid
 * and settled). What is kept of it, in web storage and in the other tabs' messages, is whose it
 * is, as a tag: an FNV-1a hash of the user id (8 hex digits), not the id, let alone a token. It
 * only has to tell "the same account" from "someone else".
 */
import type { PersistedValue } from './persisted.js';
import type { SessionUser } from './schemas.js';

/** The owed sign-out of a session whose user was not known (a sign-out while the session was unknown). */
const ANY_ACCOUNT = '*';

/** Whose something is, as a tag that tells "the same account" from "someone else" and no more. */
export function accountTag(userId: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < userId.length; i += 1) hash = Math.imul(hash ^ userId.charCodeAt(i), 0x01000193) >>> 0;
  return hash.toString(16).padStart(8, '0');
}

/** An account tag read from storage or another tab; anything else (a user id above all) is `null`. */
export function toAccountTag(raw: unknown): string | null {
  return typeof raw === 'string' && /^(?:\*|[0-9a-f]{8})$/.test(raw) ? raw : null;
}

/** The one sign-out a store owes, if any, kept in `stored` as whose it is. */
export class OwedSignOut {
  readonly #stored: PersistedValue<string>;
  #account: string | null;

  constructor(stored: PersistedValue<string>) {
    this.#stored = stored;
    this.#account = stored.read();
  }

  /** Whose sign-out is owed (an account tag, or any account's); `null` when none is. */
  get account(): string | null {
    return this.#account;
  }

  /**
   * Owes the sign-out of `user`; of a session whose user is not known, it keeps whose sign-out was
   * owed already, or else owes any account's. Returns whose it is.
   */
  owe(user: SessionUser | null): string {
    const account = user ? accountTag(user.id) : (this.#account ?? ANY_ACCOUNT);
    this.#set(account);
    return account;
  }

  /** The account owed a sign-out when a session of `user` is one to end (theirs, or any account's); else `null`. */
  owedFor(user: SessionUser): string | null {
    const owed = this.#account;
    return owed !== null && (owed === ANY_ACCOUNT || owed === accountTag(user.id)) ? owed : null;
  }

  /** Owes the sign-out another tab owes; anything but an account tag is ignored. */
  receive(raw: unknown): void {
    const account = toAccountTag(raw);
    if (account !== null) this.#set(account);
  }

  /** Nothing is owed any more: the sign-out went through, or a new session replaced the one to end. */
  settle(): void {
    this.#set(null);
  }

  #set(account: string | null): void {
    if (account === this.#account) return;
    this.#account = account;
    this.#stored.write(account);
  }
}
