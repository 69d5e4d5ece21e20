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
  /** Accepts the registration and sends the confirmation e-mail; resolves the same way for a known e-mail. */
  register(request: RegistrationRequest, options: CallOptions): Promise<RegistrationAccepted>;
  resendConfirmation(email: string, options: CallOptions): Promise<void>;
  /** Confirms the e-mail address with the token from the mail and signs the user in. */
  confirmEmail(token: string, options: CallOptions): Promise<SessionUser>;

  /** Redeems a normalized online key for the signed-in user. */
  redeemKey(key: string, options: RedeemOptions): Promise<RedeemResult>;
  listProducts(options: CallOptions): Promise<Product[]>;
}

export type BackendMethod = keyof Backend;
