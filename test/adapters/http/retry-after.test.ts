import { expect } from '@open-wc/testing';
import { DEFAULT_RETRY_AFTER_SECONDS, parseRetryAfter, retryAfterSeconds } from '../../../src/adapters/http/retry-after.js';

describe('Retry-After', () => {
  const now = Date.parse('2025-03-14T12:00:00Z');

  it('reads delay-seconds', () => {
    expect(parseRetryAfter('3', now)).to.equal(3);
    expect(parseRetryAfter('0', now)).to.equal(0);
    expect(parseRetryAfter(' 120 ', now)).to.equal(120);
  });

  it('reads the three HTTP-date forms as seconds from now, rounded up', () => {
    expect(parseRetryAfter('Fri, 14 Mar 2025 12:00:30 GMT', now)).to.equal(30);
    expect(parseRetryAfter('Friday, 14-Mar-25 12:01:00 GMT', now)).to.equal(60);
    expect(parseRetryAfter('Fri Mar 14 12:00:05 2025', now)).to.equal(5);
    expect(parseRetryAfter('Fri, 14 Mar 2025 12:00:30 GMT', now + 500)).to.equal(30);
  });

  it('reads a date in the past as 0', () => {
    expect(parseRetryAfter('Thu, 13 Mar 2025 12:00:00 GMT', now)).to.equal(0);
  });

  it('returns undefined for anything else', () => {
    for (const value of [null, undefined, '', 'soon', '1.5', '-1', '+3', '3 seconds', '2025-03-14T12:00:30Z', 'Fri, 99 Foo 2025', '9'.repeat(20)]) {
      expect(parseRetryAfter(value, now), String(value)).to.equal(undefined);
    }
  });

  it(`falls back to ${DEFAULT_RETRY_AFTER_SECONDS} s for a missing or unreadable header`, () => {
    expect(retryAfterSeconds(new Headers(), now)).to.equal(DEFAULT_RETRY_AFTER_SECONDS);
    expect(retryAfterSeconds(new Headers({ 'Retry-After': 'later' }), now)).to.equal(DEFAULT_RETRY_AFTER_SECONDS);
    expect(retryAfterSeconds(new Headers({ 'Retry-After': '7' }), now)).to.equal(7);
  });
});
