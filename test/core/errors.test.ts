import { expect } from '@open-wc/testing';
import { BackendError, DEFAULT_RETRY_AFTER_SECONDS, backendErrorCodes, isTransientError, retrySeconds } from '../../src/core/errors.js';
import { retryAfterSeconds } from '../../src/adapters/http/retry-after.js';
import { outcomeOf } from '../../src/elements/redeem-key/outcome.js';
import { failureOf } from '../../src/elements/sign-in/outcome.js';

describe('errors', () => {
  describe('retrySeconds', () => {
    it('waits as long as the backend says, in whole seconds, at least one', () => {
      expect(retrySeconds(new BackendError('rate-limited', { retryAfter: 12.2 }))).to.equal(13);
      expect(retrySeconds(new BackendError('rate-limited', { retryAfter: 0 }))).to.equal(1);
    });

    it('has one default, a minute, for every element and the HTTP adapter alike', () => {
      const bare = new BackendError('rate-limited');
      expect(DEFAULT_RETRY_AFTER_SECONDS).to.equal(60);
      expect(retrySeconds(bare)).to.equal(60);
      // The redeem form and the sign-in form waited 30 s before, the HTTP adapter 60 s.
      expect(outcomeOf({ ok: false, error: bare })).to.deep.equal({ kind: 'rate-limited', seconds: 60 });
      expect(failureOf(bare)).to.deep.equal({ kind: 'rate-limited', seconds: 60 });
      expect(retryAfterSeconds(new Headers())).to.equal(60);
    });
  });

  it('calls exactly the transport failures transient', () => {
    const transient = backendErrorCodes.filter((code) => isTransientError(new BackendError(code)));
    expect(transient).to.deep.equal(['offline', 'timeout', 'bad-response', 'server']);
    for (const code of backendErrorCodes) expect(new BackendError(code).isTransient).to.equal(transient.includes(code));
  });
});
