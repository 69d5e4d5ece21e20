import ky, { isHTTPError, isNetworkError, isTimeoutError, type KyInstance, type ShouldRetryState } from 'ky';
import type { Backend, CallOptions, RedeemOptions, ResendConfirmationOptions } from '../../core/backend.js';
import { BackendError } from '../../core/errors.js';
import { CSRF_HEADER, CSRF_HEADER_VALUE, IDEMPOTENCY_HEADER, routes, type Route } from '../../core/rest-contract.js';
import type {
  Credentials,
  Product,
  RedeemResult,
  RegistrationAccepted,
  RegistrationOptions,
  RegistrationRequest,
  ResendConfirmationRequest,
  SessionUser,
} from '../../core/schemas.js';
import type * as z from '../../core/zod.js';
import { isJsonContentType, parseJsonSafely } from './json.js';
import { errorFromResponse } from './problem.js';
import { parseRetryAfter, retryAfterSeconds } from './retry-after.js';

export interface HttpBackendOptions {
  /** Where the REST contract is served, e.g. `https://accounts.example.com/api` or `/api`. */
  baseUrl: string;
  /** Milliseconds per attempt before a call fails with `timeout`. Default 10 000. */
  timeout?: number;
  /** How often a failed GET is retried. Writes are never retried here. Default 2. */
  retries?: number;
  /**
   * The longest `Retry-After`, in seconds, that a GET waits out before retrying. A longer one
   * fails at once with `rate-limited` and its `retryAfter`. Default 10.
   */
  maxRetryAfter?: number;
  /** Replaces the global `fetch`, e.g. for instrumentation or tests. */
  fetch?: typeof fetch;
  /** Extra headers on every request. The contract's own headers take precedence. */
  headers?: Record<string, string>;
  /** The clock an HTTP-date `Retry-After` is read against. Default: the system clock. */
  now?: () => Date;
}

type Routes = typeof routes;
type MethodName = keyof Routes;
type ResponseOf<M extends MethodName> = Routes[M] extends { response: infer S extends z.ZodMiniType } ? z.output<S> : undefined;

const ACCEPT = 'application/json, application/problem+json';

/** A failure of `fetch` itself (connection refused, DNS, CORS, offline), told apart from a caller's abort. */
class FetchFailure extends Error {
  constructor(cause: unknown) {
    super('fetch failed', { cause });
    this.name = 'FetchFailure';
  }
}

const isOffline = () => globalThis.navigator?.onLine === false;

/**
 * `Backend` over the keyshelf REST contract (`docs/rest-contract.md`), with ky.
 *
 * Requests come from the route table in `rest-contract.ts`; every call sends cookies
 * (`credentials: 'include'`), every write carries the CSRF header, every 2xx body is validated
 * with the route's schema, and every failure rejects with a `BackendError`.
 */
export class HttpBackend implements Backend {
  readonly #ky: KyInstance;
  readonly #now: () => number;

  constructor(options: HttpBackendOptions) {
    const { baseUrl, timeout = 10_000, retries = 2, maxRetryAfter = 10, headers = {}, now } = options;
    this.#now = now ? () => now().getTime() : Date.now;
    assertUsableBaseUrl(baseUrl);
    const fetchImpl = options.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => globalThis.fetch(input, init));
    const baseHeaders = new Headers(headers);
    baseHeaders.set('Accept', ACCEPT);

    this.#ky = ky.create({
      // `prefix`, not `baseUrl`: the contract's paths start with a slash, and must extend the
      // base path rather than replace it.
      prefix: baseUrl,
      credentials: 'include',
      cache: 'no-store',
      headers: baseHeaders,
      timeout,
      retry: {
        limit: retries,
        methods: ['get'],
        // ky's own default is Infinity: a server could make us sleep for a day.
        maxRetryAfter: maxRetryAfter * 1000,
        backoffLimit: maxRetryAfter * 1000,
        shouldRetry: (state) => shouldRetry(state, maxRetryAfter, this.#now()),
      },
      fetch: async (input, init) => {
        try {
          return await fetchImpl(input, init);
        } catch (error) {
          const signal = input instanceof Request ? input.signal : init?.signal;
          // An abort (the caller's, or ky's on timeout) rejects with the signal's reason: leave
          // it for ky. Anything else is the network, whatever the browser called it.
          if (signal?.aborted) throw error;
          throw new FetchFailure(error);
        }
      },
      parseJson: (text, { response }) => {
        if (!isJsonContentType(response.headers.get('Content-Type'))) {
          throw new BackendError('bad-response', {}, `Expected JSON, got ${response.headers.get('Content-Type') ?? 'no content type'}`);
        }
        try {
          return parseJsonSafely(text);
        } catch (error) {
          throw new BackendError('bad-response', { cause: error }, 'The response body is not JSON');
        }
      },
    });
  }

  async getSession({ signal }: CallOptions): Promise<SessionUser | null> {
    return (await this.#call('getSession', signal)).user;
  }

  async signIn(credentials: Credentials, { signal }: CallOptions): Promise<SessionUser> {
    const json = { email: credentials.email, password: credentials.password };
    return (await this.#call('signIn', signal, { json })).user;
  }

  async signOut({ signal }: CallOptions): Promise<void> {
    await this.#call('signOut', signal);
  }

  async requestPasswordReset(email: string, { signal }: CallOptions): Promise<void> {
    await this.#call('requestPasswordReset', signal, { json: { email } });
  }

  async completePasswordReset(token: string, password: string, { signal }: CallOptions): Promise<void> {
    await this.#call('completePasswordReset', signal, { json: { token, password } });
  }

  async getRegistrationOptions({ signal }: CallOptions): Promise<RegistrationOptions> {
    return this.#call('getRegistrationOptions', signal);
  }

  async register(request: RegistrationRequest, { signal }: CallOptions): Promise<RegistrationAccepted> {
    return this.#call('register', signal, { json: request });
  }

  async resendConfirmation(email: string, { signal, pendingKey }: ResendConfirmationOptions): Promise<void> {
    // JSON leaves out a `pendingKey` that is undefined.
    const json: ResendConfirmationRequest = { email, pendingKey };
    await this.#call('resendConfirmation', signal, { json });
  }

  async confirmEmail(token: string, { signal }: CallOptions): Promise<SessionUser> {
    return (await this.#call('confirmEmail', signal, { json: { token } })).user;
  }

  async redeemKey(key: string, { idempotencyKey, signal }: RedeemOptions): Promise<RedeemResult> {
    return this.#call('redeemKey', signal, { json: { key }, headers: { [IDEMPOTENCY_HEADER]: idempotencyKey } });
  }

  async listProducts({ signal }: CallOptions): Promise<Product[]> {
    return (await this.#call('listProducts', signal)).products;
  }

  async #call<M extends MethodName>(
    name: M,
    signal: AbortSignal,
    init: { json?: unknown; headers?: Record<string, string> } = {},
  ): Promise<ResponseOf<M>> {
    if (signal.aborted) throw new BackendError('aborted', { cause: signal.reason });
    const route: Route = routes[name];
    const headers = { ...init.headers };
    if (route.method !== 'GET') headers[CSRF_HEADER] = CSRF_HEADER_VALUE;

    let built = false;
    try {
      const pending = this.#ky(route.path, { method: route.method, signal, headers, json: init.json });
      built = true;
      const schema = route.response as z.ZodMiniType | undefined;
      if (schema === undefined) {
        const response = await pending;
        void response.body?.cancel().catch(() => undefined);
        return undefined as ResponseOf<M>;
      }
      const result = schema.safeParse(await pending.json());
      if (!result.success) throw new BackendError('bad-response', { cause: result.error }, `The ${name} response breaks the contract`);
      return result.data as ResponseOf<M>;
    } catch (error) {
      throw toBackendError(error, signal, built, this.#now());
    }
  }
}

function assertUsableBaseUrl(baseUrl: string): void {
  const url = new URL(baseUrl, globalThis.location?.href ?? 'http://localhost/');
  if (url.search !== '' || url.hash !== '' || url.username !== '' || url.password !== '') {
    throw new TypeError('HttpBackend: `baseUrl` must not contain a query, a fragment or credentials');
  }
}

/** `now` (ms): the clock an HTTP-date `Retry-After` is read against. */
function shouldRetry({ error }: ShouldRetryState, maxRetryAfter: number, now: number): boolean | undefined {
  if (isOffline()) return false;
  if (error instanceof FetchFailure) return true;
  if (isHTTPError(error)) {
    const { status, headers } = error.response;
    // Past the cap the caller hears `rate-limited` with the server's time instead of waiting.
    const wait = status === 429 ? retryAfterSeconds(headers, now) : parseRetryAfter(headers.get('Retry-After'), now);
    if (wait !== undefined && wait > maxRetryAfter) return false;
  }
  return undefined;
}

/** `built`: the request was valid and went out, so a TypeError can only be the network failing. */
function toBackendError(error: unknown, signal: AbortSignal, built: boolean, now: number): BackendError {
  // The caller's signal decides: ky aborts its own controller on a timeout, so an AbortError
  // alone does not say who gave up.
  if (signal.aborted) return new BackendError('aborted', { cause: error });
  if (error instanceof BackendError) return error;
  if (isHTTPError(error)) return errorFromResponse(error.response, error.data, error, now);
  if (isTimeoutError(error)) return new BackendError(isOffline() ? 'offline' : 'timeout', { cause: error });
  // FetchFailure: fetch() rejected. A TypeError after that: the connection broke while the body was read.
  if (error instanceof FetchFailure || isNetworkError(error) || (built && error instanceof TypeError)) {
    return new BackendError('offline', { cause: error });
  }
  return new BackendError('server', { cause: error }, error instanceof Error ? error.message : String(error));
}
