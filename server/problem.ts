/**
 * RFC 9457 problem details. Every error leaves the server as `application/problem+json` with a
 * stable `type` (from `problemTypeFor`) and extension members the client schema knows; never a
 * stack trace, SQL text or a validator's message.
 */
import type { BackendErrorCode } from '../src/core/errors.js';
import { problemTypeFor } from '../src/core/errors.js';
import { PROBLEM_CONTENT_TYPE } from '../src/core/rest-contract.js';
import type { FieldError, Problem } from '../src/core/schemas.js';

/** The codes a server can send; the rest (`offline`, `timeout`, …) arise in the client. */
export type ServerErrorCode = Exclude<BackendErrorCode, 'offline' | 'timeout' | 'aborted' | 'bad-response'>;

export const STATUS_FOR: Record<ServerErrorCode, number> = {
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
};

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
    const status = STATUS_FOR[code];
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

interface Issue {
  code: string;
  path: PropertyKey[];
  minimum?: unknown;
  format?: string;
  keys?: string[];
}

/** The value at `path` in the raw input (zod leaves the input out of its issues). */
function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let value = input;
  for (const segment of path) {
    if (typeof value !== 'object' || value === null || !Object.hasOwn(value, segment)) return undefined;
    value = (value as Record<PropertyKey, unknown>)[segment];
  }
  return value;
}

/**
 * zod issues → `{ field, code }` with codes the UI translates; the validator's text is dropped.
 * One error per field, the first found. The same codes as `MemoryBackend`
 * (`src/adapters/memory/field-errors.ts`): `required`, `too-short`, `too-long`, `invalid-email`,
 * `invalid-format`, `invalid-type`, `invalid-value`, `unknown-field`, else `invalid`.
 */
export function fieldErrorsFromIssues(issues: readonly Issue[], input: unknown): FieldError[] {
  const errors = new Map<string, FieldError>();
  const add = (path: readonly PropertyKey[], code: string) => {
    const field = path.map(String).join('.').slice(0, 100);
    if (!errors.has(field)) errors.set(field, { field, code });
  };
  for (const issue of issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys ?? []) add([...issue.path, key], 'unknown-field');
      continue;
    }
    if (valueAt(input, issue.path) === undefined) {
      add(issue.path, 'required');
      continue;
    }
    switch (issue.code) {
      case 'invalid_type':
        add(issue.path, 'invalid-type');
        break;
      case 'too_small':
        add(issue.path, Number(issue.minimum) <= 1 ? 'required' : 'too-short');
        break;
      case 'too_big':
        add(issue.path, 'too-long');
        break;
      case 'invalid_format':
        add(issue.path, issue.format === 'email' ? 'invalid-email' : 'invalid-format');
        break;
      case 'invalid_value':
        add(issue.path, 'invalid-value');
        break;
      default:
        add(issue.path, 'invalid');
    }
  }
  return [...errors.values()];
}
