/**
 * CORS and CSRF for the API.
 *
 * CORS: only the configured origins (plus our own) may read responses, with credentials; requests
 * may carry `Content-Type`, the CSRF header and `Idempotency-Key`; `Retry-After` is exposed.
 *
 * CSRF: a write (POST, PUT, PATCH, DELETE) is refused unless
 * - it has an `Origin` and that is our own or an allowed one (403), and
 * - it carries `X-Keyshelf-Request: 1`, which no cross-site form can set without a preflight (403), and
 * - its body is JSON (415): a form post cannot be `application/json` without a preflight either.
 * Browsers send `Origin` on every `fetch` POST, PUT, PATCH and DELETE in the default `cors` mode
 * (what `HttpBackend` uses), same-origin or not, so a write without one is not from our elements:
 * it is refused like any other origin we do not know. Clients outside a browser (scripts, tests,
 * the load test) must send an allowed `Origin` too.
 */
import type { MiddlewareHandler } from 'hono';
import { CSRF_HEADER, CSRF_HEADER_VALUE, IDEMPOTENCY_HEADER } from '../src/core/rest-contract.js';
import type { AppEnv } from './http/env.js';
import { isJsonContentType } from './http/body.js';
import { ApiProblem } from './problem.js';

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const ALLOWED_METHODS = 'GET, POST, DELETE';
const ALLOWED_HEADERS = ['Content-Type', CSRF_HEADER, IDEMPOTENCY_HEADER].join(', ');
const EXPOSED_HEADERS = 'Retry-After';

export interface OriginPolicy {
  /** Whether `origin` may call the API from a page of another origin. */
  isAllowed(origin: string): boolean;
}

/** Exact origins, or `scheme://host:*` for any port of that host. */
export function createOriginPolicy(allowedOrigins: readonly string[], publicUrl: string): OriginPolicy {
  const exact = new Set<string>([new URL(publicUrl).origin]);
  const anyPort: string[] = [];
  for (const entry of allowedOrigins) {
    if (entry.endsWith(':*')) anyPort.push(entry.slice(0, -2));
    else exact.add(new URL(entry).origin);
  }
  return {
    isAllowed(origin) {
      if (exact.has(origin)) return true;
      const match = /^(https?:\/\/[^/:]+)(?::(\d{1,5}))?$/.exec(origin);
      return match !== null && anyPort.includes(match[1]!);
    },
  };
}

function ownOrigin(url: string): string {
  return new URL(url).origin;
}

export function cors(policy: OriginPolicy): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const origin = c.req.header('Origin');
    const allowed = origin !== undefined && origin !== ownOrigin(c.req.url) && policy.isAllowed(origin);
    if (c.req.method === 'OPTIONS' && c.req.header('Access-Control-Request-Method') !== undefined) {
      const headers = new Headers({ Vary: 'Origin, Access-Control-Request-Method, Access-Control-Request-Headers' });
      if (allowed) {
        headers.set('Access-Control-Allow-Origin', origin);
        headers.set('Access-Control-Allow-Credentials', 'true');
        headers.set('Access-Control-Allow-Methods', ALLOWED_METHODS);
        headers.set('Access-Control-Allow-Headers', ALLOWED_HEADERS);
        headers.set('Access-Control-Max-Age', '600');
      }
      return new Response(null, { status: 204, headers });
    }
    await next();
    c.res.headers.append('Vary', 'Origin');
    if (allowed) {
      c.res.headers.set('Access-Control-Allow-Origin', origin);
      c.res.headers.set('Access-Control-Allow-Credentials', 'true');
      c.res.headers.set('Access-Control-Expose-Headers', EXPOSED_HEADERS);
    }
  };
}

export function csrf(policy: OriginPolicy): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (!UNSAFE.has(c.req.method)) return next();
    const origin = c.req.header('Origin');
    if (origin === undefined) {
      throw ApiProblem.http(403, 'Origin missing', 'Every write must carry the Origin header of an allowed origin.');
    }
    if (origin !== ownOrigin(c.req.url) && !policy.isAllowed(origin)) {
      throw ApiProblem.http(403, 'Origin not allowed', 'Requests from this origin are not accepted.');
    }
    if (c.req.header(CSRF_HEADER) !== CSRF_HEADER_VALUE) {
      throw ApiProblem.http(403, `Missing ${CSRF_HEADER} header`, `Every write must carry ${CSRF_HEADER}: ${CSRF_HEADER_VALUE}.`);
    }
    const contentType = c.req.header('Content-Type');
    const length = c.req.header('Content-Length');
    const hasBody = c.req.method !== 'DELETE' || contentType !== undefined || (length !== undefined && length !== '0') || c.req.header('Transfer-Encoding') !== undefined;
    if (hasBody && !isJsonContentType(contentType)) {
      throw ApiProblem.http(415, 'Unsupported media type', 'Send the body as application/json.');
    }
    return next();
  };
}
