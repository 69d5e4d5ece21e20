import { createServer } from 'node:http';

/**
 * A scriptable keyshelf backend for browser tests, served by web-test-runner's own dev server so
 * that `HttpBackend` is tested over real HTTP, real CORS and real cookies.
 *
 * Every test takes its own run id, which isolates its state, script, log and cookies:
 *
 *   /__fault/<run>/api/…      the REST contract (docs/rest-contract.md), happy paths, cookie session
 *   POST /__fault/<run>/__script   {steps?: Step[], cors?: 'credentials'|'no-credentials'|'wildcard'}
 *                                  queue faults; each API request takes the first step that matches it
 *   POST /__fault/<run>/__release  lets every request held by a 'hang' fault go on
 *   GET  /__fault/<run>/__log      what the API received: method, path, headers, cookies, body
 *   GET  /__fault/__info           {secondPort, closedPort}: the same server on another port, for
 *                                  cross-origin calls, and a port where connections are refused
 *
 * A step is `{ match?: 'GET /products' | '*', fault: Fault, times?: number }` (match defaults to '*',
 * times to 1). A fault is a name: 'hang' (hold the request until the test releases it, then answer
 * normally; a client that gives up first ends it too), 'drop' (close the connection before any answer; Chrome resends such a request on
 * another pooled connection, so give it `times`), 'truncate' (headers and half a body, then close),
 * 'rate-limit-seconds' (429, Retry-After: 3), 'rate-limit-zero' (Retry-After: 0),
 * 'rate-limit-garbage', 'rate-limit-bare' (429, no header,
 * no body), 'html-500', 'empty-500', 'html-200', 'text-json-200' (valid JSON as text/plain),
 * 'empty-200', 'schema-break', 'proto' (valid body plus "__proto__" members), 'problem:<code>';
 * or `{ problem: code, status?, extra?, headers? }`; or a raw `{ status, headers?, body? }`.
 *
 * Requests from another origin get CORS answers for that origin (with credentials, unless the run
 * says otherwise): tests call it same-site on the second port, and cross-site as 127.0.0.1 from a
 * page on localhost. The session cookie is HttpOnly and SameSite=Lax, as the contract says.
 *
 * Password resets: no mail is sent. A token of 16 or more characters that starts with `reset-`
 * completes a reset once per run, one that starts with `expired-` is `token-expired`, any other is
 * `token-invalid`; a password under 12 characters is `password-too-short`.
 */

/** A copy of `PROBLEM_TYPE_BASE` in src/core/errors.ts, kept equal by server/test/contract-tables.test.ts. */
export const PROBLEM_TYPE_BASE = 'https://keyshelf.dev/problems/';

/**
 * The status each problem type is sent with: a copy of `problemStatus` in src/core/rest-contract.ts
 * (this file runs in Node without a TypeScript loader), kept equal by server/test/contract-tables.test.ts.
 */
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
};

/** Extension members each problem carries in a scripted `problem:<code>` fault. */
const problemExtras = {
  validation: { errors: [{ field: 'email', code: 'invalid' }, { field: 'address.postcode', code: 'too-long' }] },
  'key-already-redeemed': { byYou: true },
  'key-not-yet-valid': { validFrom: '2031-08-01' },
  'key-not-for-customer-type': { customerTypes: ['teacher', 'school'] },
};

export const TEST_USER = {
  id: 'u-fault-1',
  email: 'reader@example.com',
  displayName: 'Rita Reader',
  customerType: 'teacher',
  customerNumber: 'K-1001',
  emailConfirmed: true,
};
export const TEST_PASSWORD = 'correct horse battery staple';

const PRODUCTS = [
  {
    id: 'p-atlas', title: 'Weltatlas', subtitle: 'Ausgabe 2025', coverUrl: '/covers/atlas.svg', kind: 'licence',
    licenceType: 'single', validFrom: '2025-08-01', validUntil: '2026-07-31', openUrl: 'https://reader.example.com/atlas',
  },
  {
    id: 'p-audio', title: 'Hörtexte Englisch', kind: 'download', licenceType: 'school',
    openUrl: 'https://reader.example.com/audio', downloadUrl: 'https://downloads.example.com/audio.zip',
  },
  { id: 'p-journal', title: 'Praxis Deutsch', kind: 'journal', licenceType: 'staff', openUrl: '/journals/praxis' },
];

const REDEEMABLE = {
  id: 'p-grammar', title: 'Grammatik kompakt', kind: 'licence', licenceType: 'single', openUrl: 'https://reader.example.com/grammar',
};

const REGISTRATION_OPTIONS = {
  customerTypes: [
    { id: 'private', label: { de: 'Privatperson', en: 'Private customer' }, requiresInstitution: false },
    { id: 'teacher', label: { de: 'Lehrkraft', en: 'Teacher' }, requiresInstitution: true },
  ],
  passwordPolicy: { minLength: 12, maxLength: 128 },
  terms: { version: '2025-01', url: 'https://example.com/terms' },
  privacyUrl: 'https://example.com/privacy',
  keyFormat: { groups: 4, groupLength: 4, alphabet: 'ABCDEFGHJKMNPRTUVWXY346789', checkCharacter: true },
};

const SESSION_COOKIE = 'ks_fault_session';
const CSRF_HEADER = 'x-keyshelf-request';
const IDEMPOTENCY_HEADER = 'idempotency-key';

/**
 * The web-test-runner plugin: `plugins: [faultServerPlugin()]`. Besides the test runner's own port
 * it serves the same app on a second port, so tests can call the API cross-origin but same-site
 * (localhost:A to localhost:B), the way a publisher's page calls api.publisher.example.
 */
export function faultServerPlugin({ prefix = '/__fault/' } = {}) {
  let secondServer;
  let closedPort;
  const middleware = faultServerMiddleware({ prefix, info: () => ({ secondPort: secondServer?.address()?.port, closedPort }) });
  return {
    name: 'keyshelf-fault-server',
    async serverStart({ app }) {
      secondServer = createServer(app.callback());
      await new Promise((resolve) => secondServer.listen(0, resolve));
      // A port that was just free and is closed again: connecting to it is refused.
      const probe = createServer();
      await new Promise((resolve) => probe.listen(0, resolve));
      closedPort = probe.address().port;
      await new Promise((resolve) => probe.close(resolve));
    },
    async serverStop() {
      secondServer?.closeAllConnections();
      await new Promise((resolve) => secondServer?.close(resolve) ?? resolve());
    },
    // The dev server composes its koa middleware before plugins start, so `app.use()` in
    // `serverStart` would never run. The `serve` hook sees every request (any method) on the koa
    // context first; the middleware answers on that context and returns nothing, so the dev server
    // passes its answer through untouched (its static middleware only serves unanswered requests).
    async serve(context) {
      await middleware(context, async () => undefined);
      return undefined;
    },
  };
}

/** The koa middleware itself, for use outside web-test-runner. */
export function faultServerMiddleware({ prefix = '/__fault/', info = () => ({}) } = {}) {
  const runs = new Map();
  const runFor = (id) => {
    let run = runs.get(id);
    if (!run) {
      run = {
        steps: [],
        log: [],
        cors: 'credentials',
        /** Releases the requests a 'hang' fault holds. */
        held: new Set(),
        sessions: new Set(),
        idempotency: new Map(),
        owned: false,
        usedResetTokens: new Set(),
      };
      runs.set(id, run);
    }
    return run;
  };

  return async function faultServer(ctx, next) {
    if (!ctx.path.startsWith(prefix)) return next();
    const [id, area, ...rest] = ctx.path.slice(prefix.length).split('/');
    if (id === '__info') return sendJson(ctx, 200, info());
    if (!id || !area) return next();
    const run = runFor(id);
    const runPath = `${prefix}${id}/`;

    if (applyCors(ctx, run)) return;

    if (area === '__script' && ctx.method === 'POST') {
      const script = JSON.parse((await readBody(ctx.req)) || '{}');
      run.steps.push(...(script.steps ?? []));
      if (script.cors) run.cors = script.cors;
      ctx.status = 204;
      return;
    }
    if (area === '__release' && ctx.method === 'POST') {
      for (const release of run.held) release();
      ctx.status = 204;
      return;
    }
    if (area === '__log') {
      sendJson(ctx, 200, run.log);
      return;
    }
    if (area !== 'api') return next();

    const path = `/${rest.join('/')}`;
    const body = await readBody(ctx.req);
    const headers = Object.fromEntries(Object.entries(ctx.headers).map(([k, v]) => [k.toLowerCase(), String(v)]));
    const cookies = parseCookies(ctx.get('Cookie'));
    run.log.push({ method: ctx.method, path, url: ctx.url, headers, cookies, body });
    ctx.set('Cache-Control', 'no-store');

    const step = run.steps.find((candidate) => matches(candidate.match ?? '*', ctx.method, path));
    if (step) {
      step.times = (step.times ?? 1) - 1;
      if (step.times <= 0) run.steps.splice(run.steps.indexOf(step), 1);
      const handled = await applyFault(ctx, run, step.fault, ctx.method, path);
      if (handled) return;
    }
    handleApi(ctx, run, { path, body, cookies, headers, runPath });
  };
}

function applyCors(ctx, run) {
  if (!isCrossOrigin(ctx)) return false;
  ctx.set('Vary', 'Origin');
  ctx.set('Access-Control-Allow-Origin', run.cors === 'wildcard' ? '*' : ctx.get('Origin'));
  if (run.cors === 'credentials') ctx.set('Access-Control-Allow-Credentials', 'true');
  ctx.set('Access-Control-Expose-Headers', 'Retry-After, Idempotency-Key');
  if (ctx.method !== 'OPTIONS') return false;
  ctx.set('Access-Control-Allow-Methods', 'GET, POST, DELETE');
  ctx.set('Access-Control-Allow-Headers', 'Content-Type, X-Keyshelf-Request, Idempotency-Key');
  ctx.set('Access-Control-Max-Age', '0');
  ctx.status = 204;
  return true;
}

function matches(match, method, path) {
  return match === '*' || match === `${method} ${path}`;
}

/** Answers the request with `fault`; returns false when the normal handler should still answer. */
async function applyFault(ctx, run, fault, method, path) {
  if (typeof fault === 'object' && fault !== null && 'problem' in fault) {
    sendProblem(ctx, fault.problem, fault.status, fault.extra, fault.headers);
    return true;
  }
  if (typeof fault === 'object' && fault !== null) {
    ctx.status = fault.status;
    for (const [name, value] of Object.entries(fault.headers ?? {})) ctx.set(name, value);
    if (fault.body !== undefined) ctx.body = typeof fault.body === 'string' ? fault.body : JSON.stringify(fault.body);
    return true;
  }
  if (fault.startsWith('problem:')) {
    sendProblem(ctx, fault.slice('problem:'.length));
    return true;
  }
  switch (fault) {
    case 'hang':
      await new Promise((resolve) => {
        const release = () => {
          run.held.delete(release);
          resolve();
        };
        run.held.add(release);
        ctx.res.once('close', release);
      });
      if (ctx.res.destroyed || ctx.req.socket.destroyed) {
        // Nobody is listening any more; a status other than 404 keeps the test runner from
        // reporting a missing file.
        ctx.status = 204;
        ctx.respond = false;
        return true;
      }
      return false;
    case 'truncate': {
      // Headers and half a body, then the connection goes: the body read fails in the browser.
      const text = JSON.stringify(validBody(method, path));
      ctx.req.socket.end(`HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: ${text.length}\r\n\r\n${text.slice(0, 10)}`);
      ctx.status = 204;
      ctx.respond = false;
      return true;
    }
    case 'drop':
      ctx.req.socket.destroy();
      ctx.status = 204;
      ctx.respond = false;
      return true;
    case 'rate-limit-seconds':
      sendProblem(ctx, 'rate-limited', 429, {}, { 'Retry-After': '3' });
      return true;
    case 'rate-limit-zero':
      sendProblem(ctx, 'rate-limited', 429, {}, { 'Retry-After': '0' });
      return true;
    case 'rate-limit-garbage':
      sendProblem(ctx, 'rate-limited', 429, {}, { 'Retry-After': 'soon-ish' });
      return true;
    case 'rate-limit-bare':
      ctx.status = 429;
      ctx.body = '';
      return true;
    case 'html-500':
      ctx.status = 500;
      ctx.type = 'text/html';
      ctx.body = '<!doctype html><html><body><h1>502 Bad Gateway</h1><p>nginx</p></body></html>';
      return true;
    case 'empty-500':
      ctx.status = 500;
      ctx.body = '';
      return true;
    case 'html-200':
      ctx.status = 200;
      ctx.type = 'text/html';
      ctx.body = '<!doctype html><html><body><form action="/wifi-login">Sign in to the hotel Wi-Fi</form></body></html>';
      return true;
    case 'text-json-200':
      ctx.status = 200;
      ctx.type = 'text/plain';
      ctx.body = JSON.stringify(validBody(method, path));
      return true;
    case 'empty-200':
      ctx.status = 200;
      ctx.type = 'application/json';
      ctx.body = '';
      return true;
    case 'schema-break':
      ctx.status = 200;
      ctx.type = 'application/json';
      ctx.body = JSON.stringify(brokenBody(method, path));
      return true;
    case 'proto':
      ctx.status = 200;
      ctx.type = 'application/json';
      // JSON.stringify cannot write a "__proto__" member, so it is spliced into the text: one at
      // the start of every object.
      ctx.body = JSON.stringify(validBody(method, path)).replaceAll('{"', '{"__proto__":{"polluted":"yes","isAdmin":true},"');
      return true;
    default:
      throw new Error(`fault-server: unknown fault ${JSON.stringify(fault)}`);
  }
}

function sendProblem(ctx, code, status = problemStatus[code] ?? 500, extra = problemExtras[code] ?? {}, headers = {}) {
  if (code === 'rate-limited' && !('Retry-After' in headers)) headers = { ...headers, 'Retry-After': '3' };
  for (const [name, value] of Object.entries(headers)) ctx.set(name, value);
  ctx.status = status;
  ctx.type = 'application/problem+json';
  ctx.body = JSON.stringify({
    type: code.includes(':') ? code : PROBLEM_TYPE_BASE + code,
    title: `Problem: ${code}`,
    status,
    detail: 'Server text that the UI never shows.',
    ...extra,
  });
}

/** A body that satisfies the route's response schema, whatever the run's state. */
function validBody(method, path) {
  const route = `${method} ${path}`;
  if (route === 'GET /session' || route === 'POST /session' || route === 'POST /email-confirmations') return { user: TEST_USER };
  if (route === 'GET /products') return { products: PRODUCTS };
  if (route === 'GET /registration-options') return REGISTRATION_OPTIONS;
  if (route === 'POST /registrations') return { email: TEST_USER.email };
  if (route === 'POST /redemptions') return { product: REDEEMABLE, outcome: 'activated' };
  return {};
}

function brokenBody(method, path) {
  const route = `${method} ${path}`;
  if (route === 'GET /session' || route === 'POST /session') return { user: { ...TEST_USER, id: 42, email: 'not an e-mail' } };
  if (route === 'GET /products') return { products: [{ ...PRODUCTS[0], kind: 'cassette' }] };
  if (route === 'POST /redemptions') return { product: REDEEMABLE, outcome: 'maybe' };
  return { broken: true };
}

function handleApi(ctx, run, { path, body, cookies, headers, runPath }) {
  const route = `${ctx.method} ${path}`;
  const signedIn = run.sessions.has(cookies[SESSION_COOKIE]);
  const write = ctx.method !== 'GET' && ctx.method !== 'HEAD';

  if (write && headers[CSRF_HEADER] !== '1') {
    return sendProblem(ctx, 'about:blank', 403, { title: 'Missing X-Keyshelf-Request header' });
  }
  let json;
  if (body !== '') {
    if (!/^application\/json\b/.test(headers['content-type'] ?? '')) return sendProblem(ctx, 'about:blank', 415, { title: 'Unsupported media type' });
    try {
      json = JSON.parse(body);
    } catch {
      return sendProblem(ctx, 'about:blank', 400, { title: 'Bad request' });
    }
  }

  const startSession = () => {
    const token = crypto.randomUUID();
    run.sessions.add(token);
    ctx.set('Set-Cookie', `${SESSION_COOKIE}=${token}; Path=${runPath}; HttpOnly; SameSite=Lax`);
  };

  switch (route) {
    case 'GET /session':
      return sendJson(ctx, 200, { user: signedIn ? TEST_USER : null });
    case 'POST /session':
      if (json?.email !== TEST_USER.email || json?.password !== TEST_PASSWORD) return sendProblem(ctx, 'invalid-credentials');
      startSession();
      return sendJson(ctx, 200, { user: TEST_USER });
    case 'DELETE /session':
      run.sessions.delete(cookies[SESSION_COOKIE]);
      ctx.set('Set-Cookie', `${SESSION_COOKIE}=; Path=${runPath}; HttpOnly; SameSite=Lax; Max-Age=0`);
      ctx.status = 204;
      return;
    case 'POST /password-resets':
    case 'POST /registrations/resend':
      ctx.status = 202;
      return;
    case 'POST /password-resets/complete':
      return completePasswordReset(ctx, run, json);
    case 'GET /registration-options':
      return sendJson(ctx, 200, REGISTRATION_OPTIONS);
    case 'POST /registrations':
      return sendJson(ctx, 202, { email: json?.email });
    case 'POST /email-confirmations':
      if (typeof json?.token !== 'string' || json.token.length < 16) return sendProblem(ctx, 'validation', 400, { errors: [{ field: 'token', code: 'token-invalid' }] });
      startSession();
      return sendJson(ctx, 200, { user: TEST_USER });
    case 'GET /products':
      if (!signedIn) return sendProblem(ctx, 'unauthenticated');
      return sendJson(ctx, 200, { products: run.owned ? [...PRODUCTS, REDEEMABLE] : PRODUCTS });
    case 'POST /redemptions':
      return redeem(ctx, run, { signedIn, json, body, headers });
    default:
      sendProblem(ctx, 'about:blank', 404, { title: 'Not Found' });
  }
}

function redeem(ctx, run, { signedIn, json, body, headers }) {
  if (!signedIn) return sendProblem(ctx, 'unauthenticated');
  const idempotencyKey = headers[IDEMPOTENCY_HEADER];
  if (!idempotencyKey) return sendProblem(ctx, 'about:blank', 400, { title: 'Idempotency-Key is missing' });
  ctx.set('Idempotency-Key', idempotencyKey);
  const stored = run.idempotency.get(idempotencyKey);
  if (stored) {
    if (stored.payload !== body) return sendProblem(ctx, 'about:blank', 422, { title: 'This Idempotency-Key was used for a different request' });
    ctx.set('Idempotent-Replayed', 'true');
    return sendJson(ctx, stored.status, stored.response);
  }
  if (typeof json?.key !== 'string' || json.key === '') return sendProblem(ctx, 'validation', 400, { errors: [{ field: 'key', code: 'required' }] });
  const status = run.owned ? 200 : 201;
  const response = { product: REDEEMABLE, outcome: run.owned ? 'already-owned' : 'activated', idempotencyKey };
  run.owned = true;
  run.idempotency.set(idempotencyKey, { payload: body, status, response });
  sendJson(ctx, status, response);
}

function completePasswordReset(ctx, run, json) {
  const token = json?.token;
  const refuse = (field, code) => sendProblem(ctx, 'validation', 400, { errors: [{ field, code }] });
  if (typeof token !== 'string' || token.length < 16) return refuse('token', 'token-invalid');
  if (token.startsWith('expired-')) return refuse('token', 'token-expired');
  if (!token.startsWith('reset-') || run.usedResetTokens.has(token)) return refuse('token', 'token-invalid');
  if (typeof json.password !== 'string' || [...json.password].length < 12) return refuse('password', 'password-too-short');
  run.usedResetTokens.add(token);
  ctx.status = 204;
}

function isCrossOrigin(ctx) {
  const origin = ctx.get('Origin');
  return origin !== '' && origin !== `${ctx.protocol}://${ctx.host}`;
}

function sendJson(ctx, status, value) {
  ctx.status = status;
  ctx.type = 'application/json';
  ctx.body = JSON.stringify(value);
}

async function readBody(req) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  return Buffer.concat(chunks).toString('utf8');
}

function parseCookies(header) {
  const cookies = {};
  for (const part of (header ?? '').split(';')) {
    const index = part.indexOf('=');
    if (index > 0) cookies[part.slice(0, index).trim()] = part.slice(index + 1).trim();
  }
  return cookies;
}
