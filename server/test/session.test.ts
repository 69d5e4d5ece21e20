import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { codeForProblemType } from '../../src/core/errors.js';
import { PROBLEM_CONTENT_TYPE } from '../../src/core/rest-contract.js';
import { sessionResponseSchema, signedInResponseSchema } from '../../src/core/schemas.js';
import { MINUTE, HOUR } from '../clock.js';
import { createPasswordHasher, type PasswordHasher } from '../passwords.js';
import { sha256 } from '../secrets.js';
import { DEMO_PASSWORD, FAST_SCRYPT, PUPIL, TEACHER, UNCONFIRMED, start, type TestServer } from './helpers.js';

function cookieAttributes(header: string): Map<string, string> {
  const [, ...parts] = header.split(';');
  return new Map(parts.map((part) => {
    const [name, ...value] = part.trim().split('=');
    return [name!.toLowerCase(), value.join('=')];
  }));
}

describe('sessions', () => {
  let server: TestServer;
  const calls = { verify: 0, dummy: 0, ready: 0 };
  before(async () => {
    const real = createPasswordHasher(FAST_SCRYPT);
    const counting: PasswordHasher = {
      hash: (password) => real.hash(password),
      verify: (password, stored) => ((calls.verify += 1), real.verify(password, stored)),
      verifyDummy: (password) => ((calls.dummy += 1), real.verifyDummy(password)),
      ready: () => ((calls.ready += 1), real.ready()),
    };
    server = await start({ hasher: counting });
  });
  after(() => server.close());

  it('getSession answers 200 { user: null } when signed out', async () => {
    const reply = await server.client().get('/api/session');
    assert.equal(reply.status, 200);
    assert.deepEqual(reply.json, { user: null });
    assert.ok(sessionResponseSchema.safeParse(reply.json).success);
  });

  it('signIn sets an HttpOnly, SameSite=Lax, Path=/ cookie, not Secure over http, and getSession returns the user', async () => {
    const client = server.client();
    const reply = await client.signIn(TEACHER);
    assert.equal(reply.status, 200);
    assert.ok(signedInResponseSchema.safeParse(reply.json).success);
    assert.equal(reply.json.user.email, TEACHER);
    assert.equal(reply.json.user.customerNumber, '100200');
    assert.equal(reply.json.user.emailConfirmed, true);
    const header = client.setCookieHeaders.at(-1)!;
    assert.match(header, /^ks_session=/);
    const attributes = cookieAttributes(header);
    assert.ok(attributes.has('httponly'));
    assert.equal(attributes.get('samesite'), 'Lax');
    assert.equal(attributes.get('path'), '/');
    assert.ok(!attributes.has('secure'));
    assert.ok(!attributes.has('domain'));
    const session = await client.get('/api/session');
    assert.equal(session.json.user.id, 'u-demo-teacher');
  });

  it('the e-mail address is matched case-insensitively', async () => {
    const reply = await server.client().signIn(TEACHER.toUpperCase());
    assert.equal(reply.status, 200);
  });

  it('the token has at least 128 bits and the database keeps only its SHA-256', async () => {
    const client = server.client();
    await client.signIn(PUPIL);
    const token = client.sessionToken!;
    assert.ok(Buffer.from(token, 'base64url').length >= 16, 'at least 16 random bytes');
    const rows = server.services.db.prepare('SELECT token_hash FROM sessions').all() as Array<{ token_hash: string }>;
    assert.ok(rows.some((row) => row.token_hash === sha256(token)));
    assert.ok(rows.every((row) => row.token_hash !== token));
  });

  it('every sign-in makes a new token and retires the one the client had', async () => {
    const client = server.client();
    await client.signIn(PUPIL);
    const first = client.sessionToken!;
    await client.signIn(PUPIL);
    const second = client.sessionToken!;
    assert.notEqual(first, second);
    const old = server.client();
    old.cookies.set('ks_session', first);
    assert.deepEqual((await old.get('/api/session')).json, { user: null });
  });

  it('signOut deletes the session on the server: the old cookie no longer works', async () => {
    const client = server.client();
    await client.signIn(PUPIL);
    const token = client.sessionToken!;
    const out = await client.delete('/api/session');
    assert.equal(out.status, 204);
    assert.equal(out.text, '');
    assert.equal(client.sessionToken, undefined, 'cookie cleared');
    const replay = server.client();
    replay.cookies.set('ks_session', token);
    assert.deepEqual((await replay.get('/api/session')).json, { user: null });
    const row = server.services.db.prepare('SELECT 1 FROM sessions WHERE token_hash = ?').get(sha256(token));
    assert.equal(row, undefined);
  });

  it('signOut without a session is still 204', async () => {
    assert.equal((await server.client().delete('/api/session')).status, 204);
  });

  it('unknown e-mail and wrong password give the same status and body, and both run scrypt', async () => {
    calls.verify = 0;
    calls.dummy = 0;
    const unknown = await server.client().signIn('nobody@keyshelf.example', 'Irgendein-Kennwort-1');
    assert.equal(calls.dummy, 1, 'a dummy hash is checked for an unknown address');
    const wrong = await server.client().signIn(TEACHER, 'Irgendein-Kennwort-1');
    assert.equal(calls.verify, 1);
    assert.equal(unknown.status, 401);
    assert.equal(wrong.status, unknown.status);
    assert.equal(wrong.text, unknown.text);
    assert.equal(wrong.headers.get('content-type'), PROBLEM_CONTENT_TYPE);
    assert.equal(codeForProblemType(wrong.json.type), 'invalid-credentials');
  });

  it('start() waits for the hasher to be ready (its dummy hash built) before it answers a request', async () => {
    assert.equal(calls.ready, 1);
    // A hasher that is not ready until the test says so: the server must not start before.
    const real = createPasswordHasher(FAST_SCRYPT);
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let readyAsked!: () => void;
    const asked = new Promise<void>((resolve) => (readyAsked = resolve));
    const gated: PasswordHasher = { ...real, ready: () => (readyAsked(), gate) };
    let started = false;
    const starting = start({ hasher: gated }).then((gatedServer) => ((started = true), gatedServer));
    await asked;
    // Were `ready()` not awaited, only listening would be left to do, well within this wait.
    await new Promise((resolve) => setTimeout(resolve, 200));
    const startedEarly = started;
    release();
    const gatedServer = await starting;
    try {
      assert.equal(startedEarly, false, 'the server started before its hasher was ready');
      assert.equal((await gatedServer.client().get('/api/session')).status, 200);
    } finally {
      await gatedServer.close();
    }
  });

  it('an unconfirmed account with the right password gets email-not-confirmed; with a wrong one, invalid-credentials', async () => {
    const right = await server.client().signIn(UNCONFIRMED);
    assert.equal(right.status, 403);
    assert.equal(codeForProblemType(right.json.type), 'email-not-confirmed');
    const wrong = await server.client().signIn(UNCONFIRMED, 'Falsches-Kennwort-99');
    assert.equal(codeForProblemType(wrong.json.type), 'invalid-credentials');
  });

  it('a placeholder account (unusable hash) cannot sign in', async () => {
    const reply = await server.client().signIn('u-someone-else@placeholder.keyshelf.example', DEMO_PASSWORD);
    assert.equal(codeForProblemType(reply.json.type), 'invalid-credentials');
  });

  it('a signed-out user calling an auth route gets 401 unauthenticated', async () => {
    const reply = await server.client().get('/api/products');
    assert.equal(reply.status, 401);
    assert.equal(codeForProblemType(reply.json.type), 'unauthenticated');
  });

  it('a forged cookie is cleared and treated as signed out', async () => {
    const client = server.client();
    client.cookies.set('ks_session', 'forged-token-value');
    const reply = await client.get('/api/session');
    assert.deepEqual(reply.json, { user: null });
    assert.equal(client.sessionToken, undefined);
  });
});

describe('the dummy hash for unknown addresses', () => {
  it('is built when the hasher is created, so that checking against it hashes nothing', async () => {
    const hasher = createPasswordHasher(FAST_SCRYPT);
    await hasher.ready();
    let hashed = 0;
    const hash = hasher.hash;
    hasher.hash = (password) => ((hashed += 1), hash(password));
    assert.equal(await hasher.verifyDummy('Irgendein-Kennwort-1'), false);
    assert.equal(await hasher.verify('Irgendein-Kennwort-1', 'malformed'), false);
    assert.equal(hashed, 0, 'one verification only, as for a wrong password');
  });

  it('ready() rejects when the scrypt parameters are unusable (and nothing is left unhandled)', async () => {
    await assert.rejects(createPasswordHasher({ N: 1000, r: 8, p: 1 }).ready());
  });
});

describe('session expiry (injected clock)', () => {
  let server: TestServer;
  before(async () => {
    server = await start();
  });
  after(() => server.close());

  it('ends after 1 h without a request', async () => {
    const client = server.client();
    await client.signIn(PUPIL);
    server.clock.advance(59 * MINUTE);
    assert.equal((await client.get('/api/session')).json.user?.email, PUPIL, 'alive at 59 min');
    server.clock.advance(61 * MINUTE);
    const expired = await client.get('/api/session');
    assert.deepEqual(expired.json, { user: null });
    assert.equal((await client.get('/api/products')).status, 401);
  });

  it('stays alive while used, but ends 24 h after sign-in regardless', async () => {
    const client = server.client();
    await client.signIn(PUPIL);
    let elapsed = 0;
    while (elapsed + 50 * MINUTE < 24 * HOUR) {
      server.clock.advance(50 * MINUTE);
      elapsed += 50 * MINUTE;
      assert.ok((await client.get('/api/session')).json.user, `alive after ${elapsed / MINUTE} min`);
    }
    server.clock.advance(24 * HOUR - MINUTE - elapsed);
    assert.ok((await client.get('/api/session')).json.user, 'alive at 23 h 59 min');
    server.clock.advance(2 * MINUTE);
    // 24 h 1 min after sign-in, 2 min after the last request: only the absolute limit can end it.
    assert.deepEqual((await client.get('/api/session')).json, { user: null });
  });
});

describe('the Secure cookie attribute', () => {
  it('is set when PUBLIC_URL is https', async () => {
    const server = await start({ publicUrl: 'https://shop.example' });
    try {
      const client = server.client();
      await client.signIn(PUPIL);
      assert.ok(cookieAttributes(client.setCookieHeaders.at(-1)!).has('secure'));
    } finally {
      await server.close();
    }
  });

  it('is set behind a trusted proxy that says https', async () => {
    const server = await start({ trustProxy: true });
    try {
      const client = server.client();
      await client.post('/api/session', { email: PUPIL, password: DEMO_PASSWORD }, { headers: { 'X-Forwarded-Proto': 'https' } });
      assert.ok(cookieAttributes(client.setCookieHeaders.at(-1)!).has('secure'));
    } finally {
      await server.close();
    }
  });
});
