import { expect } from '@open-wc/testing';
import { BackendError, type BackendErrorCode, DEFAULT_RETRY_AFTER_SECONDS } from '../../../src/core/errors.js';
import type { Product } from '../../../src/core/schemas.js';
import {
  type OutcomeContext,
  type RedeemOutcome,
  describeOutcome,
  isDefinitive,
  outcomeOf,
} from '../../../src/elements/redeem-key/outcome.js';

const product: Product = {
  id: 'praxis-deutsch',
  title: 'Praxis Deutsch',
  kind: 'journal',
  licenceType: 'single',
  openUrl: '/product.html?id=praxis-deutsch',
};

const failed = (code: BackendErrorCode, details = {}) => outcomeOf({ ok: false, error: new BackendError(code, details) });

const context: OutcomeContext = {
  locale: 'de',
  hasSupport: true,
  customerTypeLabel: (id) => ({ teacher: 'Lehrkraft', trainee: 'Referendar/in', pupil: 'Schüler/in' })[id],
  yourCustomerType: 'pupil',
  openLabel: 'Zur Nutzung',
  listLabel: (kind) => `list:${kind}`,
};

const ids = (outcome: RedeemOutcome, options: Partial<OutcomeContext> = {}) =>
  describeOutcome(outcome, { ...context, ...options }).messages.map((message) => message.id);

describe('redeem outcomes', () => {
  describe('outcomeOf', () => {
    it('reads a success as activated or already owned, with the product', () => {
      expect(outcomeOf({ ok: true, value: { product, outcome: 'activated' } })).to.deep.equal({ kind: 'activated', product });
      expect(outcomeOf({ ok: true, value: { product, outcome: 'already-owned' } })).to.deep.equal({ kind: 'already-owned', product });
    });

    it('reads each error code with its details', () => {
      expect(failed('key-already-redeemed', { byYou: true })).to.deep.equal({ kind: 'redeemed-by-you' });
      expect(failed('key-already-redeemed', { byYou: false })).to.deep.equal({ kind: 'redeemed-by-other' });
      expect(failed('key-already-redeemed')).to.deep.equal({ kind: 'redeemed-by-other' });
      expect(failed('key-not-found')).to.deep.equal({ kind: 'not-found' });
      expect(failed('key-invalid-format')).to.deep.equal({ kind: 'invalid-format' });
      expect(failed('key-expired')).to.deep.equal({ kind: 'expired' });
      expect(failed('key-not-yet-valid', { validFrom: '2099-08-01' })).to.deep.equal({ kind: 'not-yet-valid', validFrom: '2099-08-01' });
      expect(failed('key-not-for-customer-type', { customerTypes: ['teacher'] })).to.deep.equal({
        kind: 'not-for-customer-type',
        customerTypes: ['teacher'],
      });
      expect(failed('rate-limited', { retryAfter: 12.2 })).to.deep.equal({ kind: 'rate-limited', seconds: 13 });
      expect(failed('rate-limited', { retryAfter: 0 })).to.deep.equal({ kind: 'rate-limited', seconds: 1 });
      expect(failed('rate-limited')).to.deep.equal({ kind: 'rate-limited', seconds: DEFAULT_RETRY_AFTER_SECONDS });
      for (const code of ['offline', 'timeout', 'server', 'bad-response'] as const) {
        expect(failed(code)).to.deep.equal({ kind: 'transient', code });
      }
      expect(failed('unauthenticated')).to.deep.equal({ kind: 'sign-in' });
      expect(failed('aborted')).to.deep.equal({ kind: 'ignored' });
      expect(failed('validation')).to.deep.equal({ kind: 'failed' });
      expect(failed('invalid-credentials')).to.deep.equal({ kind: 'failed' });
    });
  });

  it('calls an outcome definitive when the same key would get the same answer', () => {
    expect(isDefinitive({ kind: 'activated', product })).to.equal(true);
    expect(isDefinitive({ kind: 'not-found' })).to.equal(true);
    expect(isDefinitive({ kind: 'failed' })).to.equal(true);
    expect(isDefinitive({ kind: 'transient', code: 'timeout' })).to.equal(false);
    expect(isDefinitive({ kind: 'rate-limited', seconds: 3 })).to.equal(false);
    expect(isDefinitive({ kind: 'sign-in' })).to.equal(false);
  });

  describe('describeOutcome', () => {
    it('says where an activated product is and how to open it', () => {
      const view = describeOutcome({ kind: 'activated', product }, context);
      expect(view.tone).to.equal('success');
      expect(view.product).to.equal(product);
      expect(view.messages).to.deep.equal([
        { id: 'redeemKey.activated' },
        { id: 'redeemKey.activated.next', params: { list: 'list:journal', open: 'Zur Nutzung' } },
      ]);
      expect(ids({ kind: 'already-owned', product })).to.deep.equal(['redeemKey.alreadyOwned', 'redeemKey.alreadyOwned.next']);
    });

    it('points to customer service only when there is one', () => {
      expect(describeOutcome({ kind: 'redeemed-by-other' }, context).support).to.equal(true);
      expect(ids({ kind: 'redeemed-by-other' })).to.deep.equal(['redeemKey.redeemedByOther', 'redeemKey.redeemedByOther.support']);
      expect(ids({ kind: 'redeemed-by-other' }, { hasSupport: false })).to.deep.equal(['redeemKey.redeemedByOther', 'redeemKey.redeemedByOther.issuer']);
      expect(ids({ kind: 'expired' }, { hasSupport: false })).to.deep.equal(['error.key-expired', 'redeemKey.expired.issuer']);
    });

    it('dates a key that is not valid yet in the locale', () => {
      const view = describeOutcome({ kind: 'not-yet-valid', validFrom: '2099-08-01' }, context);
      expect(view.messages[0]).to.deep.equal({ id: 'error.key-not-yet-valid', params: { date: '1. August 2099' } });
      expect(describeOutcome({ kind: 'not-yet-valid', validFrom: '2099-08-01' }, { ...context, locale: 'en' }).messages[0]?.params).to.deep.equal({
        date: 'August 1, 2099',
      });
      expect(ids({ kind: 'not-yet-valid' })).to.deep.equal(['redeemKey.notYetValid']);
    });

    it('names the customer types a key is for, and the user’s own, when it knows their names', () => {
      const view = describeOutcome({ kind: 'not-for-customer-type', customerTypes: ['teacher', 'trainee'] }, context);
      expect(view.messages).to.deep.equal([
        { id: 'redeemKey.notForCustomerType', params: { types: 'Lehrkraft oder Referendar/in' } },
        { id: 'redeemKey.notForCustomerType.yours', params: { type: 'Schüler/in' } },
        { id: 'redeemKey.notForCustomerType.next' },
      ]);
      expect(ids({ kind: 'not-for-customer-type', customerTypes: ['teacher', 'unknown'] })).to.deep.equal([
        'error.key-not-for-customer-type',
        'redeemKey.notForCustomerType.next',
      ]);
      expect(ids({ kind: 'not-for-customer-type', customerTypes: [] })[0]).to.equal('error.key-not-for-customer-type');
    });

    it('offers a retry that keeps the key after a transport failure only', () => {
      const view = describeOutcome({ kind: 'transient', code: 'offline' }, context);
      expect(view.retry).to.equal(true);
      expect(ids({ kind: 'transient', code: 'offline' })).to.deep.equal(['error.offline', 'redeemKey.keyKept']);
      expect(describeOutcome({ kind: 'not-found' }, context).retry).to.equal(undefined);
      expect(describeOutcome({ kind: 'failed' }, context).retry).to.equal(undefined);
    });
  });
});
