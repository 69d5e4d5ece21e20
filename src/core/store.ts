/**
 * `AccountStore`: the one place that holds the account state of a page and talks to the backend.
 * Plain TypeScript (no Lit): elements read its immutable snapshot and call its actions.
 *
 * Guarantees the elements rely on:
 * - concurrent loads are deduped (ten elements asking for the session make one request);
 * - a response that arrives after the session changed (sign-in, sign-out, another tab) is dropped;
 * - any `unauthenticated` answer moves to signed-out, clears the user's data and keeps the pending
 *   key and the registration draft;
 * - the pending key and the draft (never a password) survive a reload in sessionStorage;
 * - sign-in and sign-out reach the page's other tabs through a BroadcastChannel;
 * - a redeem carries one Idempotency-Key per intent, reused on retries of the same key.
 */
import type { Backend, CallOptions } from './backend.js';
import { BackendError, toBackendError } from './errors.js';
import type { MessageOverrides } from './localize.js';
import { normalizeKey } from './online-key.js';
import { PersistedValue, defaultSessionStorage } from './persisted.js';
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
  /** Why the session could not be read; the status stays `unknown` until `refreshSession` succeeds. */
  readonly sessionError: BackendError | null;
  readonly products: Resource<readonly Product[]>;
  readonly registrationOptions: Resource<RegistrationOptions>;
  /** A normalized online key waiting for the user to sign in or register. */
  readonly pendingKey: string | null;
  readonly registrationDraft: RegistrationDraft | null;
  /** Actions in flight. */
  readonly busy: readonly StoreAction[];
  /** Whether a backend is set; until then the status stays `unknown`. */
  readonly configured: boolean;
  readonly settings: StoreSettings;
}

export type ActionResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: BackendError };

export interface AccountStoreOptions {
  backend?: Backend;
  /** Where the pending key and the registration draft survive reloads; `null` keeps them in memory. */
  storage?: Storage | null;
  /** BroadcastChannel name shared with the other tabs; `false` turns tab sync off. */
  channel?: string | false;
  settings?: Partial<StoreSettings>;
}

type Listener = (snapshot: AccountSnapshot) => void;
type TabMessage = { type: 'signed-in'; userId: string } | { type: 'signed-out' };

const IDLE = Object.freeze({ state: 'idle' }) as Resource<never>;
const PENDING_KEY_STORAGE = 'keyshelf:pending-key';
const DRAFT_STORAGE = 'keyshelf:registration-draft';

const ok = <T>(value: T): ActionResult<T> => ({ ok: true, value });
const fail = <T>(error: BackendError): ActionResult<T> => ({ ok: false, error });

export class AccountStore {
  #backend: Backend | undefined;
  #snapshot: AccountSnapshot;
  readonly #listeners = new Set<Listener>();
  readonly #pendingKey: PersistedValue<string>;
  readonly #draft: PersistedValue<RegistrationDraft>;
  readonly #channel: BroadcastChannel | null;

  /** Increments whenever whose data we show changes; work started in an older epoch is dropped. */
  #epoch = 0;
  /** Aborts the loads of the current epoch when it ends. */
  #epochController = new AbortController();
  readonly #inFlight = new Map<StoreAction, Promise<unknown>>();
  #sessionWanted = false;
  #productsWanted = false;
  readonly #redeemsInFlight = new Map<string, Promise<ActionResult<RedeemResult>>>();
  /** One Idempotency-Key per normalized key until that intent has a definitive outcome. */
  readonly #idempotencyKeys = new Map<string, string>();

  constructor(options: AccountStoreOptions = {}) {
    const storage = options.storage === undefined ? defaultSessionStorage() : options.storage;
    this.#pendingKey = new PersistedValue(PENDING_KEY_STORAGE, storage, (raw) =>
      typeof raw === 'string' && raw !== '' ? normalizeKey(raw) : null,
    );
    this.#draft = new PersistedValue(DRAFT_STORAGE, storage, toRegistrationDraft);
    this.#backend = options.backend;
    this.#snapshot = Object.freeze({
      status: 'unknown',
      user: null,
      sessionError: null,
      products: IDLE,
      registrationOptions: IDLE,
      pendingKey: this.#pendingKey.read(),
      registrationDraft: this.#draft.read(),
      busy: [],
      configured: options.backend !== undefined,
      settings: { messages: {}, links: {}, ...options.settings },
    });
    const channelName = options.channel === undefined ? 'keyshelf' : options.channel;
    this.#channel = channelName !== false && typeof BroadcastChannel === 'function' ? new BroadcastChannel(channelName) : null;
    this.#channel?.addEventListener('message', (event: MessageEvent<TabMessage>) => this.#onTabMessage(event.data));
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
    this.#inFlight.clear();
    this.#set({ status: 'unknown', user: null, sessionError: null, products: IDLE, registrationOptions: IDLE, busy: [], configured: true });
    if (this.#sessionWanted) void this.ensureSession();
  }

  configure(settings: Partial<StoreSettings>): void {
    this.#set({ settings: { ...this.#snapshot.settings, ...settings } });
  }

  /** Stops tab sync and aborts the loads in flight. */
  dispose(): void {
    this.#channel?.close();
    this.#epochController.abort();
    this.#listeners.clear();
  }

  // ——— session ———

  /** Reads the session once; concurrent and later calls share that one request. */
  ensureSession(): Promise<void> {
    this.#sessionWanted = true;
    if (!this.#backend || this.#snapshot.status !== 'unknown' || this.#snapshot.sessionError) {
      return (this.#inFlight.get('session') as Promise<void> | undefined) ?? Promise.resolve();
    }
    return this.#loadSession();
  }

  /** Reads the session again, e.g. after it failed or when another tab signed in. */
  refreshSession(): Promise<void> {
    this.#sessionWanted = true;
    if (!this.#backend) return Promise.resolve();
    this.#beginEpoch();
    this.#inFlight.delete('session');
    return this.#loadSession();
  }

  #loadSession(): Promise<void> {
    return this.#dedupe('session', async () => {
      const epoch = this.#epoch;
      try {
        const user = await this.#require().getSession(this.#epochOptions());
        if (epoch === this.#epoch) this.#applyUser(user);
      } catch (error) {
        if (epoch !== this.#epoch) return;
        const backendError = toBackendError(error);
        if (backendError.code === 'unauthenticated') this.#applyUser(null);
        else if (backendError.code !== 'aborted') this.#set({ sessionError: backendError });
      }
    });
  }

  signIn(credentials: Credentials): Promise<ActionResult<SessionUser>> {
    return this.#dedupe('sign-in', async () => {
      const result = await this.#call((options) => this.#require().signIn(credentials, options));
      if (result.ok) {
        this.#beginEpoch();
        this.#applyUser(result.value);
        this.#post({ type: 'signed-in', userId: result.value.id });
      }
      return result;
    });
  }

  /** Clears the user's data at once, whatever the backend answers. */
  signOut(): Promise<ActionResult<void>> {
    return this.#dedupe('sign-out', async () => {
      const backend = this.#require();
      this.#beginEpoch();
      this.#applyUser(null);
      this.#post({ type: 'signed-out' });
      return this.#call((options) => backend.signOut(options));
    });
  }

  requestPasswordReset(email: string): Promise<ActionResult<void>> {
    return this.#dedupe('password-reset', () => this.#call((options) => this.#require().requestPasswordReset(email, options)));
  }

  /**
   * Sets a new password with the token from the reset mail. It does not sign in. The backend ends
   * every session of that account, so a signed-in page reads its session again.
   */
  completePasswordReset(token: string, password: string): Promise<ActionResult<void>> {
    return this.#dedupe('password-reset-complete', async () => {
      const result = await this.#call((options) => this.#require().completePasswordReset(token, password, options));
      if (result.ok && this.#snapshot.status === 'signed-in') void this.refreshSession();
      return result;
    });
  }

  // ——— registration ———

  loadRegistrationOptions(): Promise<void> {
    const current = this.#snapshot.registrationOptions;
    if (current.state === 'loaded' || !this.#backend) return Promise.resolve();
    return this.#dedupe('registration-options', async () => {
      const epoch = this.#epoch;
      this.#set({ registrationOptions: { state: 'loading' } });
      const result = await this.#call((options) => this.#require().getRegistrationOptions(options));
      if (epoch !== this.#epoch) return;
      this.#set({ registrationOptions: result.ok ? { state: 'loaded', data: result.value } : { state: 'error', error: result.error } });
    });
  }

  register(request: RegistrationRequest): Promise<ActionResult<RegistrationAccepted>> {
    return this.#dedupe('register', async () => {
      const result = await this.#call((options) => this.#require().register(request, options));
      if (result.ok) this.setRegistrationDraft(null);
      return result;
    });
  }

  resendConfirmation(email: string): Promise<ActionResult<void>> {
    return this.#dedupe('resend-confirmation', () =>
      this.#call((options) => this.#require().resendConfirmation(email, options)),
    );
  }

  /** Confirms the e-mail address with the token from the mail; the backend signs the user in. */
  confirmEmail(token: string): Promise<ActionResult<SessionUser>> {
    return this.#dedupe('confirm-email', async () => {
      const result = await this.#call((options) => this.#require().confirmEmail(token, options));
      if (result.ok) {
        this.#beginEpoch();
        this.#applyUser(result.value);
        this.#post({ type: 'signed-in', userId: result.value.id });
      }
      return result;
    });
  }

  /** Keeps what the wizard collected; anything but the known fields (a password above all) is dropped. */
  setRegistrationDraft(draft: RegistrationDraft | null): void {
    const clean = draft === null ? null : toRegistrationDraft(draft);
    this.#draft.write(clean);
    this.#set({ registrationDraft: clean });
  }

  // ——— keys and products ———

  /** Keeps a key for after sign-in or registration (normalized; `null` or empty clears it). */
  setPendingKey(key: string | null): void {
    const normalized = key === null ? '' : normalizeKey(key);
    const value = normalized === '' ? null : normalized;
    this.#pendingKey.write(value);
    this.#set({ pendingKey: value });
  }

  /**
   * Redeems a key for the signed-in user. Signed out, it keeps the key as the pending key and
   * answers `unauthenticated`. A repeat while a redeem of the same key is in flight shares it; a
   * retry after a transient failure reuses the Idempotency-Key, so a key is never redeemed twice.
   * Different keys may be redeemed at the same time (a teacher's class set).
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
    await this.ensureSession();
    if (this.#snapshot.status !== 'signed-in') {
      this.setPendingKey(key);
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
      this.setPendingKey(key);
    }
    // Only a retry of an attempt whose outcome is unknown or refused for now may reuse the
    // Idempotency-Key; after a definitive answer, the next submit is a new intent.
    const retryable = !result.ok && (result.error.isTransient || result.error.code === 'rate-limited');
    if (!retryable) this.#idempotencyKeys.delete(key);
    return result;
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
    if (!this.#backend) throw new BackendError('server', {}, 'keyshelf: no backend configured');
    return this.#backend;
  }

  /** Runs a backend call bound to the current epoch and turns any failure into a typed result. */
  async #call<T>(run: (options: CallOptions) => Promise<T>): Promise<ActionResult<T>> {
    const epoch = this.#epoch;
    try {
      return ok(await run(this.#epochOptions()));
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

  /** Shares one promise per action while it is in flight and lists the action as busy meanwhile. */
  #dedupe<T>(action: StoreAction, run: () => Promise<T>): Promise<T> {
    const existing = this.#inFlight.get(action);
    if (existing) return existing as Promise<T>;
    const promise = run().finally(() => {
      if (this.#inFlight.get(action) === promise) this.#inFlight.delete(action);
      this.#set({ busy: this.#busyActions() });
    });
    this.#inFlight.set(action, promise);
    this.#set({ busy: this.#busyActions() });
    return promise;
  }

  #busyActions(): StoreAction[] {
    const busy = [...this.#inFlight.keys()];
    return this.#redeemsInFlight.size > 0 ? [...busy, 'redeem'] : busy;
  }

  #applyUser(user: SessionUser | null): void {
    const changedUser = user?.id !== this.#snapshot.user?.id;
    this.#set({
      status: user ? 'signed-in' : 'signed-out',
      user,
      sessionError: null,
      ...(changedUser ? { products: IDLE } : {}),
    });
    if (user && this.#productsWanted && this.#snapshot.products.state === 'idle') void this.reloadProducts();
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
    } else if (message.type === 'signed-in' && this.#snapshot.user?.id !== message.userId) {
      void this.refreshSession();
    }
  }

  #set(patch: Partial<AccountSnapshot>): void {
    this.#snapshot = Object.freeze({ ...this.#snapshot, ...patch });
    for (const listener of this.#listeners) listener(this.#snapshot);
  }
}
