// A redeem while the session could not be read: "unknown" is not "signed out".
import { expect } from '@open-wc/testing';
import { BackendError } from '../../src/core/errors.js';
import type { Product, SessionUser } from '../../src/core/schemas.js';
import { AccountStore } from '../../src/core/store.js';
import { ScriptedBackend, settle } from '../support/scripted-backend.js';

const anna: SessionUser = { id: 'u-anna', email: 'anna@example.org', displayName: 'Anna Muster', customerType: 'teacher', emailConfirmed: true };
const book: Product = { id: 'p1', title: 'Mathematik heute 7', kind: 'licence', licenceType: 'single', openUrl: '/open/p1' };
const KEY = 'MATH7A3B4C6DE7F6';
const OTHER = 'JAHR9T3U4V6WX7Y3';

/** A store whose first session read failed with `code`. */
async function withSessionError(code: 'offline' | 'timeout' | 'rate-limited' = 'offline') {
  const backend = new ScriptedBackend();
  const store = new AccountStore({ backend, storage: null, channel: false });
  const done = store.ensureSession();
  backend.last('getSession').reject(new BackendError(code, code === 'rate-limited' ? { retryAfter: 5 } : {}));
  await done;
  expect(store.snapshot.sessionError?.code).to.equal(code);
  return { backend, store };
}

describe('AccountStore: redeem while the session is unknown', () => {
  it('reads the session once more, and answers with its failure without keeping the key as pending', async () => {
    const { backend, store } = await withSessionError('offline');
    const result = store.redeem(KEY);
    await settle();
    expect(backend.callsOf('getSession')).to.have.length(2);
    // The read again shows as loading, not as the old failure.
    expect(store.snapshot.sessionError).to.equal(null);
    backend.last('getSession').reject(new BackendError('timeout'));
    const answer = await result;
    expect(answer.ok ? 'ok' : answer.error.code).to.equal('timeout');
    expect(answer.ok || answer.error.isTransient).to.equal(true);
    expect(store.snapshot.status).to.equal('unknown');
    expect(store.snapshot.pendingKey).to.equal(null);
    expect(backend.callsOf('redeemKey')).to.have.length(0);
  });

  it('leaves a pending key that waited alone', async () => {
    const { backend, store } = await withSessionError('offline');
    store.setPendingKey(OTHER);
    const result = store.redeem(KEY);
    await settle();
    backend.last('getSession').reject(new BackendError('offline'));
    expect((await result).ok).to.equal(false);
    expect(store.snapshot.pendingKey).to.equal(OTHER);
  });

  it('passes a rate limit of the session read on, with its wait', async () => {
    const { backend, store } = await withSessionError('rate-limited');
    const result = store.redeem(KEY);
    await settle();
    backend.last('getSession').reject(new BackendError('rate-limited', { retryAfter: 7 }));
    const answer = await result;
    expect(answer.ok ? undefined : [answer.error.code, answer.error.retryAfter]).to.deep.equal(['rate-limited', 7]);
    expect(store.snapshot.pendingKey).to.equal(null);
  });

  it('redeems when the second read finds the user signed in', async () => {
    const { backend, store } = await withSessionError('offline');
    const result = store.redeem(KEY);
    await settle();
    backend.last('getSession').resolve(anna);
    await settle();
    expect(backend.last('redeemKey').args[0]).to.equal(KEY);
    backend.last('redeemKey').resolve({ product: book, outcome: 'activated' });
    const answer = await result;
    expect(answer.ok && answer.value.product.id).to.equal('p1');
    expect(store.snapshot.status).to.equal('signed-in');
  });

  it('keeps the key as pending when the second read finds nobody signed in', async () => {
    const { backend, store } = await withSessionError('offline');
    const result = store.redeem(KEY);
    await settle();
    backend.last('getSession').resolve(null);
    const answer = await result;
    expect(answer.ok ? 'ok' : answer.error.code).to.equal('unauthenticated');
    expect(store.snapshot.pendingKey).to.equal(KEY);
  });

  it('answers a typed failure without a backend, and keeps nothing', async () => {
    const store = new AccountStore({ storage: null, channel: false });
    const answer = await store.redeem(KEY);
    expect(answer.ok ? 'ok' : answer.error.code).to.equal('server');
    expect(store.snapshot.pendingKey).to.equal(null);
    store.dispose();
  });
});
