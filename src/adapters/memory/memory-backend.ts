/**
 * `MemoryBackend`: the whole `Backend` contract in the browser, for demos, Storybook, tests and
 * benchmarks. It starts from a seed (the demo catalogue unless told otherwise), can simulate
 * latency and failures, and can keep its state in `localStorage` for a demo that survives reloads.
 */
import type { Backend, BackendMethod, CallOptions, RedeemOptions, ResendConfirmationOptions } from '../../core/backend.js';
import { BackendError, type BackendErrorCode, type BackendErrorDetails } from '../../core/errors.js';
import { checkFields } from '../../core/field-errors.js';
import { isWellFormed, normalizeKey } from '../../core/online-key.js';
import { checkPassword } from '../../core/password-policy.js';
import { judgeRedemption } from '../../core/redemption-rules.js';
import { checkRegistration } from '../../core/registration-rules.js';
import {
  credentialsSchema,
  emailOnlySchema,
  redeemRequestSchema,
  resendConfirmationSchema,
  type Credentials,
  type Product,
  type RedeemResult,
  type RegistrationAccepted,
  type RegistrationOptions,
  type RegistrationRequest,
  type SessionUser,
} from '../../core/schemas.js';
import { checkConfirmation, checkPasswordResetCompletion } from '../../core/token-rules.js';
import { Catalogue, emailKey, type MemorySeed } from './catalogue.js';
import { FaultQueue } from './faults.js';
import { IdempotencyRecords } from './idempotency.js';
import { assertLatency, pickDelay, throwIfAborted, wait, type Latency } from './latency.js';
import { LocalStoragePersistence, noPersistence, type Persistence } from './persistence.js';
import { FailureLimiter } from './rate-limiter.js';
import { digestPassword, randomToken, sha256, verifyPassword, type PasswordDigest } from './secrets.js';
import { MemoryState, type PendingTokens } from './state.js';
import { validationError, valueOrThrow } from './validation.js';

export interface MemoryBackendOptions {
  /** Simulated latency of every call in ms, fixed or `{ min, max }`. Default 0. */
  latency?: Latency;
  /** `'localStorage'` keeps registrations, redemptions and the session across reloads and tabs. Default `false`. */
  persist?: 'localStorage' | false;
  /** The `localStorage` key used when `persist` is on. */
  storageKey?: string;
  /** Initial data; every part left out comes from the demo catalogue. */
  seed?: MemorySeed;
  /** The clock for token expiry, key validity and rate limiting. */
  now?: () => Date;
}

export type DemoMailKind = 'confirm' | 'reset' | 'already-registered';

/**
 * A mail the backend "sent"; a demo page or a test follows `token` as if it clicked the link:
 * `confirmEmail(token)` for `confirm`, `completePasswordReset(token, password)` for `reset`.
 */
export interface DemoMail {
  readonly to: string;
  readonly kind: DemoMailKind;
  readonly token?: string;
  /**
   * The online key a confirmation link carries (the `pendingKey` of the registration or resend,
   * if well-formed), as the reference server puts it into the link (`&key=…`). To follow the link
   * as a new tab would, put `ks-confirm=TOKEN&key=KEY` into the page's address.
   */
  readonly key?: string;
  /** ISO date-time from the backend's clock. */
  readonly sentAt: string;
}

const MINUTE_MS = 60 * 1000;
const HOUR_MS = 60 * MINUTE_MS;

export const DEFAULT_STORAGE_KEY = 'keyshelf:memory-backend';
/** How long mailed links work: the reference server's lifetimes. */
export const CONFIRMATION_TTL_MS = 48 * HOUR_MS;
export const PASSWORD_RESET_TTL_MS = 1 * HOUR_MS;
export const REDEEM_FAILURE_LIMIT = 10;
export const REDEEM_FAILURE_WINDOW_MS = 10 * MINUTE_MS;
/** Failed sign-ins per e-mail address (the reference server counts per address and IP). */
export const SIGN_IN_FAILURE_LIMIT = 10;
export const SIGN_IN_FAILURE_WINDOW_MS = 15 * MINUTE_MS;
const MAX_IDEMPOTENCY_KEY_LENGTH = 255;
/** Used and expired tokens are forgotten this long after they expire; until then a late click hears "expired". */
const TOKEN_RETENTION_MS = 7 * 24 * HOUR_MS;

type TokenKind = 'confirm' | 'reset';
const TOKEN_TTL_MS: Record<TokenKind, number> = { confirm: CONFIRMATION_TTL_MS, reset: PASSWORD_RESET_TTL_MS };

/** Seed and registered accounts, seen the same way. */
interface Account {
  id: string;
  email: string;
  displayName: string;
  customerType: string;
  customerNumber?: string;
  emailConfirmed: boolean;
  seedProductIds: readonly string[];
  seedOwned: ReadonlySet<string>;
  /** A seed password lives only in code; a registered or reset one only as a digest. */
  password: { plain: string } | { digest: PasswordDigest };
}

const NO_PRODUCTS: ReadonlySet<string> = new Set();

export class MemoryBackend implements Backend {
  readonly #catalogue: Catalogue;
  readonly #latency: Latency;
  readonly #now: () => Date;
  readonly #persistence: Persistence;
  readonly #faults = new FaultQueue();
  readonly #redeemLimiter = new FailureLimiter(REDEEM_FAILURE_LIMIT, REDEEM_FAILURE_WINDOW_MS);
  readonly #signInLimiter = new FailureLimiter(SIGN_IN_FAILURE_LIMIT, SIGN_IN_FAILURE_WINDOW_MS);
  readonly #idempotency = new IdempotencyRecords<RedeemResult>();
  readonly #mailbox: DemoMail[] = [];
  #state = new MemoryState();

  constructor(options: MemoryBackendOptions = {}) {
    this.#latency = options.latency ?? 0;
    assertLatency(this.#latency);
    this.#now = options.now ?? (() => new Date());
    this.#catalogue = new Catalogue(options.seed);
    this.#persistence =
      options.persist === 'localStorage' ? new LocalStoragePersistence(options.storageKey ?? DEFAULT_STORAGE_KEY) : noPersistence;
    this.#refresh();
  }

  /** Every mail sent so far, oldest first. */
  get mailbox(): readonly DemoMail[] {
    return this.#mailbox;
  }

  /** Makes the next call of `method` fail with `code`; calls queue up, each one is used once. */
  failNext(method: BackendMethod, code: BackendErrorCode, details?: BackendErrorDetails): void {
    this.#faults.push(method, code, details);
  }

  getSession({ signal }: CallOptions): Promise<SessionUser | null> {
    return this.#call('getSession', signal, () => {
      const account = this.#sessionAccount();
      return account ? toSessionUser(account) : null;
    });
  }

  signIn(credentials: Credentials, { signal }: CallOptions): Promise<SessionUser> {
    return this.#call('signIn', signal, async () => {
      const { email, password } = valueOrThrow(checkFields(credentialsSchema, credentials));
      const limitId = emailKey(email);
      const retryAfter = this.#signInLimiter.retryAfter(limitId, this.#now().getTime());
      if (retryAfter !== undefined) throw new BackendError('rate-limited', { retryAfter });
      const account = this.#accountByEmail(email);
      const matches = account !== undefined && (await passwordMatches(account, password));
      throwIfAborted(signal);
      // Unknown e-mail and wrong password look the same, and an unconfirmed account is only
      // revealed to someone who knows its password.
      if (!matches) {
        this.#signInLimiter.recordFailure(limitId, this.#now().getTime());
        throw new BackendError('invalid-credentials');
      }
      if (!account.emailConfirmed) throw new BackendError('email-not-confirmed');
      this.#signInLimiter.reset(limitId);
      this.#state.sessionAccountId = account.id;
      this.#save();
      return toSessionUser(account);
    });
  }

  signOut({ signal }: CallOptions): Promise<void> {
    return this.#call('signOut', signal, () => {
      this.#state.sessionAccountId = null;
      this.#save();
    });
  }

  requestPasswordReset(email: string, { signal }: CallOptions): Promise<void> {
    return this.#call('requestPasswordReset', signal, async () => {
      valueOrThrow(checkFields(emailOnlySchema, { email }));
      const account = this.#accountByEmail(email);
      if (account) await this.#mailToken('reset', account.id, account.email);
    });
  }

  /**
   * Rejects with `validation`: `token-invalid` or `token-expired` on `token` (valid 1 hour, once),
   * or a password-policy code on `password` (the policy of the registration options, without the
   * server's blocklist of common passwords). Signs out a session of that account; does not sign in.
   */
  completePasswordReset(token: string, password: string, { signal }: CallOptions): Promise<void> {
    return this.#call('completePasswordReset', signal, async () => {
      const request = valueOrThrow(checkPasswordResetCompletion({ token, password }));
      const { account, tokenDigest } = await this.#pendingToken('reset', request.token, signal);
      // A refused password leaves the token usable: the user tries another one with the same link.
      const errors = checkPassword(request.password, { policy: this.#catalogue.options.passwordPolicy, email: account.email });
      if (errors.length > 0) throw validationError(errors);
      const passwordDigest = await digestPassword(request.password);
      throwIfAborted(signal);
      // Another call may have used the link while we hashed.
      if (this.#state.passwordResets.get(tokenDigest) === undefined) throw validationError([{ field: 'token', code: 'token-invalid' }]);
      this.#state.setPassword(account.id, passwordDigest);
      this.#state.passwordResets.removeFor(account.id);
      // Following the link proved the address; every old session ends with the old password.
      this.#confirm(account.id);
      if (this.#state.sessionAccountId === account.id) this.#state.sessionAccountId = null;
      this.#save();
    });
  }

  getRegistrationOptions({ signal }: CallOptions): Promise<RegistrationOptions> {
    return this.#call('getRegistrationOptions', signal, () => structuredClone(this.#catalogue.options));
  }

  register(request: RegistrationRequest, { signal }: CallOptions): Promise<RegistrationAccepted> {
    return this.#call('register', signal, async () => {
      const { email, password, customerType, customerNumber, address, pendingKey } = valueOrThrow(
        checkRegistration(request, this.#catalogue.options),
      );
      const linkKey = this.#linkKey(pendingKey);

      const existing = this.#accountByEmail(email);
      if (existing) {
        await this.#sendConfirmationOrNotice(existing, signal, linkKey);
        return { email };
      }
      const passwordDigest = await digestPassword(password);
      throwIfAborted(signal);
      // Another registration for the same address may have finished while we hashed; it sent the mail.
      if (this.#accountByEmail(email)) return { email };
      const id = `u-${randomToken(9)}`;
      this.#state.addAccount({
        id,
        email,
        displayName: `${address.firstName} ${address.lastName}`,
        customerType,
        // Only a known customer number links the account; any other is left to be checked by hand.
        ...(customerNumber !== undefined && this.#catalogue.customerNumbers.has(customerNumber) ? { customerNumber } : {}),
        passwordDigest,
      });
      this.#save();
      await this.#mailToken('confirm', id, email, linkKey);
      return { email };
    });
  }

  resendConfirmation(email: string, { signal, pendingKey }: ResendConfirmationOptions): Promise<void> {
    return this.#call('resendConfirmation', signal, async () => {
      const request = valueOrThrow(checkFields(resendConfirmationSchema, pendingKey === undefined ? { email } : { email, pendingKey }));
      const account = this.#accountByEmail(request.email);
      // A confirmed or unknown address gets no mail, as at the reference server.
      if (account && !account.emailConfirmed) await this.#mailToken('confirm', account.id, account.email, this.#linkKey(request.pendingKey));
    });
  }

  /**
   * Rejects with `validation` and a field error on `token`: `token-invalid` for a token that is
   * unknown, malformed or already used, `token-expired` for one older than 48 hours (the codes of
   * the reference server).
   */
  confirmEmail(token: string, { signal }: CallOptions): Promise<SessionUser> {
    return this.#call('confirmEmail', signal, async () => {
      const request = valueOrThrow(checkConfirmation({ token }));
      const { account } = await this.#pendingToken('confirm', request.token, signal);
      this.#confirm(account.id);
      this.#state.sessionAccountId = account.id;
      this.#save();
      return toSessionUser({ ...account, emailConfirmed: true });
    });
  }

  redeemKey(key: string, { idempotencyKey, signal }: RedeemOptions): Promise<RedeemResult> {
    return this.#call('redeemKey', signal, () => {
      const account = this.#requireSession();
      valueOrThrow(checkFields(redeemRequestSchema, { key }));
      if (typeof idempotencyKey !== 'string' || idempotencyKey.trim() === '') {
        throw validationError([{ field: 'idempotencyKey', code: 'required' }]);
      }
      if (idempotencyKey.length > MAX_IDEMPOTENCY_KEY_LENGTH) {
        throw validationError([{ field: 'idempotencyKey', code: 'too-long' }]);
      }
      const normalized = normalizeKey(key);
      const earlier = this.#idempotency.lookup(account.id, idempotencyKey, normalized);
      if (earlier.kind === 'reused') throw validationError([{ field: 'idempotencyKey', code: 'reused' }]);
      if (earlier.kind === 'replay') return copyResult(earlier.result);

      const nowMs = this.#now().getTime();
      const retryAfter = this.#redeemLimiter.retryAfter(account.id, nowMs);
      if (retryAfter !== undefined) throw new BackendError('rate-limited', { retryAfter });

      this.#idempotency.bind(account.id, idempotencyKey, normalized);
      try {
        const result = this.#redeem(account, normalized);
        this.#idempotency.complete(account.id, idempotencyKey, result);
        return copyResult(result);
      } catch (error) {
        if (error instanceof BackendError && error.code.startsWith('key-')) this.#redeemLimiter.recordFailure(account.id, nowMs);
        throw error;
      }
    });
  }

  listProducts({ signal }: CallOptions): Promise<Product[]> {
    return this.#call('listProducts', signal, () => {
      const account = this.#requireSession();
      const ids = new Set([...account.seedProductIds, ...this.#state.redeemedProducts(account.id)]);
      return this.#catalogue.productsInOrder(ids).map((product) => ({ ...product }));
    });
  }

  /** Abort check, simulated latency, injected fault, then the operation on fresh state. */
  async #call<T>(method: BackendMethod, signal: AbortSignal, operation: () => T | Promise<T>): Promise<T> {
    throwIfAborted(signal);
    await wait(pickDelay(this.#latency), signal);
    const fault = this.#faults.take(method);
    if (fault) throw fault;
    this.#refresh();
    return operation();
  }

  #redeem(account: Account, normalized: string): RedeemResult {
    if (!isWellFormed(normalized, this.#catalogue.options.keyFormat)) throw new BackendError('key-invalid-format');
    const key = this.#catalogue.key(normalized);
    const product = key && this.#catalogue.product(key.productId);
    if (!key || !product) throw new BackendError('key-not-found');

    const now = this.#now();
    const decision = judgeRedemption(key, {
      callerId: account.id,
      callerCustomerType: account.customerType,
      redeemedBy: this.#state.redemption(normalized)?.accountId ?? key.redeemedBy,
      callerOwnsProduct: this.#owns(account, product.id),
      today: now.toISOString().slice(0, 10),
    });
    if ('code' in decision) throw new BackendError(decision.code, decision.extras);
    if (decision.outcome === 'activated') {
      this.#state.addRedemption({ key: normalized, accountId: account.id, productId: product.id, at: now.toISOString() });
      this.#save();
    }
    return { product, outcome: decision.outcome };
  }

  async #sendConfirmationOrNotice(account: Account, signal: AbortSignal, linkKey: string | undefined): Promise<void> {
    if (account.emailConfirmed) {
      this.#send(account.email, 'already-registered');
      return;
    }
    await this.#mailToken('confirm', account.id, account.email, linkKey);
    throwIfAborted(signal);
  }

  /** The pending key a confirmation link may carry: only one that is well-formed for the catalogue's key format. */
  #linkKey(pendingKey: string | undefined): string | undefined {
    return pendingKey !== undefined && isWellFormed(pendingKey, this.#catalogue.options.keyFormat) ? pendingKey : undefined;
  }

  /** Mails a new single-use token (with the key its link carries, if any); only its digest is kept. */
  async #mailToken(kind: TokenKind, accountId: string, email: string, linkKey?: string): Promise<void> {
    const token = randomToken();
    const now = this.#now();
    const tokens = this.#tokens(kind);
    tokens.prune(new Date(now.getTime() - TOKEN_TTL_MS[kind] - TOKEN_RETENTION_MS).toISOString());
    tokens.add({ tokenDigest: await sha256(token), accountId, issuedAt: now.toISOString() });
    this.#save();
    this.#send(email, kind, token, linkKey);
  }

  /** The account a mailed token belongs to, or a `validation` error on `token`. The token stays unused. */
  async #pendingToken(kind: TokenKind, token: string, signal: AbortSignal): Promise<{ account: Account; tokenDigest: string }> {
    const tokenDigest = await sha256(token);
    throwIfAborted(signal);
    const pending = this.#tokens(kind).get(tokenDigest);
    const account = pending && this.#account(pending.accountId);
    if (!pending || !account) throw validationError([{ field: 'token', code: 'token-invalid' }]);
    if (!(this.#now().getTime() - Date.parse(pending.issuedAt) <= TOKEN_TTL_MS[kind])) {
      throw validationError([{ field: 'token', code: 'token-expired' }]);
    }
    return { account, tokenDigest };
  }

  #tokens(kind: TokenKind): PendingTokens {
    return kind === 'confirm' ? this.#state.confirmations : this.#state.passwordResets;
  }

  /** Confirms the address; every other confirmation link sent to it is void from now on. */
  #confirm(accountId: string): void {
    this.#state.confirm(accountId);
    this.#state.confirmations.removeFor(accountId);
  }

  #send(to: string, kind: DemoMailKind, token?: string, key?: string): void {
    this.#mailbox.push(
      Object.freeze({ to, kind, ...(token === undefined ? {} : { token }), ...(key === undefined ? {} : { key }), sentAt: this.#now().toISOString() }),
    );
  }

  #requireSession(): Account {
    const account = this.#sessionAccount();
    if (!account) throw new BackendError('unauthenticated');
    return account;
  }

  #sessionAccount(): Account | undefined {
    const id = this.#state.sessionAccountId;
    const account = id === null ? undefined : this.#account(id);
    return account?.emailConfirmed ? account : undefined;
  }

  #account(id: string): Account | undefined {
    const newPassword = this.#state.newPassword(id);
    const seeded = this.#catalogue.account(id);
    if (seeded) {
      return {
        ...seeded,
        emailConfirmed: seeded.emailConfirmed || this.#state.isConfirmed(id),
        seedProductIds: seeded.productIds,
        seedOwned: seeded.owned,
        password: newPassword ? { digest: newPassword } : { plain: seeded.password },
      };
    }
    const registered = this.#state.account(id);
    if (!registered) return undefined;
    return {
      ...registered,
      emailConfirmed: this.#state.isConfirmed(id),
      seedProductIds: [],
      seedOwned: NO_PRODUCTS,
      password: { digest: newPassword ?? registered.passwordDigest },
    };
  }

  #accountByEmail(email: string): Account | undefined {
    const id = this.#catalogue.accountByEmail(email)?.id ?? this.#state.accountByEmail(email)?.id;
    return id === undefined ? undefined : this.#account(id);
  }

  #owns(account: Account, productId: string): boolean {
    return account.seedOwned.has(productId) || this.#state.redeemedProducts(account.id).has(productId);
  }

  #refresh(): void {
    const document = this.#persistence.readIfChanged();
    if (document !== undefined) this.#state = MemoryState.fromDocument(document ?? undefined);
  }

  #save(): void {
    this.#persistence.write(() => this.#state.toDocument());
  }
}

function toSessionUser(account: Account): SessionUser {
  return {
    id: account.id,
    email: account.email,
    displayName: account.displayName,
    customerType: account.customerType,
    ...(account.customerNumber === undefined ? {} : { customerNumber: account.customerNumber }),
    emailConfirmed: account.emailConfirmed,
  };
}

function copyResult(result: RedeemResult): RedeemResult {
  return { product: { ...result.product }, outcome: result.outcome };
}

async function passwordMatches(account: Account, password: string): Promise<boolean> {
  return 'plain' in account.password ? account.password.plain === password : verifyPassword(password, account.password.digest);
}
