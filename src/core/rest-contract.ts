/**
 * The REST contract: one row per `Backend` method, naming its HTTP method, path, body schema,
 * response schema and success status. `HttpBackend` sends requests from this table, the
 * reference server registers its routes from it and its OpenAPI document is generated from it,
 * so client, server and documentation cannot drift apart.
 */
import {
  confirmationSchema,
  credentialsSchema,
  emailOnlySchema,
  passwordResetCompletionSchema,
  productsResponseSchema,
  redeemRequestSchema,
  redeemResultSchema,
  registrationAcceptedSchema,
  registrationOptionsSchema,
  registrationRequestSchema,
  resendConfirmationSchema,
  sessionResponseSchema,
  signedInResponseSchema,
} from './schemas.js';
import type { BackendMethod } from './backend.js';
import type { BackendErrorCode } from './errors.js';

/** Every write carries this header; a cross-site form cannot set it, so the server can refuse CSRF. */
export const CSRF_HEADER = 'X-Keyshelf-Request';
export const CSRF_HEADER_VALUE = '1';
/** The IETF `Idempotency-Key` header; routes marked `idempotent` require it. */
export const IDEMPOTENCY_HEADER = 'Idempotency-Key';
export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

export interface Route {
  method: 'GET' | 'POST' | 'DELETE';
  path: string;
  summary: string;
  body?: unknown;
  response?: unknown;
  /** Success statuses; the first is the usual one. */
  status: readonly number[];
  /** Whether the route needs a signed-in session. */
  auth: boolean;
  /**
   * Whether a request must carry an `Idempotency-Key` (retried with the same key, it is answered
   * once); the reference server enforces it and its OpenAPI document says so.
   */
  idempotent?: boolean;
}

export const routes = {
  getSession: {
    method: 'GET', path: '/session', summary: 'The signed-in user, or null',
    response: sessionResponseSchema, status: [200], auth: false,
  },
  signIn: {
    method: 'POST', path: '/session', summary: 'Sign in with e-mail and password',
    body: credentialsSchema, response: signedInResponseSchema, status: [200], auth: false,
  },
  signOut: {
    method: 'DELETE', path: '/session', summary: 'Sign out and end the session on the server',
    status: [204], auth: false,
  },
  requestPasswordReset: {
    method: 'POST', path: '/password-resets', summary: 'Send a password-reset e-mail (same answer for unknown e-mails)',
    body: emailOnlySchema, status: [202], auth: false,
  },
  completePasswordReset: {
    method: 'POST', path: '/password-resets/complete', summary: 'Set a new password with the token from the reset mail (does not sign in)',
    body: passwordResetCompletionSchema, status: [204], auth: false,
  },
  getRegistrationOptions: {
    method: 'GET', path: '/registration-options', summary: 'Customer types, password policy, terms and key format',
    response: registrationOptionsSchema, status: [200], auth: false,
  },
  register: {
    method: 'POST', path: '/registrations', summary: 'Create an account and send the confirmation e-mail',
    body: registrationRequestSchema, response: registrationAcceptedSchema, status: [202], auth: false,
  },
  resendConfirmation: {
    method: 'POST', path: '/registrations/resend', summary: 'Send the confirmation e-mail again',
    body: resendConfirmationSchema, status: [202], auth: false,
  },
  confirmEmail: {
    method: 'POST', path: '/email-confirmations', summary: 'Confirm the e-mail address with the token from the mail, and sign in',
    body: confirmationSchema, response: signedInResponseSchema, status: [200], auth: false,
  },
  redeemKey: {
    method: 'POST', path: '/redemptions', summary: 'Redeem an online key',
    body: redeemRequestSchema, response: redeemResultSchema, status: [201, 200], auth: true, idempotent: true,
  },
  listProducts: {
    method: 'GET', path: '/products', summary: "The signed-in user's products",
    response: productsResponseSchema, status: [200], auth: true,
  },
} as const satisfies Record<BackendMethod, Route>;

/** The codes a server sends; the others (`offline`, `timeout`, `aborted`, `bad-response`) arise in the client. */
export type ServerErrorCode = Exclude<BackendErrorCode, 'offline' | 'timeout' | 'aborted' | 'bad-response'>;

/** The HTTP status each problem is sent with (docs/rest-contract.md lists the same table). */
export const problemStatus = {
  'invalid-credentials': 401,
  'email-not-confirmed': 403,
  unauthenticated: 401,
  validation: 400,
  'key-invalid-format': 422,
  'key-not-found': 404,
  'key-already-redeemed': 409,
  'key-expired': 410,
  'key-not-yet-valid': 422,
  'key-not-for-customer-type': 403,
  'rate-limited': 429,
  server: 500,
} as const satisfies Record<ServerErrorCode, number>;

export function isServerErrorCode(code: BackendErrorCode): code is ServerErrorCode {
  return Object.hasOwn(problemStatus, code);
}
