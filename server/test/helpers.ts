/** Test helpers: a server on a free port with an in-memory database, and a small cookie-keeping client. */
import { startServer, type AppOptions, type RunningServer } from '../app.js';
import { ManualClock } from '../clock.js';
import { silentLogger } from '../log.js';
import type { ScryptParams } from '../passwords.js';
import { CSRF_HEADER, CSRF_HEADER_VALUE, IDEMPOTENCY_HEADER } from '../../src/core/rest-contract.js';
import { DEFAULT_KEY_ALPHABET, withCheckCharacter } from '../../src/core/online-key.js';

/** Cheap scrypt for tests: the cost is a parameter, the code path is the same. */
export const FAST_SCRYPT: ScryptParams = { N: 1024, r: 8, p: 1 };
export const ALLOWED_ORIGIN = 'https://shop.example';
export const DEMO_PASSWORD = 'Kennwort-Demo-2026';
export const TEACHER = 'lehrkraft@keyshelf.example';
export const PUPIL = 'schueler@keyshelf.example';
export const UNCONFIRMED = 'neu@keyshelf.example';

export interface TestServer extends RunningServer {
  clock: ManualClock;
  client(options?: ClientOptions): Client;
}

export async function start(options: AppOptions = {}): Promise<TestServer> {
  const clock = options.clock instanceof ManualClock ? options.clock : new ManualClock(Date.UTC(2026, 4, 4, 9, 0, 0));
  const server = await startServer({
    port: 0,
    database: ':memory:',
    log: silentLogger,
    scrypt: FAST_SCRYPT,
    mode: 'development',
    seedDemo: true,
    allowedOrigins: [ALLOWED_ORIGIN],
    ...options,
    clock,
  });
  return { ...server, clock, client: (clientOptions) => new Client(server.url, clientOptions) };
}

export interface ClientOptions {
  /** Sent as X-Forwarded-For (the server must be started with `trustProxy: true`). */
  ip?: string;
  /**
   * Sent as `Origin` on every request. By default a write carries the server's own origin (as a
   * page the server serves would: browsers send `Origin` on every POST and DELETE) and a read none;
   * `null` sends none at all (not a browser: the server refuses such a write).
   */
  origin?: string | null;
}

export interface Reply {
  status: number;
  headers: Headers;
  text: string;
  /** The parsed body, or `undefined` when it is empty or not JSON. */
  json: any;
}

export interface RequestOptions {
  body?: unknown;
  /** Sent as is instead of `JSON.stringify(body)`. */
  rawBody?: RequestInit['body'];
  headers?: Record<string, string>;
  /** Leave out the CSRF header and JSON content type that writes get by default (not the `Origin`). */
  bare?: boolean;
}

export class Client {
  readonly cookies = new Map<string, string>();
  readonly setCookieHeaders: string[] = [];

  constructor(
    readonly base: string,
    readonly options: ClientOptions = {},
  ) {}

  async request(method: string, path: string, request: RequestOptions = {}): Promise<Reply> {
    const headers: Record<string, string> = {};
    const write = method !== 'GET' && method !== 'HEAD' && method !== 'OPTIONS';
    if (write && !request.bare) {
      headers[CSRF_HEADER] = CSRF_HEADER_VALUE;
      if (request.body !== undefined || request.rawBody !== undefined) headers['Content-Type'] = 'application/json';
    }
    if (this.options.ip) headers['X-Forwarded-For'] = this.options.ip;
    const origin = this.options.origin === undefined ? (write ? new URL(this.base).origin : undefined) : this.options.origin;
    if (origin !== undefined && origin !== null) headers.Origin = origin;
    if (this.cookies.size > 0) headers.Cookie = [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    Object.assign(headers, request.headers);
    const body = request.rawBody ?? (request.body === undefined ? undefined : JSON.stringify(request.body));
    const response = await fetch(this.base + path, {
      method,
      headers,
      ...(body === undefined ? {} : { body }),
      ...(body instanceof ReadableStream ? { duplex: 'half' } : {}),
    } as RequestInit);
    for (const cookie of response.headers.getSetCookie()) {
      this.setCookieHeaders.push(cookie);
      const [pair, ...attributes] = cookie.split(';');
      const [name, ...value] = pair!.split('=');
      const expired = attributes.some((attribute) => /^\s*max-age=0\s*$/i.test(attribute));
      if (expired) this.cookies.delete(name!.trim());
      else this.cookies.set(name!.trim(), value.join('='));
    }
    const text = await response.text();
    let json: any;
    try {
      json = text === '' ? undefined : JSON.parse(text);
    } catch {
      json = undefined;
    }
    return { status: response.status, headers: response.headers, text, json };
  }

  get(path: string, request?: RequestOptions) {
    return this.request('GET', path, request);
  }
  post(path: string, body?: unknown, request: RequestOptions = {}) {
    return this.request('POST', path, { ...request, ...(body === undefined ? {} : { body }) });
  }
  delete(path: string, request?: RequestOptions) {
    return this.request('DELETE', path, request);
  }

  signIn(email: string, password: string = DEMO_PASSWORD) {
    return this.post('/api/session', { email, password });
  }

  redeem(key: string, idempotencyKey: string = crypto.randomUUID()) {
    return this.post('/api/redemptions', { key }, { headers: { [IDEMPOTENCY_HEADER]: idempotencyKey } });
  }

  get sessionToken(): string | undefined {
    return this.cookies.get('ks_session');
  }
}

/** A well-formed key that is not in the database: right length and check character, unknown. */
export function unknownKey(seed: number): string {
  const alphabet = DEFAULT_KEY_ALPHABET;
  let digits = '';
  for (let n = seed, i = 0; i < 11; i += 1, n = Math.floor(n / alphabet.length)) digits = alphabet[n % alphabet.length] + digits;
  return withCheckCharacter('WWWW' + digits);
}

/** A valid registration body; override what a test is about. */
export function registration(overrides: Record<string, unknown> = {}, address: Record<string, unknown> = {}) {
  return {
    customerType: 'parent',
    email: 'new.person@example.de',
    password: 'lange Sätze sind gute Kennwörter',
    acceptedTermsVersion: '2026-01',
    newsletter: false,
    address: { firstName: 'Erika', lastName: 'Muster', street: 'Hauptstr. 1', postcode: '10115', city: 'Berlin', country: 'DE', ...address },
    ...overrides,
  };
}

/** The token in the newest mail to `to`, from the link the mail carries. */
export function tokenFromMailbox(server: RunningServer, to: string, param = 'ks-confirm'): string | undefined {
  const mail = server.services.mailbox!.list({ to })[0];
  const link = mail?.links.find((candidate) => candidate.includes(`${param}=`));
  return link === undefined ? undefined : decodeURIComponent(new URL(link).searchParams.get(param) ?? '');
}

/** Registers, confirms through the mailbox and leaves the client signed in. */
export async function registerAndConfirm(server: TestServer, client: Client, email: string, overrides: Record<string, unknown> = {}) {
  const registered = await client.post('/api/registrations', registration({ email, ...overrides }));
  if (registered.status !== 202) throw new Error(`register ${email}: ${registered.status} ${registered.text}`);
  await server.services.mailer.idle();
  const token = tokenFromMailbox(server, email);
  const confirmed = await client.post('/api/email-confirmations', { token });
  if (confirmed.status !== 200) throw new Error(`confirm ${email}: ${confirmed.status} ${confirmed.text}`);
  return confirmed.json.user as { id: string };
}
