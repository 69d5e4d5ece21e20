import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import { judgeRedemption, type RedeemableKey, type RedemptionContext } from '../../src/core/redemption-rules.js';

const context = (overrides: Partial<RedemptionContext> = {}): RedemptionContext => ({
  callerId: 'u-caller',
  callerCustomerType: 'pupil',
  redeemedBy: undefined,
  callerOwnsProduct: false,
  today: '2026-06-01',
  ...overrides,
});

describe('judgeRedemption', () => {
  it('decides in the documented order', () => {
    const everythingWrong: RedeemableKey = { validFrom: '2026-07-01', validUntil: '2026-05-01', customerTypes: ['teacher'] };
    const steps: [RedeemableKey, Partial<RedemptionContext>, ReturnType<typeof judgeRedemption>][] = [
      [everythingWrong, { redeemedBy: 'u-caller', callerOwnsProduct: true }, { outcome: 'already-owned' }],
      [everythingWrong, { redeemedBy: 'u-other' }, { code: 'key-already-redeemed', extras: { byYou: false } }],
      [everythingWrong, {}, { code: 'key-expired', extras: {} }],
      [{ ...everythingWrong, validUntil: undefined }, {}, { code: 'key-not-yet-valid', extras: { validFrom: '2026-07-01' } }],
      [{ customerTypes: ['teacher'] }, { callerOwnsProduct: true }, { code: 'key-not-for-customer-type', extras: { customerTypes: ['teacher'] } }],
      [{ customerTypes: ['pupil'] }, { callerOwnsProduct: true }, { outcome: 'already-owned' }],
      [{}, {}, { outcome: 'activated' }],
    ];
    for (const [key, overrides, expected] of steps) {
      expect(judgeRedemption(key, context(overrides)), JSON.stringify([key, overrides])).to.deep.equal(expected);
    }
  });

  it('counts the first and the last day as valid', () => {
    expect(judgeRedemption({ validFrom: '2026-06-01', validUntil: '2026-06-01' }, context())).to.deep.equal({ outcome: 'activated' });
  });

  it('activates exactly when today is inside the window, and never says "not yet valid" once the last day has passed', () => {
    const day = fc.integer({ min: 0, max: 3000 }).map((offset) => new Date(Date.UTC(2024, 0, 1) + offset * 86_400_000).toISOString().slice(0, 10));
    fc.assert(
      fc.property(fc.option(day, { nil: undefined }), fc.option(day, { nil: undefined }), day, (validFrom, validUntil, today) => {
        const decision = judgeRedemption({ validFrom, validUntil }, context({ today }));
        const started = validFrom === undefined || validFrom <= today;
        const ended = validUntil !== undefined && validUntil < today;
        expect('outcome' in decision && decision.outcome === 'activated').to.equal(started && !ended);
        if ('code' in decision) expect(decision.code).to.equal(ended ? 'key-expired' : 'key-not-yet-valid');
      }),
    );
  });
});
