import { expect } from '@open-wc/testing';
import { FailureLimiter } from '../../../src/adapters/memory/rate-limiter.js';
import { IdempotencyRecords } from '../../../src/adapters/memory/idempotency.js';
import { digestPassword, randomToken, verifyPassword } from '../../../src/adapters/memory/secrets.js';

describe('FailureLimiter', () => {
  it('allows `limit` failures, then tells when the oldest leaves the window', () => {
    const limiter = new FailureLimiter(3, 60_000);
    for (const at of [0, 10_000, 20_000]) {
      expect(limiter.retryAfter('a', at)).to.equal(undefined);
      limiter.recordFailure('a', at);
    }
    expect(limiter.retryAfter('a', 20_000)).to.equal(40);
    expect(limiter.retryAfter('a', 59_999)).to.equal(1);
    expect(limiter.retryAfter('a', 60_000)).to.equal(undefined);
    expect(limiter.retryAfter('b', 20_000)).to.equal(undefined);
  });
});

describe('IdempotencyRecords', () => {
  it('binds a key, replays a completed result and detects reuse', () => {
    const records = new IdempotencyRecords<string>();
    expect(records.lookup('acc', 'i1', 'K1')).to.deep.equal({ kind: 'new' });
    records.bind('acc', 'i1', 'K1');
    expect(records.lookup('acc', 'i1', 'K1')).to.deep.equal({ kind: 'new' });
    records.complete('acc', 'i1', 'result');
    expect(records.lookup('acc', 'i1', 'K1')).to.deep.equal({ kind: 'replay', result: 'result' });
    expect(records.lookup('acc', 'i1', 'K2')).to.deep.equal({ kind: 'reused' });
    expect(records.lookup('other', 'i1', 'K2')).to.deep.equal({ kind: 'new' });
  });

  it('forgets the oldest records beyond its capacity', () => {
    const records = new IdempotencyRecords<string>();
    for (let i = 0; i <= 1000; i += 1) records.bind('acc', `i${i}`, 'K');
    expect(records.lookup('acc', 'i0', 'other')).to.deep.equal({ kind: 'new' });
    expect(records.lookup('acc', 'i1', 'other')).to.deep.equal({ kind: 'reused' });
  });
});

describe('secrets', () => {
  it('makes long, distinct, URL-safe tokens', () => {
    const tokens = new Set(Array.from({ length: 50 }, () => randomToken()));
    expect(tokens.size).to.equal(50);
    for (const token of tokens) expect(token).to.match(/^[A-Za-z0-9_-]{43}$/);
  });

  it('verifies a password against its salted digest, which does not contain it', async () => {
    const digest = await digestPassword('ein langes Kennwort 42');
    expect(JSON.stringify(digest)).not.to.include('Kennwort');
    expect(await verifyPassword('ein langes Kennwort 42', digest)).to.equal(true);
    expect(await verifyPassword('ein langes Kennwort 43', digest)).to.equal(false);
    expect((await digestPassword('ein langes Kennwort 42')).hash).not.to.equal(digest.hash);
  });
});
