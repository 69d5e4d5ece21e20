/**
 * What `AccountStore` hands the elements: its immutable snapshot of the account, and the result
 * of each action. Also when two snapshot values are the same, so that a change that changes
 * nothing notifies nobody. store.ts exports these types.
 */
import type { BackendError } from './errors.js';
import type { MessageOverrides } from './localize.js';
import type { PendingBatch } from './pending-batch.js';
import type { RegistrationDraft } from './registration-draft.js';
import type { Product, RegistrationOptions, SessionUser } from './schemas.js';

export type AccountStatus = 'unknown' | 'signed-out' | 'signed-in';

/** Remote data as the UI renders it; `data` survives a reload that is in flight or failed. */
export type Resource<T> =
  | { readonly state: 'idle' }
  | { readonly state: 'loading'; readonly data?: T }
  | { readonly state: 'loaded'; readonly data: T }
  | { readonly state: 'error'; readonly error: BackendError; readonly data?: T };

export type StoreAction =
  | 'session'
  | 'sign-in'
  | 'sign-out'
  | 'password-reset'
  | 'password-reset-complete'
  | 'registration-options'
  | 'register'
  | 'resend-confirmation'
  | 'confirm-email'
  | 'redeem'
  | 'products';

/** Where the elements' links lead; each falls back to an inline flow or a `ks-navigate` event. */
export interface KeyshelfLinks {
  signIn?: string;
  register?: string;
  account?: string;
  products?: string;
  redeem?: string;
  support?: string;
}

export interface StoreSettings {
  /** Locale used when no `lang` attribute is closer to the element than `<html>`. */
  readonly lang?: string;
  readonly messages: MessageOverrides;
  readonly links: KeyshelfLinks;
}

export interface AccountSnapshot {
  readonly status: AccountStatus;
  readonly user: SessionUser | null;
  /**
   * Why the session could not be read; the status stays `unknown`. `refreshSession` clears it when
   * it starts (and sets it again should that read fail too).
   */
  readonly sessionError: BackendError | null;
  readonly products: Resource<readonly Product[]>;
  readonly registrationOptions: Resource<RegistrationOptions>;
  /** A normalized online key waiting for the user to sign in or register. */
  readonly pendingKey: string | null;
  /**
   * Whether the user submitted the pending key (a redeem while signed out) rather than it only
   * being filled in (from the page's address, or `setPendingKey`). `<ks-redeem-key auto-redeem>`
   * redeems only a submitted key without asking; a key from a link always waits for a click.
   */
  readonly pendingKeySubmitted: boolean;
  /**
   * A batch redemption (`<ks-redeem-key multiple>`) that is not over: its `keys` not finished yet
   * (normalized, in order, without duplicates) and the keys `done` so far with their results in one
   * word (`activated`, `taken`, …: never a product), at most `MAX_PENDING_BATCH_KEYS` together;
   * `null` when no batch waits. Kept across a reload, a sign-in or a registration like the pending
   * key; the results are the signed-in user's, so they go when nobody is signed in (a sign-out, a
   * session that ended) or someone else signs in, while the keys wait for the next sign-in.
   */
  readonly pendingBatch: PendingBatch | null;
  readonly registrationDraft: RegistrationDraft | null;
  /** The confirmation link followed on this page, if any, and its outcome. */
  readonly emailConfirmation: EmailConfirmation;
  /**
   * A password-reset link (`?ks-reset=…`) was followed on this page and its token waits, in
   * memory only, for an element to take it (`takePasswordResetToken()`) and ask for the new
   * password: `<ks-sign-in>` does, and shows "Neues Kennwort festlegen".
   */
  readonly passwordResetPending: boolean;
  /** Actions in flight. */
  readonly busy: readonly StoreAction[];
  /** Whether a backend is set; until then the status stays `unknown`. */
  readonly configured: boolean;
  readonly settings: StoreSettings;
}

/**
 * What became of an e-mail confirmation link (`?ks-confirm=…`) followed on this page:
 * - `idle`: none was followed (or its outcome no longer applies: the confirmed user signed out,
 *   or someone signed in after a failure);
 * - `confirming`: the token is with the backend; the session status stays `unknown` meanwhile;
 * - `confirmed`: the address is confirmed and `user` is signed in;
 * - `failed`: `error` says why. `retryable` when the link may still work (a transport failure,
 *   a rate limit): `retryEmailConfirmation()` sends the same token again. Otherwise the link is
 *   used up or broken (`validation` with `token-invalid` or `token-expired` on `token`): the user
 *   needs a new one (`resendConfirmation`).
 */
export type EmailConfirmation =
  | { readonly state: 'idle' }
  | { readonly state: 'confirming' }
  | { readonly state: 'confirmed'; readonly user: SessionUser }
  | { readonly state: 'failed'; readonly error: BackendError; readonly retryable: boolean };

export type ActionResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: BackendError };

/** Identical, or arrays with identical items (`busy`). */
export function sameValue(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((item, i) => Object.is(item, b[i]));
}

/** Plain data (strings, numbers, plain objects) equal in every field. */
function sameData(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  const aKeys = Object.keys(a).filter((key) => (a as Record<string, unknown>)[key] !== undefined);
  const bKeys = Object.keys(b).filter((key) => (b as Record<string, unknown>)[key] !== undefined);
  return aKeys.length === bKeys.length && aKeys.every((key) => sameData((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]));
}

export function sameSettings(a: StoreSettings, b: StoreSettings): boolean {
  return a.lang === b.lang && sameData(a.links, b.links) && sameData(a.messages, b.messages);
}
