import { BackendError, codeForProblemType, type BackendErrorCode } from '../../core/errors.js';
import { isServerErrorCode } from '../../core/rest-contract.js';
import { problemSchema } from '../../core/schemas.js';
import { retryAfterSeconds } from './retry-after.js';

/** The code for an error status whose body names no known problem type. */
function codeForStatus(status: number): BackendErrorCode {
  if (status === 401) return 'unauthenticated';
  if (status === 400 || status === 422) return 'validation';
  if (status === 429) return 'rate-limited';
  return 'server';
}

/**
 * A non-2xx response as a `BackendError`. `body` is what was read from it: parsed JSON for a JSON
 * content type (`application/problem+json`, or plain `application/json` from a lenient backend),
 * text for anything else, `undefined` when empty. `now` (ms) is what an HTTP-date `Retry-After` is read against.
 */
export function errorFromResponse(response: Response, body: unknown, cause?: unknown, now: number = Date.now()): BackendError {
  const { status, headers } = response;
  const parsed = typeof body === 'object' && body !== null ? problemSchema.safeParse(body) : undefined;

  if (!parsed?.success) {
    // An HTML page from a proxy, an empty body, a malformed problem: only the status is left,
    // and of the statuses only 429 tells the UI something it can act on.
    if (status === 429) return new BackendError('rate-limited', { retryAfter: retryAfterSeconds(headers, now), cause }, `HTTP ${status}`);
    return new BackendError('server', { cause }, `HTTP ${status}`);
  }

  const problem = parsed.data;
  const named = codeForProblemType(problem.type);
  // A server that sends a client-side code (`offline`, `timeout`, …) is confused: judge it by its status.
  const code = named !== undefined && isServerErrorCode(named) ? named : codeForStatus(status);
  return new BackendError(
    code,
    {
      retryAfter: code === 'rate-limited' ? retryAfterSeconds(headers, now) : undefined,
      fieldErrors: problem.errors,
      byYou: problem.byYou,
      validFrom: problem.validFrom,
      customerTypes: problem.customerTypes,
      cause,
    },
    `HTTP ${status}: ${code}`,
  );
}
