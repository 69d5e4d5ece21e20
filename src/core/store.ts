/**
 * `AccountStore`: the one place that holds the account state of a page and talks to the backend.
 * Plain TypeScript (no Lit): elements read its immutable snapshot and call its actions.
 *
 * Guarantees the elements rely on:
 * - concurrent loads are deduped (ten elements asking for the session make one request);
 * - a response that arrives after the session changed (sign-in, sign-out, another tab) is dropped;
 * - any `unauthenticated` answer moves to signed-out, clears the user's data and keeps the pending
 *   key, the registration draft and the keys of the pending batch (not its results, which are the
 *   user's data);
 * - a session that could not be read is "unknown", never "signed out": a redeem then reads it once
 *   more and, failing that, answers with the failure and keeps no pending key;
 * - a change that changes nothing (the same settings again, the same busy actions) notifies nobody;
 * - the pending key, the pending batch (its keys, and a word for each key done, never a product)
 *   and the draft (never a password) survive a reload in sessionStorage; `register` and
 *   `resendConfirmation` send the pending key along, so that the confirmation link brings it to
 *   the tab it opens, whose sessionStorage is empty;
 * - sign-in and sign-out reach the page's other tabs through a BroadcastChannel;
 * - a sign-out the backend did not confirm is owed: remembered in localStorage, so it outlives the
 *   tab as the session cookie does (whose, as a hash, nothing more), and sent again before that
 *   user is shown signed in again (`signOut`);
 * - a redeem carries one Idempotency-Key per intent, reused on retries of the same key;
 * - a redeemed product joins the products shown at once (when any are), and the answer of a load
 *   that was out during the redeem (that answer may predate it); a load started later is the
 *   server's word;
 * - the tokens of e-mail links (`confirmEmail`, `receivePasswordResetLink`) stay in memory only,
 *   never in web storage, and are dropped once used.
 */
import type {
  AccountSnapshot,
  AccountStatus,
  ActionResult,
  EmailConfirmation,
  KeyshelfLinks,
  Resource,
  StoreAction,
  StoreSettings,
} from './account-snapshot.js';
import { sameSettings, sameValue } from './account-snapshot.js';
import type { Backend, CallOptions } from './backend.js';
import { BackendError, toBackendError } from './errors.js';
import { InFlight } from './in-flight.js';
import { isKeyText, normalizeKey } from './online-key.js';
import { OwedSignOut, accountTag } from './owed-sign-out.js';
import { type PendingBatch, samePendingBatch, toPendingBatch, withoutResults } from './pending-batch.js';
import { type PersistedState, openPersistedState } from './persisted-state.js';
import { RedeemIntents } from './redeem-intents.js';
import { type RegistrationDraft, toRegistrationDraft } from './registration-draft.js';
import type { Credentials, Product, RedeemResult, RegistrationAccepted, RegistrationRequest, SessionUser } from './schemas.js';
import { type TabMessage, TabChannel } from './tab-channel.js';

export type { AccountSnapshot, AccountStatus, ActionResult, EmailConfirmation, KeyshelfLinks, Resource, StoreAction, StoreSettings };
export { MAX_PENDING_BATCH_KEYS, PENDING_BATCH_RESULTS, toPendingBatch } from './pending-batch.js';
export type { FinishedBatchKey, PendingBatch, PendingBatchResult } from './pending-batch.js';

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

const IDLE = Object.freeze({ state: 'idle' }) as Resource<never>;
const NO_CONFIRMATION: EmailConfirmation = Object.freeze({ state: 'idle' });
const CONFIRMING: EmailConfirmation = Object.freeze({ state: 'confirming' });

/** What any action answers while no backend is set. */
const noBackend = (): BackendError => new BackendError('server', {}, 'keyshelf: no backend configured');
const ok = <T>(value: T): ActionResult<T> => ({ ok: true, value });
const fail = <T>(error: BackendError): ActionResult<T> => ({ ok: false, error });
/** `list` with `product` first, in place of the copy it had. */
const withProduct = (list: readonly Product[], product: Product): readonly Product[] =>
  Object.freeze([product, ...list.filter((item) => item.id !== product.id)]);
/** `list` with `product` first unless it has it: the server's copy wins. */
const withMissing = (list: readonly Product[], product: Product): readonly Product[] =>
  list.some((item) => item.id === product.id) ? list : [product, ...list];

export class AccountStore {
  #backend: Backend | undefined;
  #snapshot: AccountSnapshot;
  readonly #listeners = new Set<Listener>();
  readonly #persisted: PersistedState;
  readonly #owedSignOut: OwedSignOut;
  readonly #tabs: TabChannel;
  readonly #onOnline = (): void => this.#retryOwedSignOut();
  readonly #inFlight = new InFlight(() => this.#updateBusy());
  readonly #redeems = new RedeemIntents(() => this.#updateBusy());
  #sessionWanted = false;
  #productsWanted = false;
  /**
   * The products redeemed since the latest products load started, which its answer may predate;
   * `null` when no load has started for this user or the latest one has settled.
   */
  #redeemedDuringLoad: Product[] | null = null;
  #registrationOptionsWanted = false;
  /** The confirmation token while it is with the backend or may be retried; memory only. */
  #confirmationToken: string | null = null;
  /** Counts confirmation attempts: the answer to an older one (e.g. before `setBackend`) is dropped. */
  #confirmationAttempt = 0;
  /** The token of a followed password-reset link until an element takes it; memory only. */
  #resetToken: string | null = null;

  constructor(options: AccountStoreOptions = {}) {
    this.#persisted = openPersistedState(options.storage);
    this.#owedSignOut = new OwedSignOut(this.#persisted.owedSignOut);
    this.#backend = options.backend;
    this.#snapshot = Object.freeze({
      status: 'unknown',
      user: null,
      sessionError: null,
      products: IDLE,
      registrationOptions: IDLE,
      ...this.#persisted.pendingKey.read(),
      pendingBatch: this.#persisted.pendingBatch.read(),
      registrationDraft: this.#persisted.registrationDraft.read(),
      emailConfirmation: NO_CONFIRMATION,
      passwordResetPending: false,
      busy: [],
      configured: options.backend !== undefined,
      settings: { messages: {}, links: {}, ...options.settings },
    });
    this.#tabs = new TabChannel(options.channel, (message) => this.#onTabMessage(message));
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
    this.#redeems.forget();
    this.#inFlight.replaceBackend();
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
    this.#tabs.close();
    globalThis.removeEventListener?.('online', this.#onOnline);
    this.#inFlight.abort();
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
    if (this.#inFlight.has('confirm-email')) return this.#inFlight.whenDone('confirm-email').then(() => this.ensureSession());
    if (!this.#backend || this.#snapshot.status !== 'unknown' || this.#snapshot.sessionError) return this.#inFlight.whenDone('session');
    return this.#loadSession();
  }

  /**
   * Reads the session again, e.g. after it failed or when another tab signed in. A retry starts
   * afresh: the previous `sessionError` is cleared at once, so the UI shows the load, not the failure.
   */
  refreshSession(): Promise<void> {
    this.#sessionWanted = true;
    if (!this.#backend) return Promise.resolve();
    this.#inFlight.beginEpoch();
    if (this.#snapshot.sessionError) this.#set({ sessionError: null });
    return this.#loadSession();
  }

  #loadSession(): Promise<void> {
    return this.#inFlight.dedupe('session', async () => {
      const epoch = this.#inFlight.epoch;
      try {
        const backend = this.#require();
        const user = await backend.getSession(this.#inFlight.epochOptions());
        if (epoch !== this.#inFlight.epoch) return;
        const owed = user ? this.#owedSignOut.owedFor(user) : null;
        if (owed !== null) {
          // The session this tab was asked to end is still alive: end it before anything shows
          // the user as signed in, and show them signed out whatever the backend answers.
          await this.#sendSignOut(backend, owed);
          if (epoch === this.#inFlight.epoch) this.#applyUser(null);
          return;
        }
        // Nobody is signed in, or someone else signed in since: no session is left to end.
        this.#owedSignOut.settle();
        this.#applyUser(user);
      } catch (error) {
        if (epoch !== this.#inFlight.epoch) return;
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
    return this.#inFlight.dedupe('sign-in', async () => {
      const result = await this.#call((options) => this.#require().signIn(credentials, options));
      if (result.ok) {
        // A new session replaced the one whose sign-out may be owed.
        this.#owedSignOut.settle();
        this.#inFlight.beginEpoch();
        this.#applyUser(result.value);
        this.#tabs.post({ type: 'signed-in', userId: result.value.id });
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
    return this.#inFlight.dedupe('sign-out', async () => {
      // Owed from the start: a tab closed while the request is out still owes it.
      const account = this.#owedSignOut.owe(this.#snapshot.user);
      this.#inFlight.beginEpoch();
      this.#applyUser(null);
      this.#tabs.post({ type: 'signed-out' });
      return this.#sendSignOut(backend, account);
    });
  }

  /** Sends a sign-out for the owed `account` and settles the debt by the answer. */
  async #sendSignOut(backend: Backend, account: string): Promise<ActionResult<void>> {
    const result = await this.#call((options) => backend.signOut(options));
    // A sign-in meanwhile settled it: its session replaced the one to end.
    if (this.#owedSignOut.account !== account) return result;
    // `unauthenticated`: the backend has no session to end.
    if (result.ok || result.error.code === 'unauthenticated') this.#owedSignOut.settle();
    else this.#tabs.post({ type: 'sign-out-owed', account });
    return result;
  }

  /**
   * Back online: reads the session, which pays an owed sign-out if the session is still the one
   * to end (a blind sign-out could end someone else's, signed in since where this tab cannot see).
   * Nothing while a sign-out or a session read is in flight: each settles the debt itself.
   */
  #retryOwedSignOut(): void {
    if (this.#owedSignOut.account === null || !this.#backend || this.#inFlight.has('sign-out') || this.#inFlight.has('session')) return;
    void this.refreshSession();
  }

  requestPasswordReset(email: string): Promise<ActionResult<void>> {
    return this.#inFlight.dedupe('password-reset', () => this.#call((options) => this.#require().requestPasswordReset(email, options)));
  }

  /**
   * Sets a new password with the token from the reset mail. It does not sign in. The backend ends
   * every session of that account, so a signed-in page reads its session again. Like `signIn`, a
   * repeat with the same token and password shares the call in flight; other ones wait for it.
   */
  completePasswordReset(token: string, password: string): Promise<ActionResult<void>> {
    return this.#inFlight.dedupe('password-reset-complete', async () => {
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
    if (this.#snapshot.registrationOptions.state !== 'idle') return this.#inFlight.whenDone('registration-options');
    return this.loadRegistrationOptions();
  }

  /** Loads the registration options, unless they are loaded; shares a load in flight. */
  loadRegistrationOptions(): Promise<void> {
    const current = this.#snapshot.registrationOptions;
    if (current.state === 'loaded' || !this.#backend) return Promise.resolve();
    return this.#inFlight.dedupe('registration-options', async () => {
      // They are the backend's, not the user's: a sign-in meanwhile does not cut the load short.
      const signal = this.#inFlight.backendSignal;
      this.#set({ registrationOptions: { state: 'loading' } });
      const result = await this.#call((options) => this.#require().getRegistrationOptions(options), { signal });
      if (signal !== this.#inFlight.backendSignal) return;
      this.#set({ registrationOptions: result.ok ? { state: 'loaded', data: result.value } : { state: 'error', error: result.error } });
    });
  }

  /**
   * Registers. The pending key goes along (`request.pendingKey`, unless the request names one), so
   * that the confirmation link carries it to the tab it opens: see `#keyForLink`.
   */
  register(request: RegistrationRequest): Promise<ActionResult<RegistrationAccepted>> {
    return this.#inFlight.dedupe('register', async () => {
      const pendingKey = request.pendingKey ?? this.#keyForLink();
      const sent = pendingKey === undefined ? request : { ...request, pendingKey };
      const result = await this.#call((options) => this.#require().register(sent, options));
      if (result.ok) this.setRegistrationDraft(null);
      return result;
    });
  }

  /** Asks for the confirmation mail again; its link carries the pending key, as with `register`. */
  resendConfirmation(email: string): Promise<ActionResult<void>> {
    return this.#inFlight.dedupe('resend-confirmation', () => {
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
    return this.#inFlight.dedupe('confirm-email', async () => {
      const attempt = ++this.#confirmationAttempt;
      this.#confirmationToken = token;
      // A session read still in flight would answer "signed out" just before the link signs in.
      if (this.#snapshot.status === 'unknown' && this.#inFlight.has('session')) this.#inFlight.beginEpoch();
      this.#set({ emailConfirmation: CONFIRMING });
      const result = await this.#call((options) => this.#require().confirmEmail(token, options));
      if (attempt !== this.#confirmationAttempt) return result;
      if (result.ok) {
        this.#confirmationToken = null;
        // The link signed in: a new session replaced the one whose sign-out may be owed.
        this.#owedSignOut.settle();
        this.#inFlight.beginEpoch();
        this.#applyUser(result.value, { emailConfirmation: Object.freeze({ state: 'confirmed', user: result.value }) });
        this.#tabs.post({ type: 'signed-in', userId: result.value.id });
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
    this.#persisted.registrationDraft.write(clean);
    this.#set({ registrationDraft: clean });
  }

  // ——— keys and products ———

  /**
   * Keeps a key for after sign-in or registration (normalized; `null` or empty clears it). A key
   * set here is filled in, not submitted (`pendingKeySubmitted` is false): the user still confirms it.
   */
  setPendingKey(key: string | null): void {
    this.#set(this.#persisted.pendingKey.write(key, false));
  }

  /**
   * Keeps a batch redemption that is not over, for after a sign-in, a registration or a reload
   * (see `pendingBatch`): its keys not finished yet and the results of the keys done, or a list of
   * keys alone (none done yet). `null`, or no key left to do, clears it. Only normalized keys and
   * known results are kept: see `toPendingBatch`. The results are the signed-in user's, and kept
   * as theirs (`owner`); while nobody is signed in (or the session is not known yet), only the keys.
   */
  setPendingBatch(batch: PendingBatch | readonly string[] | null): void {
    const user = this.#snapshot.status === 'signed-in' ? this.#snapshot.user : null;
    const keys = withoutResults(toPendingBatch(batch));
    const value = user && batch !== null && !Array.isArray(batch) ? toPendingBatch({ ...batch, owner: accountTag(user.id) }) : keys;
    if (samePendingBatch(value, this.#snapshot.pendingBatch)) return;
    this.#persisted.pendingBatch.write(value);
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
    return this.#redeems.share(key, () => this.#redeemOnce(key));
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
    const idempotencyKey = this.#redeems.idempotencyKey(key);
    const redeemer = this.#snapshot.user?.id;
    const result = await this.#call((options) => this.#require().redeemKey(key, { ...options, idempotencyKey }));
    if (result.ok) {
      // An adapter that ignores aborts may answer after a sign-out: not into the next user's list.
      if (this.#snapshot.user?.id === redeemer) this.#addProduct(result.value.product);
      if (this.#snapshot.pendingKey === key) this.setPendingKey(null);
    } else if (result.error.code === 'unauthenticated') {
      // The session ended meanwhile: keep the key for after the next sign-in.
      this.#keepPending(key);
    }
    this.#redeems.settle(key, result);
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
    if (!this.#snapshot.pendingBatch?.keys.includes(key)) this.#set(this.#persisted.pendingKey.write(key, true));
  }

  /** Loads the products once the user is signed in; shares a load in flight. */
  ensureProducts(): Promise<void> {
    this.#productsWanted = true;
    if (this.#snapshot.status !== 'signed-in' || this.#snapshot.products.state !== 'idle') return this.#inFlight.whenDone('products');
    return this.reloadProducts();
  }

  reloadProducts(): Promise<void> {
    this.#productsWanted = true;
    if (this.#snapshot.status !== 'signed-in') return Promise.resolve();
    return this.#inFlight.dedupe('products', async () => {
      const epoch = this.#inFlight.epoch;
      // Products redeemed before this load started are in its answer: the server's list is trusted.
      this.#redeemedDuringLoad = [];
      const previous = this.#snapshot.products;
      const previousData = 'data' in previous ? previous.data : undefined;
      this.#set({ products: previousData ? { state: 'loading', data: previousData } : { state: 'loading' } });
      const result = await this.#call((options) => this.#require().listProducts(options));
      if (epoch !== this.#inFlight.epoch) return;
      const redeemed = this.#redeemedDuringLoad ?? [];
      this.#redeemedDuringLoad = null;
      if (result.ok) this.#set({ products: { state: 'loaded', data: Object.freeze(redeemed.reduce(withMissing, result.value)) } });
      else if (result.error.code !== 'unauthenticated') {
        // What was shown while loading, products redeemed meanwhile included.
        const loading = this.#snapshot.products;
        const data = 'data' in loading ? loading.data : undefined;
        this.#set({ products: data ? { state: 'error', error: result.error, data } : { state: 'error', error: result.error } });
      }
    });
  }

  /**
   * Puts a redeemed product into the products shown, if any (the redeem's copy replaces the list's),
   * and into the answer of the load in flight, which may predate the redeem. With no products shown
   * and none loading (idle, or a first load that failed), the next load brings it.
   */
  #addProduct(product: Product): void {
    this.#redeemedDuringLoad?.push(product);
    const products = this.#snapshot.products;
    if ('data' in products && products.data) this.#set({ products: { ...products, data: withProduct(products.data, product) } });
  }

  // ——— internals ———

  #require(): Backend {
    if (!this.#backend) throw noBackend();
    return this.#backend;
  }

  /** Runs a backend call (bound to the current epoch unless `options` says otherwise) and turns any failure into a typed result. */
  async #call<T>(run: (options: CallOptions) => Promise<T>, options: CallOptions = this.#inFlight.epochOptions()): Promise<ActionResult<T>> {
    const epoch = this.#inFlight.epoch;
    try {
      return ok(await run(options));
    } catch (error) {
      const backendError = toBackendError(error);
      if (backendError.code === 'unauthenticated' && epoch === this.#inFlight.epoch && this.#snapshot.status === 'signed-in') {
        this.#inFlight.beginEpoch();
        this.#applyUser(null);
      }
      return fail(backendError);
    }
  }

  #updateBusy(): void {
    const busy = this.#inFlight.actions;
    this.#set({ busy: this.#redeems.busy ? [...busy, 'redeem'] : busy });
  }

  #applyUser(user: SessionUser | null, patch: Partial<AccountSnapshot> = {}): void {
    const changedUser = user?.id !== this.#snapshot.user?.id;
    const confirmationOutdated = this.#confirmationOutdated(user);
    // A failed link kept for a retry is not retried for someone else.
    if (confirmationOutdated) this.#confirmationToken = null;
    // The products redeemed during a load are the user's data too.
    if (changedUser) this.#redeemedDuringLoad = null;
    // So are the results of a pending batch: only their owner sees them (after a reload too, or in a
    // tab reopened or copied after someone else signed in); signed out, nobody does. Its keys wait.
    const batch = this.#snapshot.pendingBatch;
    const dropResults = batch !== null && batch.done.length > 0 && (user === null || batch.owner !== accountTag(user.id));
    const pendingBatch = dropResults ? withoutResults(batch) : batch;
    if (dropResults) this.#persisted.pendingBatch.write(pendingBatch);
    this.#set({
      status: user ? 'signed-in' : 'signed-out',
      user,
      sessionError: null,
      pendingBatch,
      ...(changedUser ? { products: IDLE } : {}),
      ...(confirmationOutdated ? { emailConfirmation: NO_CONFIRMATION } : {}),
      ...patch,
    });
    // Loading with no load in flight: a new epoch (a session read, a sign-in of the same user) cut it short.
    const { state } = this.#snapshot.products;
    const productsOwed = state === 'idle' || (state === 'loading' && !this.#inFlight.has('products'));
    if (user && this.#productsWanted && productsOwed) void this.reloadProducts();
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

  #onTabMessage(message: TabMessage): void {
    if (message.type === 'signed-out' && this.#snapshot.status !== 'signed-out') {
      this.#inFlight.beginEpoch();
      this.#applyUser(null);
    } else if (message.type === 'signed-in') {
      // The cookie is the browser's, not the tab's: that sign-in replaced any session owed an end.
      this.#owedSignOut.settle();
      if (this.#snapshot.user?.id !== message.userId) void this.refreshSession();
    } else if (message.type === 'sign-out-owed') {
      this.#owedSignOut.receive(message.account);
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
