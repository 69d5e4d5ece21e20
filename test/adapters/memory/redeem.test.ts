import { expect } from '@open-wc/testing';
import { formatForDisplay, withCheckCharacter } from '../../../src/core/online-key.js';
import type { BackendErrorCode } from '../../../src/core/errors.js';
import {
  MemoryBackend,
  REDEEM_FAILURE_LIMIT,
  REDEEM_FAILURE_WINDOW_MS,
  demoKeys,
  demoProducts,
  type DemoAccount,
} from '../../../src/adapters/memory/index.js';
import { call, demoKey, pupil, redeemCall, rejection, TestClock, teacher } from './helpers.js';

const UNKNOWN_KEY = withCheckCharacter('ABCDEFGHJKMNPRT');

async function signedIn(account: DemoAccount, clock = new TestClock()): Promise<MemoryBackend> {
  const backend = new MemoryBackend({ now: clock.now });
  await backend.signIn({ email: account.email, password: account.password }, call());
  return backend;
}

type Expected =
  | { as: DemoAccount; outcome: 'activated' | 'already-owned' }
  | { as: DemoAccount; code: BackendErrorCode; details?: Record<string, unknown> };

/** What the demo key of each product does, as documented in docs/demo-keys.md. */
const expectations: Record<string, Expected[]> = {
  'deutsch-kompetent-8': [{ as: teacher, outcome: 'activated' }],
  'weltatlas-digital': [{ as: teacher, outcome: 'activated' }],
  'bruchrechnung-pdf': [{ as: teacher, outcome: 'activated' }],
  'kopiervorlagen-deutsch-5': [{ as: teacher, outcome: 'activated' }],
  'mathematik-lehren': [{ as: teacher, outcome: 'activated' }],
  'geographie-heute': [{ as: pupil, outcome: 'activated' }],
  'physik-entdecken-8': [
    { as: pupil, code: 'key-not-for-customer-type', details: { customerTypes: ['teacher', 'trainee'] } },
    { as: teacher, outcome: 'activated' },
  ],
  'mathe-heute-7': [
    { as: teacher, outcome: 'already-owned' },
    { as: pupil, code: 'key-already-redeemed', details: { byYou: false } },
  ],
  'englisch-klar-6': [{ as: teacher, code: 'key-already-redeemed', details: { byYou: false } }],
  'biologie-erleben-9': [{ as: teacher, code: 'key-expired' }],
  'chemie-im-kontext': [{ as: teacher, code: 'key-not-yet-valid', details: { validFrom: '2099-08-01' } }],
};

describe('MemoryBackend: redeemKey', () => {
  it('has an expectation for every demo key', () => {
    expect(Object.keys(expectations)).to.have.members(demoKeys.map((key) => key.productId));
  });

  for (const key of demoKeys) {
    for (const expected of expectations[key.productId] ?? []) {
      const outcome = 'outcome' in expected ? expected.outcome : expected.code;
      it(`${formatForDisplay(key.key)} as ${expected.as.displayName}: ${outcome}`, async () => {
        const backend = await signedIn(expected.as);
        const product = demoProducts.find((candidate) => candidate.id === key.productId);
        if ('outcome' in expected) {
          const result = await backend.redeemKey(formatForDisplay(key.key).toLowerCase(), redeemCall());
          expect(result).to.deep.equal({ product, outcome: expected.outcome });
          expect((await backend.listProducts(call())).filter((owned) => owned.id === key.productId)).to.have.length(1);
        } else {
          const error = await rejection(backend.redeemKey(key.key, redeemCall()), expected.code);
          expect(error).to.deep.include(expected.details ?? {});
          expect((await backend.listProducts(call())).map((owned) => owned.id)).to.deep.equal([...expected.as.productIds]);
        }
      });
    }
  }

  it('puts a redeemed product into the right list: licence, download, journal', async () => {
    const backend = await signedIn(pupil);
    for (const productId of ['deutsch-kompetent-8', 'bruchrechnung-pdf', 'geographie-heute']) {
      await backend.redeemKey(demoKey(productId), redeemCall());
    }
    const products = await backend.listProducts(call());
    expect(products.map(({ id, kind }) => ({ id, kind }))).to.deep.equal([
      { id: 'deutsch-kompetent-8', kind: 'licence' },
      { id: 'bruchrechnung-pdf', kind: 'download' },
      { id: 'geographie-heute', kind: 'journal' },
    ]);
  });

  it('requires a session', async () => {
    await rejection(new MemoryBackend().redeemKey(demoKey('deutsch-kompetent-8'), redeemCall()), 'unauthenticated');
  });

  it('normalizes what the user typed: spaces, dashes, full-width characters, lower case', async () => {
    const backend = await signedIn(pupil);
    const key = demoKey('deutsch-kompetent-8');
    const fullWidth = [...key.slice(0, 4).toLowerCase()].map((char) => String.fromCharCode(char.charCodeAt(0) + 0xfee0)).join('');
    const typed = ` ${fullWidth}${key.slice(4, 8).toLowerCase()} – ${key.slice(8, 12)}\u200b${key.slice(12).toLowerCase()} `;
    const result = await backend.redeemKey(typed, redeemCall());
    expect(result.outcome).to.equal('activated');
  });

  it('rejects keys that are not well-formed before looking them up', async () => {
    const backend = await signedIn(pupil);
    const valid = demoKey('deutsch-kompetent-8');
    const typo = `${valid.slice(0, -1)}${valid.endsWith('3') ? '4' : '3'}`;
    for (const key of [' ', valid.slice(0, 4), `${valid}7`, 'OOOO-IIII-LLLL-SSSS', typo]) {
      await rejection(backend.redeemKey(key, redeemCall()), 'key-invalid-format');
    }
  });

  it('refuses an empty or overlong request body as validation, as the reference server does', async () => {
    const backend = await signedIn(pupil);
    const empty = await rejection(backend.redeemKey('', redeemCall()), 'validation');
    expect(empty.fieldErrors).to.deep.equal([{ field: 'key', code: 'required' }]);
    const long = await rejection(backend.redeemKey('A'.repeat(65), redeemCall()), 'validation');
    expect(long.fieldErrors).to.deep.equal([{ field: 'key', code: 'too-long' }]);
  });

  it('lists products in catalogue order, as the reference server does, whenever they were redeemed', async () => {
    const backend = await signedIn(teacher);
    await backend.redeemKey(demoKey('deutsch-kompetent-8'), redeemCall());
    const ids = (await backend.listProducts(call())).map((product) => product.id);
    expect(ids).to.deep.equal(demoProducts.map((product) => product.id).filter((id) => ids.includes(id)));
    expect(ids.slice(0, 2)).to.deep.equal(['mathe-heute-7', 'deutsch-kompetent-8']);
  });

  it('answers key-not-found for a well-formed key nobody issued', async () => {
    await rejection((await signedIn(teacher)).redeemKey(UNKNOWN_KEY, redeemCall()), 'key-not-found');
  });

  it('shows a key redeemed by you as already owned, and to anyone else as already redeemed', async () => {
    const backend = await signedIn(pupil);
    const key = demoKey('weltatlas-digital');
    expect((await backend.redeemKey(key, redeemCall())).outcome).to.equal('activated');
    expect((await backend.redeemKey(key, redeemCall())).outcome).to.equal('already-owned');
    await backend.signIn({ email: teacher.email, password: teacher.password }, call());
    const error = await rejection(backend.redeemKey(key, redeemCall()), 'key-already-redeemed');
    expect(error.byYou).to.equal(false);
  });

  it('keeps a second key for a product the caller owns unredeemed, so it can be passed on', async () => {
    const second = withCheckCharacter('MATHWWWWRRRRTTT');
    const backend = new MemoryBackend({
      seed: { keys: [...demoKeys, { key: second, productId: 'mathe-heute-7', demonstrates: 'second copy' }] },
    });
    await backend.signIn({ email: teacher.email, password: teacher.password }, call());
    expect((await backend.redeemKey(second, redeemCall())).outcome).to.equal('already-owned');
    await backend.signIn({ email: pupil.email, password: pupil.password }, call());
    expect((await backend.redeemKey(second, redeemCall())).outcome).to.equal('activated');
  });

  it('accepts a key on its validFrom and validUntil days', async () => {
    const keys = [
      { key: withCheckCharacter('FRMDAYAAAAAAAAA'), productId: 'englisch-klar-6', demonstrates: 'x', validFrom: '2026-06-01' },
      { key: withCheckCharacter('UNTDAYAAAAAAAAA'), productId: 'chemie-im-kontext', demonstrates: 'x', validUntil: '2026-06-01' },
    ];
    const backend = new MemoryBackend({ seed: { keys }, now: new TestClock(Date.parse('2026-06-01T23:59:59Z')).now });
    await backend.signIn({ email: pupil.email, password: pupil.password }, call());
    for (const { key } of keys) expect((await backend.redeemKey(key, redeemCall())).outcome).to.equal('activated');
  });

  it('answers key-expired for a key whose window is empty (validUntil before today before validFrom)', async () => {
    const key = withCheckCharacter('EMPTYWAAAAAAAAA');
    const keys = [{ key, productId: 'englisch-klar-6', demonstrates: 'x', validFrom: '2026-07-01', validUntil: '2026-05-01' }];
    const backend = new MemoryBackend({ seed: { keys }, now: new TestClock().now });
    await backend.signIn({ email: pupil.email, password: pupil.password }, call());
    await rejection(backend.redeemKey(key, redeemCall()), 'key-expired');
  });

  it('becomes redeemable once its validFrom day arrives', async () => {
    const clock = new TestClock();
    const backend = await signedIn(teacher, clock);
    const key = demoKey('chemie-im-kontext');
    await rejection(backend.redeemKey(key, redeemCall('attempt')), 'key-not-yet-valid');
    clock.ms = Date.parse('2099-08-01T00:00:00Z');
    // A failure is not recorded as the idempotent result: the same intent, retried, is judged anew.
    expect((await backend.redeemKey(key, redeemCall('attempt'))).outcome).to.equal('activated');
  });

  it('returns fresh copies', async () => {
    const backend = await signedIn(pupil);
    const result = await backend.redeemKey(demoKey('deutsch-kompetent-8'), redeemCall('same'));
    result.product.title = 'verändert';
    expect((await backend.listProducts(call()))[0]?.title).to.equal('Deutsch kompetent 8');
    expect((await backend.redeemKey(demoKey('deutsch-kompetent-8'), redeemCall('same'))).product.title).to.equal('Deutsch kompetent 8');
  });

  describe('idempotency', () => {
    it('replays the first result for the same idempotency key and key, in any spelling', async () => {
      const backend = await signedIn(pupil);
      const key = demoKey('deutsch-kompetent-8');
      const first = await backend.redeemKey(key, redeemCall('intent-1'));
      const again = await backend.redeemKey(formatForDisplay(key).toLowerCase(), redeemCall('intent-1'));
      expect(first.outcome).to.equal('activated');
      expect(again).to.deep.equal(first);
      expect(again).not.to.equal(first);
      expect(await backend.listProducts(call())).to.have.length(1);
    });

    it('answers a new intent for the same key with already-owned', async () => {
      const backend = await signedIn(pupil);
      await backend.redeemKey(demoKey('deutsch-kompetent-8'), redeemCall('intent-1'));
      expect((await backend.redeemKey(demoKey('deutsch-kompetent-8'), redeemCall('intent-2'))).outcome).to.equal('already-owned');
    });

    it('refuses an idempotency key reused for a different key', async () => {
      const backend = await signedIn(pupil);
      await backend.redeemKey(demoKey('deutsch-kompetent-8'), redeemCall('intent-1'));
      const error = await rejection(backend.redeemKey(demoKey('weltatlas-digital'), redeemCall('intent-1')), 'validation');
      expect(error.fieldErrors).to.deep.equal([{ field: 'idempotencyKey', code: 'reused' }]);
      expect(await backend.listProducts(call())).to.have.length(1);
    });

    it('refuses the reuse even when the first attempt failed', async () => {
      const backend = await signedIn(pupil);
      await rejection(backend.redeemKey(UNKNOWN_KEY, redeemCall('intent-1')), 'key-not-found');
      await rejection(backend.redeemKey(demoKey('deutsch-kompetent-8'), redeemCall('intent-1')), 'validation');
    });

    it('scopes idempotency keys to the account', async () => {
      const backend = await signedIn(pupil);
      await backend.redeemKey(demoKey('deutsch-kompetent-8'), redeemCall('shared'));
      await backend.signIn({ email: teacher.email, password: teacher.password }, call());
      expect((await backend.redeemKey(demoKey('weltatlas-digital'), redeemCall('shared'))).outcome).to.equal('activated');
    });

    it('requires an idempotency key of sensible length', async () => {
      const backend = await signedIn(pupil);
      const key = demoKey('deutsch-kompetent-8');
      expect((await rejection(backend.redeemKey(key, redeemCall(' ')), 'validation')).fieldErrors).to.deep.equal([
        { field: 'idempotencyKey', code: 'required' },
      ]);
      expect((await rejection(backend.redeemKey(key, redeemCall('x'.repeat(256))), 'validation')).fieldErrors).to.deep.equal([
        { field: 'idempotencyKey', code: 'too-long' },
      ]);
    });
  });

  describe('rate limiting', () => {
    async function failTimes(backend: MemoryBackend, times: number): Promise<void> {
      for (let i = 0; i < times; i += 1) await rejection(backend.redeemKey(UNKNOWN_KEY, redeemCall()), 'key-not-found');
    }

    it(`refuses the account after ${REDEEM_FAILURE_LIMIT} failures in 10 minutes, until the window has passed`, async () => {
      const clock = new TestClock();
      const backend = await signedIn(pupil, clock);
      await failTimes(backend, REDEEM_FAILURE_LIMIT);
      const refused = await rejection(backend.redeemKey(demoKey('deutsch-kompetent-8'), redeemCall()), 'rate-limited');
      expect(refused.retryAfter).to.equal(REDEEM_FAILURE_WINDOW_MS / 1000);

      clock.advance(REDEEM_FAILURE_WINDOW_MS - 1000);
      expect((await rejection(backend.redeemKey(demoKey('deutsch-kompetent-8'), redeemCall()), 'rate-limited')).retryAfter).to.equal(1);

      clock.advance(1000);
      expect((await backend.redeemKey(demoKey('deutsch-kompetent-8'), redeemCall())).outcome).to.equal('activated');
    });

    it('counts every kind of key failure, and only within a sliding window', async () => {
      const clock = new TestClock();
      const backend = await signedIn(pupil, clock);
      await rejection(backend.redeemKey('ABC', redeemCall()), 'key-invalid-format');
      await rejection(backend.redeemKey(demoKey('englisch-klar-6'), redeemCall()), 'key-already-redeemed');
      await rejection(backend.redeemKey(demoKey('biologie-erleben-9'), redeemCall()), 'key-expired');
      await rejection(backend.redeemKey(demoKey('physik-entdecken-8'), redeemCall()), 'key-not-for-customer-type');
      clock.advance(5 * 60 * 1000);
      await failTimes(backend, REDEEM_FAILURE_LIMIT - 4);
      expect((await rejection(backend.redeemKey(UNKNOWN_KEY, redeemCall()), 'rate-limited')).retryAfter).to.equal(5 * 60);
      clock.advance(5 * 60 * 1000);
      // The four oldest failures have left the window; six remain.
      await failTimes(backend, 4);
      await rejection(backend.redeemKey(UNKNOWN_KEY, redeemCall()), 'rate-limited');
    });

    it('is per account, and successes do not count', async () => {
      const backend = await signedIn(pupil);
      await backend.redeemKey(demoKey('deutsch-kompetent-8'), redeemCall());
      await failTimes(backend, REDEEM_FAILURE_LIMIT - 1);
      await backend.redeemKey(demoKey('deutsch-kompetent-8'), redeemCall());
      await failTimes(backend, 1);
      await rejection(backend.redeemKey(UNKNOWN_KEY, redeemCall()), 'rate-limited');
      await backend.signIn({ email: teacher.email, password: teacher.password }, call());
      expect((await backend.redeemKey(demoKey('weltatlas-digital'), redeemCall())).outcome).to.equal('activated');
    });

    it('still replays an earlier success while the account is refused', async () => {
      const backend = await signedIn(pupil);
      const first = await backend.redeemKey(demoKey('deutsch-kompetent-8'), redeemCall('done'));
      await failTimes(backend, REDEEM_FAILURE_LIMIT);
      expect(await backend.redeemKey(demoKey('deutsch-kompetent-8'), redeemCall('done'))).to.deep.equal(first);
    });
  });
});
