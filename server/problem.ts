/**
 * RFC 9457 problem details. Every error leaves the server as `application/problem+json` with a
 * stable `type` (from `problemTypeFor`) and extension members the client schema knows; never a
 * stack trace, SQL text or a validator's message.
 */
import { problemTypeFor } from '../src/core/errors.js';
import { PROBLEM_CONTENT_TYPE, problemStatus, type ServerErrorCode } from '../src/core/rest-contract.js';
import type { FieldError, Problem } from '../src/core/schemas.js';

const TITLES: Record<ServerErrorCode, string> = {
  'invalid-credentials': 'E-mail address or password is wrong',
  'email-not-confirmed': 'The e-mail address is not confirmed yet',
  unauthenticated: 'Not signed in',
  validation: 'The request has invalid fields',
  'key-invalid-format': 'This is not a well-formed key',
  'key-not-found': 'No such key',
  'key-already-redeemed': 'The key has already been redeemed',
  'key-expired': 'The key has expired',
  'key-not-yet-valid': 'The key is not valid yet',
  'key-not-for-customer-type': 'The key is not meant for this customer type',
  'rate-limited': 'Too many attempts',
  server: 'Internal server error',
};

export interface ProblemExtras {
  errors?: FieldError[];
  byYou?: boolean;
  validFrom?: string;
  customerTypes?: string[];
  detail?: string;
  /** Seconds, sent as the `Retry-After` header with `rate-limited`. */
  retryAfter?: number;
}

/** A problem response to send. Throw it from a handler; the app's error handler renders it. */
export class ApiProblem extends Error {
  override name = 'ApiProblem';
  readonly status: number;
  readonly body: Problem;
  readonly headers: Record<string, string>;

  constructor(status: number, body: Problem, headers: Record<string, string> = {}) {
    super(body.title ?? String(status));
    this.status = status;
    this.body = body;
    this.headers = headers;
  }

  /** A problem with a keyshelf code: the client maps it by its `type`. */
  static of(code: ServerErrorCode, extras: ProblemExtras = {}): ApiProblem {
    const { retryAfter, detail, ...members } = extras;
    const status = problemStatus[code];
    const body: Problem = { type: problemTypeFor(code), title: TITLES[code], status, ...(detail ? { detail } : {}), ...members };
    return new ApiProblem(status, body, retryAfter === undefined ? {} : { 'Retry-After': String(retryAfter) });
  }

  /**
   * A problem of HTTP itself (413, 415, 404, 405, CSRF refusals, idempotency conflicts): these have
   * no keyshelf code, so per RFC 9457 §4.2.1 their type is `about:blank` and the status says it all.
   */
  static http(status: number, title: string, detail?: string, headers: Record<string, string> = {}): ApiProblem {
    return new ApiProblem(status, { type: 'about:blank', title, status, ...(detail ? { detail } : {}) }, headers);
  }

  static validation(errors: FieldError[]): ApiProblem {
    return ApiProblem.of('validation', { errors: errors.slice(0, 50) });
  }

  toResponse(): Response {
    return new Response(JSON.stringify(this.body), {
      status: this.status,
      headers: { 'Content-Type': PROBLEM_CONTENT_TYPE, ...this.headers },
    });
  }
}
