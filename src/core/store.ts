/**
 * `AccountStore`: the one place that holds the account state of a page and talks to the backend.
 * Plain TypeScript (no Lit): elements read its immutable snapshot and call its actions.
 *
 * Guarantees the elements rely on:
 * - concurrent loads are deduped (ten elements asking for the session make one request);
 * - a response that arrives after the session changed (sign-in, sign-out, another tab) is dropped;
 * - any `unauthenticated` answer moves to signed-out, clears the user's data and keeps the pending
 *   key and the registration draft;
 * - a session that could not be read is "unknown", never "signed out": a redeem then reads it once
 *   more and, failing that, answers with the failure and keeps no pending key;
 * - a change that changes nothing (the same settings again, the same busy actions) notifies nobody;
 * - the pending key, the pending batch of keys and the draft (never a password) survive a reload
 *   in sessionStorage; `register` and `resendConfirmation` send the pending key along, so that the
 *   confirmation link brings it to the tab it opens, whose sessionStorage is empty;
 * - sign-in and sign-out reach the page's other tabs through a BroadcastChannel;
 * - a sign-out the backend did not confirm is owed: remembered in localStorage, so it outlives the
 *   tab as the session cookie does (whose, as a hash, nothing more), and sent again before that
 *   user is shown signed in again (`signOut`);
 * - a redeem carries one Idempotency-Key per intent, reused on retries of the same key;
 * - the tokens of e-mail links (`confirmEmail`, `receivePasswordResetLink`) stay in memory only,
 *   never in web storage, and are dropped once used.
 */
import type { Backend, CallOptions } from './backend.js';
import { BackendError, toBackendError } from './errors.js';
import type { MessageOverrides } from './localize.js';
import { isKeyText, normalizeKey } from './online-key.js';
import { PersistedValue, defaultLocalStorage, defaultSessionStorage } from './persisted.js';
import { type RegistrationDraft, toRegistrationDraft } from './registration-draft.js';
import type {
  Credentials,
  Product,
  RedeemResult,
  RegistrationAccepted,
  RegistrationOptions,
  RegistrationRequest,
  SessionUser,
} from './schemas.js';
import { uuid } from './uuid.js';

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
   * The keys of a batch redemption (`<ks-redeem-key multiple>`) that are not finished yet:
   * normalized, in order, without duplicates, at most `MAX_PENDING_BATCH_KEYS`; `null` when no batch
   * waits. Kept across a reload, a sign-in or a registration like the pending key.
   */
  readonly pendingBatch: readonly string[] | null;
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

export interface AccountStoreOptions {
  backend?: Backend;
  /**
   * Where the pending key, the pending batch and the registration draft survive reloads (default:
   * sessionStorage, one tab's); `null` keeps them in memory. When given, an owed sign-out is kept
   * here too; by default that goes to localStorage (see `signOut`).
   */
  storage?: Storage | null;
  /** BroadcastChannel name shared with the other tabs; `false` turns tab sync off. */
  channel?: string | false;
  settings?: Partial<StoreSettings>;
}

type Listener = (snapshot: AccountSnapshot) => void;
type TabMessage =
  | { type: 'signed-in'; userId: string }
  | { type: 'signed-out' }
  /** A sign-out the backend did not confirm: every tab owes it (see `AccountStore.signOut`). */
  | { type: 'sign-out-owed'; account: string };

const IDLE = Object.freeze({ state: 'idle' }) as Resource<never>;
const NO_CONFIRMATION: EmailConfirmation = Object.freeze({ state: 'idle' });
const CONFIRMING: EmailConfirmation = Object.freeze({ state: 'confirming' });
const PENDING_KEY_STORAGE = 'keyshelf:pending-key';
const PENDING_BATCH_STORAGE = 'keyshelf:pending-batch';

/** The pending key as web storage keeps it: the key alone, or with the mark that the user submitted it. */
type StoredPendingKey = string | { readonly key: string; readonly submitted: true };

function toStoredPendingKey(raw: unknown): StoredPendingKey | null {
  if (typeof raw === 'string') return raw === '' ? null : normalizeKey(raw);
  if (typeof raw !== 'object' || raw === null) return null;
  const { key, submitted } = raw as { key?: unknown; submitted?: unknown };
  if (typeof key !== 'string' || key === '') return null;
  return submitted === true ? { key: normalizeKey(key), submitted: true } : normalizeKey(key);
}

function pendingKeyFields(stored: StoredPendingKey | null): Pick<AccountSnapshot, 'pendingKey' | 'pendingKeySubmitted'> {
  if (stored === null) return { pendingKey: null, pendingKeySubmitted: false };
  return typeof stored === 'string' ? { pendingKey: stored, pendingKeySubmitted: false } : { pendingKey: stored.key, pendingKeySubmitted: true };
}

/** The most keys a pending batch holds; more are dropped, so that storage cannot grow without bound. */
export const MAX_PENDING_BATCH_KEYS = 500;

/**
 * A list of keys as the pending batch keeps it: each one normalized, nothing but letters and
 * digits, no duplicates, at most `MAX_PENDING_BATCH_KEYS`; `null` when none is left. Anything else
 * (a non-array, non-strings, markup) is dropped, whether it came from a caller or from storage.
 */
export function toPendingBatch(raw: unknown): readonly string[] | null {
  if (!Array.isArray(raw)) return null;
  const keys = new Set<string>();
  for (const item of raw as unknown[]) {
    if (keys.size >= MAX_PENDING_BATCH_KEYS) break;
    if (typeof item !== 'string') continue;
    const key = normalizeKey(item);
    if (isKeyText(key)) keys.add(key);
  }
  return keys.size > 0 ? Object.freeze([...keys]) : null;
}
const DRAFT_STORAGE = 'keyshelf:registration-draft';
const SIGN_OUT_OWED_STORAGE = 'keyshelf:sign-out-owed';
/** The owed sign-out of a session whose user was not known (a sign-out while the session was unknown). */
const ANY_ACCOUNT = '*';

/**
 * Whose sign-out is owed, as web storage keeps it: an FNV-1a hash of the user id (8 hex digits),
 * not the id, let alone a token. It only has to tell "the same account" from "someone else".
 */
function accountTag(userId: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < userId.length; i += 1) hash = Math.imul(hash ^ userId.charCodeAt(i), 0x01000193) >>> 0;
  return hash.toString(16).padStart(8, '0');
}

function toAccountTag(raw: unknown): string | null {
  return typeof raw === 'string' && /^(?:\*|[0-9a-f]{8})$/.test(raw) ? raw : null;
}

/** Identical, or arrays with identical items (`busy`, `pendingBatch`). */
function sameValue(a: unknown, b: unknown): boolean {
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

function sameSettings(a: StoreSettings, b: StoreSettings): boolean {
  return a.lang === b.lang && sameData(a.links, b.links) && sameData(a.messages, b.messages);
}

/** What any action answers while no backend is set. */
const noBackend = (): BackendError => new BackendError('server', {}, 'keyshelf: no backend configured');
const ok = <T>(value: T): ActionResult<T> => ({ ok: true, value });
const fail = <T>(error: BackendError): ActionResult<T> => ({ ok: false, error });

export class AccountStore {
  #backend: Backend | undefined;
  #snapshot: AccountSnapshot;
  readonly #listeners = new Set<Listener>();
  readonly #pendingKey: PersistedValue<StoredPendingKey>;
  readonly #pendingBatch: PersistedValue<readonly string[]>;
  readonly #draft: PersistedValue<RegistrationDraft>;
  readonly #signOutOwedStorage: PersistedValue<string>;
  /**
   * A sign-out the backend has not confirmed, kept in localStorage as whose it is (`accountTag`,
   * or `ANY_ACCOUNT`) and nothing else; `null` when none is owed. See `signOut`.
   */
  #owedSignOut: string | null;
  readonly #channel: BroadcastChannel | null;
  readonly #onOnline = (): void => this.#retryOwedSignOut();

  /** Increments whenever whose data we show changes; work started in an older epoch is dropped. */
  #epoch = 0;
  /** Aborts the loads of the current epoch when it ends. */
  #epochController = new AbortController();
  readonly #inFlight = new Map<StoreAction, Promise<unknown>>();
  /** The arguments of an action in flight that is shared only by calls with the same ones. */
  readonly #inFlightArgs = new Map<StoreAction, string>();
  #sessionWanted = false;
  #productsWanted = false;
  #registrationOptionsWanted = false;
  /**
   * Aborts what belongs to the backend rather than to a user (the registration options) when the
   * backend is replaced; a sign-in or sign-out leaves it alone.
   */
  #backendController = new AbortController();
  readonly #redeemsInFlight = new Map<string, Promise<ActionResult<RedeemResult>>>();
  /** One Idempotency-Key per normalized key until that intent has a definitive outcome. */
  readonly #idempotencyKeys = new Map<string, string>();
  /** The confirmation token while it is with the backend or may be retried; memory only. */
  #confirmationToken: string | null = null;
  /** Counts confirmation attempts: the answer to an older one (e.g. before `setBackend`) is dropped. */
  #confirmationAttempt = 0;
  /** The token of a followed password-reset link until an element takes it; memory only. */
  #resetToken: string | null = null;

  constructor(options: AccountStoreOptions = {}) {
    const storage = options.storage === undefined ? defaultSessionStorage() : options.storage;
    this.#pendingKey = new PersistedValue(PENDING_KEY_STORAGE, storage, toStoredPendingKey);
    this.#pendingBatch = new PersistedValue(PENDING_BATCH_STORAGE, storage, toPendingBatch);
    this.#draft = new PersistedValue(DRAFT_STORAGE, storage, toRegistrationDraft);
    // An owed sign-out must outlive the tab: on a shared computer the next person opens a new one,
    // and the session cookie outlives the tab. The flag is a hash of the user id, no secret.
    const owedStorage = options.storage === undefined ? defaultLocalStorage() : options.storage;
    this.#signOutOwedStorage = new PersistedValue(SIGN_OUT_OWED_STORAGE, owedStorage, toAccountTag);
    this.#owedSignOut = this.#signOutOwedStorage.read();
    this.#backend = options.backend;
    this.#snapshot = Object.freeze({
      status: 'unknown',
      user: null,
      sessionError: null,
      products: IDLE,
      registrationOptions: IDLE,
      ...pendingKeyFields(this.#pendingKey.read()),
      pendingBatch: this.#pendingBatch.read(),
      registrationDraft: this.#draft.read(),
      emailConfirmation: NO_CONFIRMATION,
      passwordResetPending: false,
      busy: [],
      configured: options.backend !== undefined,
      settings: { messages: {}, links: {}, ...options.settings },
    });
    const channelName = options.channel === undefined ? 'keyshelf' : options.channel;
    this.#channel = channelName !== false && typeof BroadcastChannel === 'function' ? new BroadcastChannel(channelName) : null;
    this.#channel?.addEventListener('message', (event: MessageEvent<TabMessage>) => this.#onTabMessage(event.data));
    globalThis.addEventListener?.('online', this.#onOnline);
  }

  get snapshot(): AccountSnapshot {
    return this.#snapshot;
  }

  get backend(): Backend | undefined {
    return this.#backend;
  }

  /** Calls `listener` with every new snapshot; returns the unsubscribe function. */
  subscribe(listener: Listener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Replaces the backend: everything read from the old one is dropped and read again on demand. */
  setBackend(backend: Backend): void {
    if (backend === this.#backend) return;
    this.#backend = backend;
    this.#idempotencyKeys.clear();
    this.#beginEpoch();
    this.#backendController.abort();
    this.#backendController = new AbortController();
    this.#inFlight.clear();
    this.#inFlightArgs.clear();
    this.#set({ status: 'unknown', user: null, sessionError: null, products: IDLE, registrationOptions: IDLE, busy: [], configured: true });
    // A confirmation the old backend was working on goes to the new one: the link was for this page.
    if (this.#snapshot.emailConfirmation.state === 'confirming' && this.#confirmationToken !== null) {
      void this.confirmEmail(this.#confirmationToken);
    }
    if (this.#sessionWanted) void this.ensureSession();
    if (this.#registrationOptionsWanted) void this.ensureRegistrationOptions();
  }

  /** Changes the settings; settings equal to the current ones (a re-applied config) notify nobody. */
  configure(settings: Partial<StoreSettings>): void {
    const next = { ...this.#snapshot.settings, ...settings };
    if (!sameSettings(next, this.#snapshot.settings)) this.#set({ settings: next });
  }

  /** Stops tab sync and aborts the loads in flight. */
  dispose(): void {
    this.#channel?.close();
    globalThis.removeEventListener?.('online', this.#onOnline);
    this.#epochController.abort();
    this.#backendController.abort();
    this.#listeners.clear();
  }

  // ——— session ———

  /**
   * Reads the session once; concurrent and later calls share that one request. While a
   * confirmation link is with the backend it waits for that instead: a confirmed link signs the
   * user in, so the status goes from `unknown` straight to `signed-in`, never `signed-out` first.
   */
  ensureSession(): Promise<void> {
    this.#sessionWanted = true;
    const confirming = this.#inFlight.get('confirm-email');
    if (confirming) return confirming.then(() => this.ensureSession());
    if (!this.#backend || this.#snapshot.status !== 'unknown' || this.#snapshot.sessionError) {
      return (this.#inFlight.get('session') as Promise<void> | undefined) ?? Promise.resolve();
    }
    return this.#loadSession();
  }

  /**
   * Reads the session again, e.g. after it failed or when another tab signed in. A retry starts
   * afresh: the previous `sessionError` is cleared at once, so the UI shows the load, not the failure.
   */
  refreshSession(): Promise<void> {
    this.#sessionWanted = true;
    if (!this.#backend) return Promise.resolve();
    this.#beginEpoch();
    this.#inFlight.delete('session');
    if (this.#snapshot.sessionError) this.#set({ sessionError: null });
    return this.#loadSession();
  }

  #loadSession(): Promise<void> {
    return this.#dedupe('session', async () => {
      const epoch = this.#epoch;
      try {
        const backend = this.#require();
        const user = await backend.getSession(this.#epochOptions());
        if (epoch !== this.#epoch) return;
        const owed = this.#owedSignOut;
        if (user && owed !== null && (owed === ANY_ACCOUNT || owed === accountTag(user.id))) {
          // The session this tab was asked to end is still alive: end it before anything shows
          // the user as signed in, and show them signed out whatever the backend answers.
          await this.#sendSignOut(backend, owed);
          if (epoch === this.#epoch) this.#applyUser(null);
          return;
        }
        // Nobody is signed in, or someone else signed in since: no session is left to end.
        this.#setOwedSignOut(null);
        this.#applyUser(user);
      } catch (error) {
        if (epoch !== this.#epoch) return;
        const backendError = toBackendError(error);
        if (backendError.code === 'unauthenticated') this.#applyUser(null);
        else if (backendError.code !== 'aborted') this.#set({ sessionError: backendError });
      }
    });
  }

  /**
   * Signs in. A second call with the same credentials while one is in flight (a double submit)
   * shares it; one with other credentials (another form, another password typed) starts once the
   * first has settled and gets its own answer: the last sign-in asked for is the one that holds.
   */
  signIn(credentials: Credentials): Promise<ActionResult<SessionUser>> {
    return this.#dedupe('sign-in', async () => {
      const result = await this.#call((options) => this.#require().signIn(credentials, options));
      if (result.ok) {
        // A new session replaced the one whose sign-out may be owed.
        this.#setOwedSignOut(null);
        this.#beginEpoch();
        this.#applyUser(result.value);
        this.#post({ type: 'signed-in', userId: result.value.id });
      }
      return result;
    }, [credentials.email, credentials.password]);
  }

  /**
   * Clears the user's data at once, whatever the backend answers. Without a backend there is nobody
   * to sign out: it answers a typed failure (`server`) and the status stays as it is.
   *
   * A sign-out the backend did not confirm (offline, a timeout, a server error, or a tab closed
   * while the request was out) is owed: the session may still be alive on the server, and the
   * next session read would sign the user back in, which on a shared computer lets the next
   * person in. So the store remembers it, in localStorage (it must outlive the tab, as the session
   * cookie does), as whose it is (a hash of the user
   * id: no token, no user data), tells the other tabs, and pays it before it shows that user as
   * signed in again: when a session read returns them (they stay signed out, whatever the second
   * sign-out answers), and so when the browser comes back online, which makes the store read the
   * session. A sign-in, or a session read that finds nobody or another user, settles it.
   */
  signOut(): Promise<ActionResult<void>> {
    const backend = this.#backend;
    if (!backend) return Promise.resolve(fail(noBackend()));
    return this.#dedupe('sign-out', async () => {
      const user = this.#snapshot.user;
      // Owed from the start: a tab closed while the request is out still owes it.
      const account = user ? accountTag(user.id) : (this.#owedSignOut ?? ANY_ACCOUNT);
      this.#setOwedSignOut(account);
      this.#beginEpoch();
      this.#applyUser(null);
      this.#post({ type: 'signed-out' });
      return this.#sendSignOut(backend, account);
    });
  }

  /** Sends a sign-out for the owed `account` and settles the debt by the answer. */
  async #sendSignOut(backend: Backend, account: string): Promise<ActionResult<void>> {
    const result = await this.#call((options) => backend.signOut(options));
    // A sign-in meanwhile settled it: its session replaced the one to end.
    if (this.#owedSignOut !== account) return result;
    // `unauthenticated`: the backend has no session to end.
    if (result.ok || result.error.code === 'unauthenticated') this.#setOwedSignOut(null);
    else this.#post({ type: 'sign-out-owed', account });
    return result;
  }

  /**
   * Back online: reads the session, which pays an owed sign-out if the session is still the one
   * to end (a blind sign-out could end someone else's, signed in since where this tab cannot see).
   * Nothing while a sign-out or a session read is in flight: each settles the debt itself.
   */
  #retryOwedSignOut(): void {
    if (this.#owedSignOut === null || !this.#backend || this.#inFlight.has('sign-out') || this.#inFlight.has('session')) return;
    void this.refreshSession();
  }

  #setOwedSignOut(account: string | null): void {
    if (account === this.#owedSignOut) return;
    this.#owedSignOut = account;
    this.#signOutOwedStorage.write(account);
  }

  requestPasswordReset(email: string): Promise<ActionResult<void>> {
    return this.#dedupe('password-reset', () => this.#call((options) => this.#require().requestPasswordReset(email, options)));
  }

  /**
   * Sets a new password with the token from the reset mail. It does not sign in. The backend ends
   * every session of that account, so a signed-in page reads its session again. Like `signIn`, a
   * repeat with the same token and password shares the call in flight; other ones wait for it.
   */
  completePasswordReset(token: string, password: string): Promise<ActionResult<void>> {
    return this.#dedupe('password-reset-complete', async () => {
      const result = await this.#call((options) => this.#require().completePasswordReset(token, password, options));
      if (result.ok && this.#snapshot.status === 'signed-in') void this.refreshSession();
      return result;
    }, [token, password]);
  }

  // ——— registration ———

  /**
   * Loads the registration options (customer types, key format, password policy) once, for any
   * number of elements, and again after `setBackend` replaced the backend. A failed load stays
   * failed until `loadRegistrationOptions()` is called again.
   */
  ensureRegistrationOptions(): Promise<void> {
    this.#registrationOptionsWanted = true;
    if (this.#snapshot.registrationOptions.state !== 'idle') {
      return (this.#inFlight.get('registration-options') as Promise<void> | undefined) ?? Promise.resolve();
    }
    return this.loadRegistrationOptions();
  }

  /** Loads the registration options, unless they are loaded; shares a load in flight. */
  loadRegistrationOptions(): Promise<void> {
    const current = this.#snapshot.registrationOptions;
    if (current.state === 'loaded' || !this.#backend) return Promise.resolve();
    return this.#dedupe('registration-options', async () => {
      // They are the backend's, not the user's: a sign-in meanwhile does not cut the load short.
      const controller = this.#backendController;
      this.#set({ registrationOptions: { state: 'loading' } });
      const result = await this.#call((options) => this.#require().getRegistrationOptions(options), { signal: controller.signal });
      if (controller !== this.#backendController) return;
      this.#set({ registrationOptions: result.ok ? { state: 'loaded', data: result.value } : { state: 'error', error: result.error } });
    });
  }

  /**
   * Registers. The pending key goes along (`request.pendingKey`, unless the request names one), so
   * that the confirmation link carries it to the tab it opens: see `#keyForLink`.
   */
  register(request: RegistrationRequest): Promise<ActionResult<RegistrationAccepted>> {
    return this.#dedupe('register', async () => {
      const pendingKey = request.pendingKey ?? this.#keyForLink();
      const sent = pendingKey === undefined ? request : { ...request, pendingKey };
      const result = await this.#call((options) => this.#require().register(sent, options));
      if (result.ok) this.setRegistrationDraft(null);
      return result;
    });
  }

  /** Asks for the confirmation mail again; its link carries the pending key, as with `register`. */
  resendConfirmation(email: string): Promise<ActionResult<void>> {
    return this.#dedupe('resend-confirmation', () => {
      const pendingKey = this.#keyForLink();
      return this.#call((options) => this.#require().resendConfirmation(email, pendingKey === undefined ? options : { ...options, pendingKey }));
    });
  }

  /**
   * The key a confirmation link should carry: the pending key, which lives in this tab's
   * sessionStorage, while the link usually opens a new tab. Only plain key text (the contract's
   * shape); the backend leaves out one that is not well-formed for its format. Never the pending
   * batch: up to 500 keys of a class set do not belong in a link or a mailbox, and
   * `<ks-redeem-key multiple>` takes no keys from the address; the batch waits in its tab.
   */
  #keyForLink(): string | undefined {
    const key = this.#snapshot.pendingKey;
    return key !== null && isKeyText(key) ? key : undefined;
  }

  /**
   * Confirms the e-mail address with the token from the mail; the backend signs the user in.
   * `snapshot.emailConfirmation` follows it (`confirming`, then `confirmed` or `failed`). The
   * token stays in memory while it may still be needed (in flight, or a retryable failure).
   * Keyshelf elements call this for the `?ks-confirm=` link of the page (see email-links.ts).
   */
  confirmEmail(token: string): Promise<ActionResult<SessionUser>> {
    return this.#dedupe('confirm-email', async () => {
      const attempt = ++this.#confirmationAttempt;
      this.#confirmationToken = token;
      // A session read still in flight would answer "signed out" just before the link signs in.
      if (this.#snapshot.status === 'unknown' && this.#inFlight.has('session')) this.#beginEpoch();
      this.#set({ emailConfirmation: CONFIRMING });
      const result = await this.#call((options) => this.#require().confirmEmail(token, options));
      if (attempt !== this.#confirmationAttempt) return result;
      if (result.ok) {
        this.#confirmationToken = null;
        // The link signed in: a new session replaced the one whose sign-out may be owed.
        this.#setOwedSignOut(null);
        this.#beginEpoch();
        this.#applyUser(result.value, { emailConfirmation: Object.freeze({ state: 'confirmed', user: result.value }) });
        this.#post({ type: 'signed-in', userId: result.value.id });
      } else {
        const { error } = result;
        const retryable = error.isTransient || error.code === 'rate-limited' || error.code === 'aborted';
        if (!retryable) this.#confirmationToken = null;
        this.#set({ emailConfirmation: Object.freeze({ state: 'failed', error, retryable }) });
        // Not signed in by the link: read the session (ensureSession waits until this call is done).
        if (this.#sessionWanted) void this.ensureSession();
      }
      return result;
    });
  }

  /**
   * Sends the token of the last confirmation link again, after a retryable failure. Without one
   * (used, or never followed) it answers `validation` with `token-invalid`, as the backend would.
   */
  retryEmailConfirmation(): Promise<ActionResult<SessionUser>> {
    const token = this.#confirmationToken;
    if (token === null) {
      return Promise.resolve(fail(new BackendError('validation', { fieldErrors: [{ field: 'token', code: 'token-invalid' }] })));
    }
    return this.confirmEmail(token);
  }

  /**
   * Keeps the token of a followed password-reset link (`?ks-reset=…`), in memory only, until an
   * element takes it; `snapshot.passwordResetPending` says one is waiting. A newer link replaces it.
   */
  receivePasswordResetLink(token: string): void {
    this.#resetToken = token;
    this.#set({ passwordResetPending: true });
  }

  /**
   * Hands the waiting reset token to the one caller that asks first (the form that will ask for
   * the new password) and forgets it; `null` when none waits. Pass it to `completePasswordReset`.
   */
  takePasswordResetToken(): string | null {
    const token = this.#resetToken;
    if (token === null) return null;
    this.#resetToken = null;
    this.#set({ passwordResetPending: false });
    return token;
  }

  /** Keeps what the wizard collected; anything but the known fields (a password above all) is dropped. */
  setRegistrationDraft(draft: RegistrationDraft | null): void {
    const clean = draft === null ? null : toRegistrationDraft(draft);
    this.#draft.write(clean);
    this.#set({ registrationDraft: clean });
  }

  // ——— keys and products ———

  /**
   * Keeps a key for after sign-in or registration (normalized; `null` or empty clears it). A key
   * set here is filled in, not submitted (`pendingKeySubmitted` is false): the user still confirms it.
   */
  setPendingKey(key: string | null): void {
    this.#writePendingKey(key, false);
  }

  #writePendingKey(key: string | null, submitted: boolean): void {
    const normalized = key === null ? '' : normalizeKey(key);
    const stored: StoredPendingKey | null = normalized === '' ? null : submitted ? { key: normalized, submitted: true } : normalized;
    this.#pendingKey.write(stored);
    this.#set(pendingKeyFields(stored));
  }

  /**
   * Keeps the keys of a batch redemption that are not finished yet, for after a sign-in, a
   * registration or a reload (see `pendingBatch`; `null` or an empty list clears it). Only
   * normalized keys are kept: see `toPendingBatch`.
   */
  setPendingBatch(keys: readonly string[] | null): void {
    const value = toPendingBatch(keys);
    const current = this.#snapshot.pendingBatch;
    if (value === current || (value && current && value.length === current.length && value.every((key, i) => key === current[i]))) return;
    this.#pendingBatch.write(value);
    this.#set({ pendingBatch: value });
  }

  /**
   * Redeems a key for the signed-in user. Signed out, it keeps the key as the pending key (unless
   * it waits in the pending batch already, which keeps it) and answers `unauthenticated`. When the
   * session could not be read (`sessionError`), it reads it once more first; if it still cannot,
   * it answers with that error (e.g. `offline`) and leaves the pending key alone: "unknown" is not
   * "signed out". A repeat while a redeem of the same key is in flight shares it; a retry after a
   * transient failure reuses the Idempotency-Key, so a key is never redeemed twice. Different keys
   * may be redeemed at the same time (a teacher's class set).
   */
  redeem(rawKey: string): Promise<ActionResult<RedeemResult>> {
    const key = normalizeKey(rawKey);
    const existing = this.#redeemsInFlight.get(key);
    if (existing) return existing;
    const promise = this.#redeemOnce(key).finally(() => {
      this.#redeemsInFlight.delete(key);
      this.#set({ busy: this.#busyActions() });
    });
    this.#redeemsInFlight.set(key, promise);
    this.#set({ busy: this.#busyActions() });
    return promise;
  }

  async #redeemOnce(key: string): Promise<ActionResult<RedeemResult>> {
    const unknown = await this.#sessionForRedeem();
    // Nobody knows yet whether anyone is signed in: that failure is the answer, and the key is no
    // one's pending key (it would be redeemed for whoever signs in next).
    if (unknown) return fail(unknown);
    if (this.#snapshot.status !== 'signed-in') {
      this.#keepPending(key);
      return fail(new BackendError('unauthenticated'));
    }
    let idempotencyKey = this.#idempotencyKeys.get(key);
    if (!idempotencyKey) this.#idempotencyKeys.set(key, (idempotencyKey = uuid()));
    const result = await this.#call((options) => this.#require().redeemKey(key, { ...options, idempotencyKey }));
    if (result.ok) {
      this.#addProduct(result.value.product);
      if (this.#snapshot.pendingKey === key) this.setPendingKey(null);
    } else if (result.error.code === 'unauthenticated') {
      // The session ended meanwhile: keep the key for after the next sign-in.
      this.#keepPending(key);
    }
    // Only a retry of an attempt whose outcome is unknown or refused for now may reuse the
    // Idempotency-Key; after a definitive answer, the next submit is a new intent.
    const retryable = !result.ok && (result.error.isTransient || result.error.code === 'rate-limited');
    if (!retryable) this.#idempotencyKeys.delete(key);
    return result;
  }

  /**
   * Makes sure the session is known before a redeem: a session that could not be read (or was not
   * answered) is read once more. Resolves with why it is still unknown, or null once it is known.
   */
  async #sessionForRedeem(): Promise<BackendError | null> {
    await this.ensureSession();
    if (this.#snapshot.status !== 'unknown') return null;
    if (!this.#backend) return noBackend();
    // Like `refreshSession`, without a new epoch: nothing of the user's was shown that could be stale.
    if (this.#snapshot.sessionError) this.#set({ sessionError: null });
    await this.#loadSession();
    if (this.#snapshot.status !== 'unknown') return null;
    // Still unknown without an error: the read was cut short (the session changed meanwhile).
    return this.#snapshot.sessionError ?? new BackendError('aborted');
  }

  /**
   * Keeps a key the user submitted that could not be redeemed for want of a session, unless the
   * pending batch holds it.
   */
  #keepPending(key: string): void {
    if (!this.#snapshot.pendingBatch?.includes(key)) this.#writePendingKey(key, true);
  }

  /** Loads the products once the user is signed in; shares a load in flight. */
  ensureProducts(): Promise<void> {
    this.#productsWanted = true;
    if (this.#snapshot.status !== 'signed-in' || this.#snapshot.products.state !== 'idle') {
      return (this.#inFlight.get('products') as Promise<void> | undefined) ?? Promise.resolve();
    }
    return this.reloadProducts();
  }

  reloadProducts(): Promise<void> {
    this.#productsWanted = true;
    if (this.#snapshot.status !== 'signed-in') return Promise.resolve();
    return this.#dedupe('products', async () => {
      const epoch = this.#epoch;
      const previous = this.#snapshot.products;
      const data = 'data' in previous ? previous.data : undefined;
      this.#set({ products: data ? { state: 'loading', data } : { state: 'loading' } });
      const result = await this.#call((options) => this.#require().listProducts(options));
      if (epoch !== this.#epoch) return;
      if (result.ok) this.#set({ products: { state: 'loaded', data: Object.freeze(result.value) } });
      else if (result.error.code !== 'unauthenticated') {
        this.#set({ products: data ? { state: 'error', error: result.error, data } : { state: 'error', error: result.error } });
      }
    });
  }

  #addProduct(product: Product): void {
    const products = this.#snapshot.products;
    if (products.state !== 'loaded') return;
    const rest = products.data.filter((item) => item.id !== product.id);
    this.#set({ products: { state: 'loaded', data: Object.freeze([product, ...rest]) } });
  }

  // ——— internals ———

  #require(): Backend {
    if (!this.#backend) throw noBackend();
    return this.#backend;
  }

  /** Runs a backend call (bound to the current epoch unless `options` says otherwise) and turns any failure into a typed result. */
  async #call<T>(run: (options: CallOptions) => Promise<T>, options: CallOptions = this.#epochOptions()): Promise<ActionResult<T>> {
    const epoch = this.#epoch;
    try {
      return ok(await run(options));
    } catch (error) {
      const backendError = toBackendError(error);
      if (backendError.code === 'unauthenticated' && epoch === this.#epoch && this.#snapshot.status === 'signed-in') {
        this.#beginEpoch();
        this.#applyUser(null);
      }
      return fail(backendError);
    }
  }

  #epochOptions(): CallOptions {
    return { signal: this.#epochController.signal };
  }

  #beginEpoch(): void {
    this.#epoch += 1;
    this.#epochController.abort();
    this.#epochController = new AbortController();
    this.#inFlight.delete('session');
    this.#inFlight.delete('products');
  }

  /**
   * Shares one promise per action while it is in flight and lists the action as busy meanwhile.
   * With `args`, only a call with the same arguments shares it; a call with other arguments runs
   * once the one in flight has settled (and is the one that later calls share).
   */
  #dedupe<T>(action: StoreAction, run: () => Promise<T>, args?: readonly string[]): Promise<T> {
    const existing = this.#inFlight.get(action);
    const key = args === undefined ? undefined : JSON.stringify(args);
    if (existing && this.#inFlightArgs.get(action) === key) return existing as Promise<T>;
    const start = existing ? existing.then(run, run) : run();
    const promise = start.finally(() => {
      if (this.#inFlight.get(action) === promise) {
        this.#inFlight.delete(action);
        this.#inFlightArgs.delete(action);
      }
      this.#set({ busy: this.#busyActions() });
    });
    this.#inFlight.set(action, promise);
    if (key === undefined) this.#inFlightArgs.delete(action);
    else this.#inFlightArgs.set(action, key);
    this.#set({ busy: this.#busyActions() });
    return promise;
  }

  #busyActions(): StoreAction[] {
    const busy = [...this.#inFlight.keys()];
    return this.#redeemsInFlight.size > 0 ? [...busy, 'redeem'] : busy;
  }

  #applyUser(user: SessionUser | null, patch: Partial<AccountSnapshot> = {}): void {
    const changedUser = user?.id !== this.#snapshot.user?.id;
    const confirmationOutdated = this.#confirmationOutdated(user);
    // A failed link kept for a retry is not retried for someone else.
    if (confirmationOutdated) this.#confirmationToken = null;
    this.#set({
      status: user ? 'signed-in' : 'signed-out',
      user,
      sessionError: null,
      ...(changedUser ? { products: IDLE } : {}),
      ...(confirmationOutdated ? { emailConfirmation: NO_CONFIRMATION } : {}),
      ...patch,
    });
    if (user && this.#productsWanted && this.#snapshot.products.state === 'idle') void this.reloadProducts();
  }

  /**
   * A confirmation's outcome stops applying once someone else is signed in: "confirmed" belongs
   * to the user it signed in, and a failed link no longer matters once anyone is signed in.
   */
  #confirmationOutdated(user: SessionUser | null): boolean {
    const confirmation = this.#snapshot.emailConfirmation;
    if (confirmation.state === 'confirmed') return confirmation.user.id !== user?.id;
    if (confirmation.state === 'failed') return user !== null;
    return false;
  }

  #post(message: TabMessage): void {
    try {
      this.#channel?.postMessage(message);
    } catch {
      // A closed channel (disposed store) has nobody to tell.
    }
  }

  #onTabMessage(message: TabMessage): void {
    if (message.type === 'signed-out' && this.#snapshot.status !== 'signed-out') {
      this.#beginEpoch();
      this.#applyUser(null);
    } else if (message.type === 'signed-in') {
      // The cookie is the browser's, not the tab's: that sign-in replaced any session owed an end.
      this.#setOwedSignOut(null);
      if (this.#snapshot.user?.id !== message.userId) void this.refreshSession();
    } else if (message.type === 'sign-out-owed') {
      const account = toAccountTag(message.account);
      if (account !== null) this.#setOwedSignOut(account);
    }
  }

  /** Replaces the snapshot and tells the listeners; a patch that changes nothing changes nothing. */
  #set(patch: Partial<AccountSnapshot>): void {
    const current = this.#snapshot as unknown as Record<string, unknown>;
    const changes = Object.entries(patch).some(([field, value]) => !sameValue(current[field], value));
    if (!changes) return;
    this.#snapshot = Object.freeze({ ...this.#snapshot, ...patch });
    for (const listener of this.#listeners) listener(this.#snapshot);
  }
}
