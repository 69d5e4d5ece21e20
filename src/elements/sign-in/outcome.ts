import { type BackendError, type BackendErrorCode, retrySeconds } from '../../core/errors.js';

/** How the form answers a failed request: which message, and what the user can do next. */
export type Failure =
  /** The session changed meanwhile (e.g. another tab signed in): the store shows that, nothing to say. */
  | { readonly kind: 'ignored' }
  | { readonly kind: 'not-confirmed' }
  | { readonly kind: 'rate-limited'; readonly seconds: number }
  /** `retry`: a transport failure, so sending the same again may work. */
  | { readonly kind: 'failed'; readonly message: `error.${Exclude<BackendErrorCode, 'aborted' | 'email-not-confirmed' | 'rate-limited'>}`; readonly retry: boolean };

export function failureOf(error: BackendError): Failure {
  switch (error.code) {
    case 'aborted':
      return { kind: 'ignored' };
    case 'email-not-confirmed':
      return { kind: 'not-confirmed' };
    case 'rate-limited':
      return { kind: 'rate-limited', seconds: retrySeconds(error) };
    default:
      return { kind: 'failed', message: `error.${error.code}`, retry: error.isTransient };
  }
}
