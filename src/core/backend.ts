import type {
  Credentials,
  Product,
  RedeemResult,
  RegistrationAccepted,
  RegistrationOptions,
  RegistrationRequest,
  SessionUser,
} from './schemas.js';

/** Every backend call can be cancelled; an aborted call rejects with `BackendError('aborted')`. */
export interface CallOptions {
  signal: AbortSignal;
}

export interface RedeemOptions extends CallOptions {
  /** One UUID per user intent; a retry of the same intent sends the same key, so it never redeems twice. */
  idempotencyKey: string;
}

export interface ResendConfirmationOptions extends CallOptions {
  /**
   * The online key the user is waiting to redeem, normalized: the new confirmation link carries it
   * (see `RegistrationRequest.pendingKey`). A backend that ignores it still works: the link then
   * confirms the address without bringing the key along.
   */
  pendingKey?: string;
}

/**
 * The one interface between keyshelf and an account system. `HttpBackend` speaks it over the
 * REST contract, `MemoryBackend` runs it in the browser, and a publisher may implement it
 * directly. Every method resolves with schema-valid data or rejects with a `BackendError`.
 */
export interface Backend {
  /** The signed-in user, or `null` when nobody is signed in. */
  getSession(options: CallOptions): Promise<SessionUser | null>;
  signIn(credentials: Credentials, options: CallOptions): Promise<SessionUser>;
  signOut(options: CallOptions): Promise<void>;
  /**
   * Mails a link to set a new password. Always resolves for a well-formed e-mail, whether or not an
   * account exists (no enumeration).
   */
  requestPasswordReset(email: string, options: CallOptions): Promise<void>;
  /**
   * Sets a new password with the token from the reset mail's link (`?ks-reset=…`). The token works
   * once and expires (after 1 hour at the reference server and `MemoryBackend`). Rejects with
   * `validation`: on `token`, `token-invalid` (unknown, malformed or used) or `token-expired`; on
   * `password`, a code of the password policy (`password-too-short`, `too-long`,
   * `password-too-common`, `password-contains-email`). A refused password leaves the token usable,
   * so the user can try another. On success every session of the account ends, and the address
   * counts as confirmed (the mail reached it).
   *
   * The user is not signed in (as the OWASP Forgot Password Cheat Sheet advises): they sign in with
   * the new password, which is where a password manager offers to save it, and a reset mail never
   * works as a sign-in link.
   */
  completePasswordReset(token: string, password: string, options: CallOptions): Promise<void>;

  getRegistrationOptions(options: CallOptions): Promise<RegistrationOptions>;
  /**
   * Accepts the registration and sends the confirmation e-mail; resolves the same way for a known
   * e-mail. With `request.pendingKey` (the key the user is waiting to redeem), the confirmation
   * link carries that key as well (`?ks-confirm=…&key=…` at the reference server), so that the tab
   * the link opens, whose sessionStorage is empty, gets it back: `<ks-redeem-key>` fills it in
   * and asks "Jetzt einlösen?" once the link has signed the user in. The key is used for nothing
   * else, and a key that is not well-formed for the backend's format is left out of the link.
   */
  register(request: RegistrationRequest, options: CallOptions): Promise<RegistrationAccepted>;
  /**
   * Mails a new confirmation link to an account that is not confirmed yet (nothing to a confirmed
   * or unknown address, with the same answer). `options.pendingKey` travels in the link as with
   * `register`.
   */
  resendConfirmation(email: string, options: ResendConfirmationOptions): Promise<void>;
  /** Confirms the e-mail address with the token from the mail and signs the user in. */
  confirmEmail(token: string, options: CallOptions): Promise<SessionUser>;

  /** Redeems a normalized online key for the signed-in user. */
  redeemKey(key: string, options: RedeemOptions): Promise<RedeemResult>;
  listProducts(options: CallOptions): Promise<Product[]>;
}

export type BackendMethod = keyof Backend;
