import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { codeForProblemType } from '../../src/core/errors.js';
import { CSRF_HEADER, IDEMPOTENCY_HEADER, PROBLEM_CONTENT_TYPE } from '../../src/core/rest-contract.js';
import { problemSchema } from '../../src/core/schemas.js';
import { ALLOWED_ORIGIN, DEMO_PASSWORD, PUPIL, TEACHER, start, unknownKey, type Reply, type TestServer } from './helpers.js';

const credentials = JSON.stringify({ email: PUPIL, password: DEMO_PASSWORD });

function assertProblem(reply: Reply, status: number) {
  assert.equal(reply.status, status);
  assert.equal(reply.headers.get('content-type'), PROBLEM_CONTENT_TYPE);
  assert.ok(problemSchema.safeParse(reply.json).success, reply.text);
  assert.equal(reply.json.status, status);
}

describe('CSRF', () => {
  let server: TestServer;
  before(async () => {
    server = await start();
  });
  after(() => server.close());

  it('refuses a write without the custom header (403), even with a valid body', async () => {
    const reply = await server.client().post('/api/session', undefined, {
      bare: true,
      rawBody: credentials,
      headers: { 'Content-Type': 'application/json' },
    });
    assertProblem(reply, 403);
    assert.match(reply.json.title, new RegExp(CSRF_HEADER));
  });

  it('refuses a sign-out without the custom header: a cross-site form cannot log people out', async () => {
    const client = server.client();
    await client.signIn(PUPIL);
    const reply = await client.delete('/api/session', { bare: true });
    assertProblem(reply, 403);
    assert.ok((await client.get('/api/session')).json.user, 'still signed in');
  });

  it('refuses form and text bodies with 415', async () => {
    for (const contentType of ['application/x-www-form-urlencoded', 'text/plain', 'multipart/form-data; boundary=x']) {
      const reply = await server.client().post('/api/session', undefined, {
        rawBody: credentials,
        headers: { 'Content-Type': contentType },
      });
      assertProblem(reply, 415);
    }
    const none = await server.client().post('/api/session', undefined, { rawBody: credentials, headers: { 'Content-Type': '' } });
    assert.equal(none.status, 415);
  });

  it('accepts application/json with a charset', async () => {
    const reply = await server.client().post('/api/session', undefined, {
      rawBody: credentials,
      headers: { 'Content-Type': 'application/json; charset=utf-8' },
    });
    assert.equal(reply.status, 200);
  });

  it('refuses writes from an origin that is not allowed (403), and from the opaque origin "null"', async () => {
    for (const origin of ['https://evil.example', 'null', 'https://shop.example.evil.example']) {
      const reply = await server.client({ origin }).signIn(PUPIL);
      assertProblem(reply, 403);
      assert.equal(reply.headers.get('access-control-allow-origin'), null);
      assert.equal(reply.headers.get('set-cookie'), null);
    }
  });

  it('accepts writes from an allowed origin and from its own origin', async () => {
    assert.equal((await server.client({ origin: ALLOWED_ORIGIN }).signIn(PUPIL)).status, 200);
    assert.equal((await server.client({ origin: new URL(server.url).origin }).signIn(PUPIL)).status, 200);
  });

  it('refuses a write without Origin (403), even with the custom header and a JSON body; the same write from an allowed origin passes', async () => {
    const noOrigin = server.client({ origin: null });
    const refused = await noOrigin.signIn(PUPIL);
    assertProblem(refused, 403);
    assert.equal(refused.json.type, 'about:blank', 'the same type as the other CSRF refusals');
    assert.match(refused.json.title, /Origin/);
    assert.equal(refused.headers.get('set-cookie'), null);

    const allowed = server.client({ origin: ALLOWED_ORIGIN });
    assert.equal((await allowed.signIn(PUPIL)).status, 200);
    // A sign-out without Origin is refused too, and the session stays; with the allowed origin it ends.
    const cookie = { Cookie: `ks_session=${allowed.sessionToken}` };
    assertProblem(await noOrigin.delete('/api/session', { headers: cookie }), 403);
    assert.ok((await allowed.get('/api/session')).json.user, 'still signed in');
    assert.equal((await allowed.delete('/api/session')).status, 204);
    assert.equal((await allowed.get('/api/session')).json.user, null);
  });
});

describe('CORS', () => {
  let server: TestServer;
  before(async () => {
    server = await start({ allowedOrigins: [ALLOWED_ORIGIN, 'http://localhost:*'] });
  });
  after(() => server.close());

  const preflight = (origin: string, method = 'POST') =>
    fetch(server.url + '/api/redemptions', {
      method: 'OPTIONS',
      headers: { Origin: origin, 'Access-Control-Request-Method': method, 'Access-Control-Request-Headers': `content-type,${CSRF_HEADER.toLowerCase()},idempotency-key` },
    });

  it('answers a preflight from an allowed origin: that origin, credentials, the methods and headers the client needs', async () => {
    const response = await preflight(ALLOWED_ORIGIN);
    assert.equal(response.status, 204);
    assert.equal(response.headers.get('access-control-allow-origin'), ALLOWED_ORIGIN);
    assert.equal(response.headers.get('access-control-allow-credentials'), 'true');
    const allowedHeaders = response.headers.get('access-control-allow-headers')!.toLowerCase().split(/,\s*/);
    for (const header of ['content-type', CSRF_HEADER.toLowerCase(), IDEMPOTENCY_HEADER.toLowerCase()]) assert.ok(allowedHeaders.includes(header), header);
    const methods = response.headers.get('access-control-allow-methods')!.split(/,\s*/);
    for (const method of ['GET', 'POST', 'DELETE']) assert.ok(methods.includes(method));
    assert.equal(response.headers.get('cache-control'), 'no-store');
  });

  it('gives no CORS headers to an origin that is not allowed, and never a wildcard', async () => {
    const response = await preflight('https://evil.example');
    assert.equal(response.headers.get('access-control-allow-origin'), null);
    assert.equal(response.headers.get('access-control-allow-credentials'), null);
    const simple = await server.client({ origin: 'https://evil.example' }).get('/api/session');
    assert.equal(simple.headers.get('access-control-allow-origin'), null);
  });

  it('allows any port of a `host:*` entry, but not another host', async () => {
    assert.equal((await preflight('http://localhost:6006')).headers.get('access-control-allow-origin'), 'http://localhost:6006');
    assert.equal((await preflight('http://localhost.evil.example:6006')).headers.get('access-control-allow-origin'), null);
  });

  it('on real responses: the allowed origin with credentials, Vary: Origin, and Retry-After exposed', async () => {
    const reply = await server.client({ origin: ALLOWED_ORIGIN }).get('/api/session');
    assert.equal(reply.headers.get('access-control-allow-origin'), ALLOWED_ORIGIN);
    assert.equal(reply.headers.get('access-control-allow-credentials'), 'true');
    assert.ok(reply.headers.get('access-control-expose-headers')!.split(/,\s*/).includes('Retry-After'));
    assert.match(reply.headers.get('vary')!, /Origin/);
  });

  it('problem responses carry the CORS headers too, so the client can read them', async () => {
    const reply = await server.client({ origin: ALLOWED_ORIGIN }).get('/api/products');
    assert.equal(reply.status, 401);
    assert.equal(reply.headers.get('access-control-allow-origin'), ALLOWED_ORIGIN);
  });
});

describe('HTTP hygiene', () => {
  let server: TestServer;
  let dir: string;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'keyshelf-static-'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>demo</title>');
    mkdirSync(join(dir, 'extra'));
    writeFileSync(join(dir, 'extra', 'bundle.js'), 'export {};');
    mkdirSync(join(dir, 'build'));
    writeFileSync(join(dir, 'build', 'main.js'), 'console.log(1);');
    writeFileSync(join(dir, 'build', 'index.html'), 'shadowed by the first directory');
    server = await start({
      staticDir: [dir, join(dir, 'build')],
      staticRoots: { '/dist': join(dir, 'extra') },
      hooks: {
        beforeRedeem: async () => {
          const error = new Error('SQLITE_ERROR: near "SELECT * FROM users WHERE password_hash": syntax error');
          throw error;
        },
      },
    });
  });
  after(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('every response says Cache-Control: no-store (API, problems, OpenAPI, static files, mailbox, 404)', async () => {
    const client = server.client();
    const replies = [
      await client.get('/api/session'),
      await client.signIn(PUPIL),
      await client.get('/api/products'),
      await client.get('/api/registration-options'),
      await client.delete('/api/session'),
      await client.get('/api/products'),
      await client.get('/openapi.json'),
      await client.get('/'),
      await client.get('/dist/bundle.js'),
      await client.get('/dev/mailbox'),
      await client.get('/no/such/thing'),
      await client.get('/main.js'),
    ];
    for (const reply of replies) assert.equal(reply.headers.get('cache-control'), 'no-store', `${reply.status} ${reply.text.slice(0, 40)}`);
    assert.equal(replies[7]!.text, '<!doctype html><title>demo</title>', 'the first static directory wins');
    assert.equal(replies[8]!.text, 'export {};');
    assert.equal(replies[10]!.status, 404);
    assert.equal(replies[11]!.text, 'console.log(1);', 'then the next one');
  });

  it('413 for a body over 16 KiB, whether announced by Content-Length or streamed', async () => {
    const big = JSON.stringify({ email: PUPIL, password: 'x'.repeat(17 * 1024) });
    assertProblem(await server.client().post('/api/session', undefined, { rawBody: big }), 413);
    const encoder = new TextEncoder();
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < 20; i += 1) controller.enqueue(encoder.encode('x'.repeat(1024)));
        controller.close();
      },
    });
    assertProblem(await server.client().post('/api/session', undefined, { rawBody: stream }), 413);
  });

  it('400 validation for bytes that are not JSON', async () => {
    const reply = await server.client().post('/api/session', undefined, { rawBody: '{"email": ' });
    assertProblem(reply, 400);
    assert.equal(codeForProblemType(reply.json.type), 'validation');
    assert.deepEqual(reply.json.errors, [{ field: '', code: 'invalid-json' }]);
  });

  it('rejects __proto__ and other unknown members instead of merging them', async () => {
    const reply = await server.client().post('/api/session', undefined, {
      rawBody: `{"email":"${PUPIL}","password":"${DEMO_PASSWORD}","__proto__":{"admin":true}}`,
    });
    assertProblem(reply, 400);
    assert.deepEqual(reply.json.errors, [{ field: '__proto__', code: 'unknown-field' }]);
  });

  it('serves no files outside the static directories', async () => {
    // fetch() resolves `..` and `%2e%2e` before sending, so the raw paths go out through node:http.
    const { request } = await import('node:http');
    const rawGet = (path: string) =>
      new Promise<{ status: number; body: string }>((resolve, reject) => {
        const { hostname, port } = new URL(server.url);
        const outgoing = request({ hostname, port, path, method: 'GET' }, (response) => {
          let body = '';
          response.setEncoding('utf8');
          response.on('data', (chunk: string) => (body += chunk));
          response.on('end', () => resolve({ status: response.statusCode!, body }));
        });
        outgoing.on('error', reject);
        outgoing.end();
      });
    // A file right next to the static directories, where `..` from any of them would lead.
    const outside = `keyshelf-outside-${crypto.randomUUID()}.txt`;
    const secret = 'not to be served ' + crypto.randomUUID();
    writeFileSync(join(dir, '..', outside), secret);
    try {
      for (const name of ['package.json', outside]) {
        for (const path of [
          `/../${name}`,
          `/%2e%2e/${name}`,
          `/%2E%2E/${name}`,
          `/.%2e/${name}`,
          `/..%2f${name}`,
          `/..%2F${name}`,
          `/..%5c${name}`,
          `/%2e%2e%2f${name}`,
          `/demo/../../${name}`,
          `/dist/../../${name}`,
          `/dist/..%2f${name}`,
          `/dist/..%2f..%2f${name}`,
          `/build/..%2f..%2f${name}`,
        ]) {
          const reply = await rawGet(path);
          assert.ok(reply.status === 404 || reply.status === 400, `${path} → ${reply.status}`);
          assert.ok(!reply.body.includes(secret) && !reply.body.includes('"name": "keyshelf"'), `${path} leaked a file`);
        }
      }
      // The same client does reach files that are inside: the 404s above are not a broken request.
      assert.equal((await rawGet('/dist/bundle.js')).body, 'export {};');
    } finally {
      rmSync(join(dir, '..', outside), { force: true });
    }
  });

  it('404 and 405 are problems; 405 says what is allowed', async () => {
    assertProblem(await server.client().get('/api/nothing-here'), 404);
    const wrongMethod = await server.client().request('PUT', '/api/session', { body: {} });
    assertProblem(wrongMethod, 405);
    assert.equal(wrongMethod.headers.get('allow'), 'GET, HEAD, POST, DELETE');
  });

  it('an unexpected error becomes a 500 `server` problem with no stack trace or SQL in it', async () => {
    const client = server.client();
    await client.signIn(TEACHER);
    const reply = await client.redeem(unknownKey(1));
    assertProblem(reply, 500);
    assert.equal(codeForProblemType(reply.json.type), 'server');
    assert.doesNotMatch(reply.text, /SELECT|SQLITE|password_hash|\bat \S+ \(|\.ts:\d+/);
  });

  it('sends nosniff and no-referrer everywhere and a locked-down CSP on the API', async () => {
    const reply = await server.client().get('/api/session');
    assert.equal(reply.headers.get('x-content-type-options'), 'nosniff');
    assert.equal(reply.headers.get('referrer-policy'), 'no-referrer');
    assert.match(reply.headers.get('content-security-policy')!, /default-src 'none'/);
  });
});
