import type { BackendError, BackendErrorCode } from '../../core/errors.js';

/** Seconds to wait after `rate-limited` when the backend does not say how long. */
export const DEFAULT_RETRY_AFTER_SECONDS = 30;

/** How the form answers a failed request: which message, and what the user can do next. */
export type Failure =
  /** The session changed meanwhile (e.g. another tab signed in): the store shows that, nothing to say. */
  | { readonly kind: 'ignored' }
  | { readonly kind: 'not-confirmed' }
  | { readonly kind: 'rate-limited'; readonly seconds: number }
  /** `retry`: a transport failure, so sending the same again may work. */
  | { readonly kind: 'failed'; readonly message: `error.${BackendErrorCode}`; readonly retry: boolean };

export function failureOf(error: BackendError): Failure {
  switch (error.code) {
    case 'aborted':
      return { kind: 'ignored' };
    case 'email-not-confirmed':
      return { kind: 'not-confirmed' };
    case 'rate-limited':
      return { kind: 'rate-limited', seconds: Math.max(1, Math.ceil(error.retryAfter ?? DEFAULT_RETRY_AFTER_SECONDS)) };
    default:
      return { kind: 'failed', message: `error.${error.code}`, retry: error.isTransient };
  }
}
