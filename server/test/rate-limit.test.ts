import assert from 'node:assert/strict';
import { after, beforeEach, describe, it } from 'node:test';
import { codeForProblemType } from '../../src/core/errors.js';
import { HOUR, MINUTE, ManualClock } from '../clock.js';
import { RateLimiter, DEFAULT_RATE_LIMITS } from '../rate-limit.js';
import { DEMO_PASSWORD, PUPIL, TEACHER, registration, start, unknownKey, type Reply, type TestServer } from './helpers.js';

function assertLimited(reply: Reply, maxSeconds: number) {
  assert.equal(reply.status, 429);
  assert.equal(codeForProblemType(reply.json.type), 'rate-limited');
  const retryAfter = reply.headers.get('retry-after');
  assert.match(retryAfter ?? '', /^\d+$/, 'Retry-After in whole seconds');
  assert.ok(Number(retryAfter) > 0 && Number(retryAfter) <= maxSeconds, `Retry-After ${retryAfter}`);
}

describe('rate limits (injected clock, no sleeping)', () => {
  let server: TestServer;
  beforeEach(async () => {
    await server?.close();
    server = await start({ trustProxy: true });
  });
  after(() => server.close());

  it('sign-in: 10 failures per account and IP in 15 min, then 429 even with the right password, until the window passes', async () => {
    const client = server.client({ ip: '192.0.2.10' });
    for (let i = 0; i < 10; i += 1) assert.equal((await client.signIn(PUPIL, `Falsches-Kennwort-${i}`)).status, 401);
    assertLimited(await client.signIn(PUPIL, DEMO_PASSWORD), 15 * 60);
    server.clock.advance(14 * MINUTE);
    const stillLimited = await client.signIn(PUPIL, DEMO_PASSWORD);
    assertLimited(stillLimited, 60);
    // The same account from another IP, and another account from this IP, are not affected.
    assert.equal((await server.client({ ip: '192.0.2.11' }).signIn(PUPIL)).status, 200);
    assert.equal((await client.signIn(TEACHER)).status, 200);
    server.clock.advance(MINUTE);
    assert.equal((await client.signIn(PUPIL)).status, 200);
  });

  it('sign-in: a success clears the failures of that account and IP', async () => {
    const client = server.client({ ip: '192.0.2.12' });
    for (let i = 0; i < 9; i += 1) await client.signIn(PUPIL, `Falsches-Kennwort-${i}`);
    assert.equal((await client.signIn(PUPIL)).status, 200);
    for (let i = 0; i < 9; i += 1) assert.equal((await client.signIn(PUPIL, `Falsches-Kennwort-${i}`)).status, 401);
  });

  it('sign-in: unknown addresses count too (per IP across accounts, 100 in 15 min)', async () => {
    const client = server.client({ ip: '192.0.2.13' });
    for (let i = 0; i < 100; i += 1) assert.equal((await client.signIn(`nobody${i}@example.de`, 'Falsches-Kennwort')).status, 401);
    assertLimited(await client.signIn(PUPIL), 15 * 60);
  });

  it('sign-in: 50 failures per account across IPs in 15 min, then 429 from every IP, even with the right password', async () => {
    // Five addresses, 10 failures each (the most the pair limit lets through); the address as typed
    // in another case counts for the same account.
    for (let n = 0; n < 5; n += 1) {
      const attacker = server.client({ ip: `198.51.100.${n}` });
      for (let i = 0; i < 10; i += 1) {
        assert.equal((await attacker.signIn(i % 2 === 0 ? PUPIL : PUPIL.toUpperCase(), `Falsches-Kennwort-${i}`)).status, 401);
      }
    }
    const owner = server.client({ ip: '192.0.2.14' });
    assertLimited(await owner.signIn(PUPIL), 15 * 60);
    // Other accounts, from the same addresses, are not affected.
    assert.equal((await server.client({ ip: '198.51.100.0' }).signIn(TEACHER)).status, 200);
    server.clock.advance(14 * MINUTE);
    assertLimited(await owner.signIn(PUPIL), 60);
    server.clock.advance(MINUTE);
    assert.equal((await owner.signIn(PUPIL)).status, 200);
  });

  it('sign-in: the per-account limit does not tell whether an address has an account', async () => {
    const tries = async (email: string) => {
      for (let n = 0; n < 5; n += 1) {
        const client = server.client({ ip: `198.51.100.${10 + n}` });
        for (let i = 0; i < 10; i += 1) assert.equal((await client.signIn(email, `Falsches-Kennwort-${i}`)).status, 401);
      }
      return server.client({ ip: '192.0.2.15' }).signIn(email, 'Falsches-Kennwort');
    };
    const known = await tries(TEACHER);
    const unknown = await tries('nobody@keyshelf.example');
    assertLimited(known, 15 * 60);
    assertLimited(unknown, 15 * 60);
    assert.equal(unknown.text, known.text);
  });

  it('sign-in: a success does not clear the failures others made on the account from other IPs', async () => {
    for (let n = 0; n < 4; n += 1) {
      const attacker = server.client({ ip: `198.51.100.${20 + n}` });
      for (let i = 0; i < 10; i += 1) await attacker.signIn(PUPIL, `Falsches-Kennwort-${i}`);
    }
    const owner = server.client({ ip: '192.0.2.16' });
    for (let i = 0; i < 9; i += 1) assert.equal((await owner.signIn(PUPIL, `Vertippt-${i}`)).status, 401);
    assert.equal((await owner.signIn(PUPIL)).status, 200, '49 failures: still below the account limit');
    // The owner's own pair count is cleared; the account's count (49) is not.
    assert.equal((await server.client({ ip: '198.51.100.30' }).signIn(PUPIL, 'Falsches-Kennwort')).status, 401);
    assertLimited(await owner.signIn(PUPIL), 15 * 60);
  });

  it('redeem: 10 failures per account in 10 min, then 429 until the window passes', async () => {
    const client = server.client({ ip: '192.0.2.20' });
    await client.signIn(PUPIL);
    for (let i = 0; i < 10; i += 1) assert.equal((await client.redeem(unknownKey(100 + i))).status, 404);
    assertLimited(await client.redeem(unknownKey(200)), 10 * 60);
    // From another IP the account is still limited.
    const elsewhere = server.client({ ip: '192.0.2.21' });
    elsewhere.cookies.set('ks_session', client.sessionToken!);
    assertLimited(await elsewhere.redeem(unknownKey(201)), 10 * 60);
    server.clock.advance(10 * MINUTE);
    assert.equal((await client.redeem(unknownKey(202))).status, 404);
  });

  it('redeem: 10 failures per IP across accounts', async () => {
    const pupil = server.client({ ip: '192.0.2.30' });
    const teacher = server.client({ ip: '192.0.2.30' });
    await pupil.signIn(PUPIL);
    await teacher.signIn(TEACHER);
    for (let i = 0; i < 10; i += 1) await pupil.redeem(unknownKey(300 + i));
    assertLimited(await teacher.redeem(unknownKey(400)), 10 * 60);
  });

  it('redeem: successes do not count', async () => {
    const client = server.client({ ip: '192.0.2.40' });
    await client.signIn(TEACHER);
    for (let i = 0; i < 12; i += 1) assert.equal((await client.redeem('HABE4A6B7C8D9E37')).status, 200);
  });

  it('register: 5 per hour per IP', async () => {
    const client = server.client({ ip: '192.0.2.50' });
    for (let i = 0; i < 5; i += 1) assert.equal((await client.post('/api/registrations', registration({ email: `r${i}@example.de` }))).status, 202);
    assertLimited(await client.post('/api/registrations', registration({ email: 'r5@example.de' })), 3600);
    assert.equal((await server.client({ ip: '192.0.2.51' }).post('/api/registrations', registration({ email: 'r6@example.de' }))).status, 202);
    server.clock.advance(HOUR);
    assert.equal((await client.post('/api/registrations', registration({ email: 'r7@example.de' }))).status, 202);
  });

  it('password reset and resend: 5 per hour per IP each', async () => {
    const client = server.client({ ip: '192.0.2.60' });
    for (let i = 0; i < 5; i += 1) assert.equal((await client.post('/api/password-resets', { email: PUPIL })).status, 202);
    assertLimited(await client.post('/api/password-resets', { email: PUPIL }), 3600);
    for (let i = 0; i < 5; i += 1) assert.equal((await client.post('/api/registrations/resend', { email: PUPIL })).status, 202);
    assertLimited(await client.post('/api/registrations/resend', { email: PUPIL }), 3600);
  });
});

describe('RateLimiter', () => {
  it('counts per name and key, reports whole seconds, forgets after the window', () => {
    const clock = new ManualClock(0);
    const limiter = new RateLimiter(DEFAULT_RATE_LIMITS, clock);
    for (let i = 0; i < 5; i += 1) limiter.hit('registerPerIp', 'a');
    assert.equal(limiter.retryAfter('registerPerIp', 'a'), 3600);
    assert.equal(limiter.retryAfter('registerPerIp', 'b'), 0);
    assert.equal(limiter.retryAfter('resetPerIp', 'a'), 0);
    clock.advance(HOUR - 1500);
    assert.equal(limiter.retryAfter('registerPerIp', 'a'), 2);
    clock.advance(1500);
    assert.equal(limiter.retryAfter('registerPerIp', 'a'), 0);
  });

  it('stays bounded in memory', () => {
    const clock = new ManualClock(0);
    const limiter = new RateLimiter(DEFAULT_RATE_LIMITS, clock, 100);
    for (let i = 0; i < 1000; i += 1) limiter.hit('signInPerIp', `ip${i}`);
    assert.ok(limiter.size <= 100);
  });
});
