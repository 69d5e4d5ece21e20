import type { FieldError } from './schemas.js';

/**
 * Every way a backend call can fail, as a stable code. The UI keys on these codes, never on
 * server text, so a publisher's backend can phrase its messages however it likes.
 */
export const backendErrorCodes = [
  'invalid-credentials',
  'email-not-confirmed',
  'unauthenticated',
  'validation',
  'key-invalid-format',
  'key-not-found',
  'key-already-redeemed',
  'key-expired',
  'key-not-yet-valid',
  'key-not-for-customer-type',
  'rate-limited',
  'offline',
  'timeout',
  'aborted',
  'bad-response',
  'server',
] as const;

export type BackendErrorCode = (typeof backendErrorCodes)[number];

/** Transport failures that a retry of the same request may cure (see `BackendError.isTransient`). */
export type TransientCode = Extract<BackendErrorCode, 'offline' | 'timeout' | 'server' | 'bad-response'>;

const transientCodes: ReadonlySet<BackendErrorCode> = new Set<TransientCode>(['offline', 'timeout', 'server', 'bad-response']);

/**
 * Seconds to wait after `rate-limited` when the backend does not say how long (an HTTP 429 without
 * a readable `Retry-After`, a publisher's backend without `retryAfter`). A minute is long enough not
 * to hammer a server that is already refusing us, and short enough for a person to wait out.
 */
export const DEFAULT_RETRY_AFTER_SECONDS = 60;

export function isBackendErrorCode(value: unknown): value is BackendErrorCode {
  return typeof value === 'string' && (backendErrorCodes as readonly string[]).includes(value);
}

export interface BackendErrorDetails {
  /** `rate-limited`: seconds until a retry may succeed. */
  retryAfter?: number;
  /** `key-already-redeemed`: whether the caller is the one who redeemed it. */
  byYou?: boolean;
  /** `validation`: what is wrong with which field. */
  fieldErrors?: readonly FieldError[];
  /** `key-not-yet-valid`: ISO date from which the key can be redeemed. */
  validFrom?: string;
  /** `key-not-for-customer-type`: the customer types the key is meant for. */
  customerTypes?: readonly string[];
  /** The underlying cause, for developers; never shown to users. */
  cause?: unknown;
}

/** A failure of a `Backend` call with a stable `code`. */
export class BackendError extends Error {
  readonly code: BackendErrorCode;
  readonly retryAfter?: number;
  readonly byYou?: boolean;
  readonly fieldErrors?: readonly FieldError[];
  readonly validFrom?: string;
  readonly customerTypes?: readonly string[];

  constructor(code: BackendErrorCode, details: BackendErrorDetails = {}, message: string = code) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'BackendError';
    this.code = code;
    if (details.retryAfter !== undefined) this.retryAfter = details.retryAfter;
    if (details.byYou !== undefined) this.byYou = details.byYou;
    if (details.fieldErrors !== undefined) this.fieldErrors = details.fieldErrors;
    if (details.validFrom !== undefined) this.validFrom = details.validFrom;
    if (details.customerTypes !== undefined) this.customerTypes = details.customerTypes;
  }

  /** Transport failures that a retry of the same request may cure. */
  get isTransient(): boolean {
    return transientCodes.has(this.code);
  }
}

/** Whether `error` is a transport failure (`isTransient`), with its code narrowed for the type system. */
export function isTransientError(error: BackendError): error is BackendError & { readonly code: TransientCode } {
  return error.isTransient;
}

/**
 * Whole seconds to wait before trying again after `error` (`rate-limited`): its `retryAfter`, else
 * `DEFAULT_RETRY_AFTER_SECONDS`; at least one second, so that a countdown always shows.
 */
export function retrySeconds(error: BackendError): number {
  return Math.max(1, Math.ceil(error.retryAfter ?? DEFAULT_RETRY_AFTER_SECONDS));
}

/** Any thrown value as a `BackendError`: a publisher's adapter may throw anything. */
export function toBackendError(error: unknown): BackendError {
  if (error instanceof BackendError) return error;
  if (error instanceof DOMException && error.name === 'AbortError') return new BackendError('aborted', { cause: error });
  return new BackendError('server', { cause: error }, error instanceof Error ? error.message : String(error));
}

/** The RFC 9457 `type` URI for each code, shared by `HttpBackend` and the reference server. */
export const PROBLEM_TYPE_BASE = 'https://keyshelf.dev/problems/';

export function problemTypeFor(code: BackendErrorCode): string {
  return PROBLEM_TYPE_BASE + code;
}

export function codeForProblemType(type: string): BackendErrorCode | undefined {
  if (!type.startsWith(PROBLEM_TYPE_BASE)) return undefined;
  const code = type.slice(PROBLEM_TYPE_BASE.length);
  return isBackendErrorCode(code) ? code : undefined;
}
