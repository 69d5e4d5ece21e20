// AccountStore: the pending key goes along with a registration and a resend, so that the
// confirmation link can carry it to the tab it opens (whose sessionStorage is empty).
import { expect } from '@open-wc/testing';
import type { RegistrationRequest } from '../../src/core/schemas.js';
import { AccountStore } from '../../src/core/store.js';
import { MemoryStorage } from '../support/helpers.js';
import { ScriptedBackend } from '../support/scripted-backend.js';

const KEY = 'MATH7A3B4C6DE7F6';
const OTHER = 'JAHR9T3U4V6WX7Y3';
const request: RegistrationRequest = {
  customerType: 'pupil', email: 'new@example.org', password: 'a long passphrase', acceptedTermsVersion: '2026-01',
  newsletter: false, address: { firstName: 'N', lastName: 'N', street: 'S 1', postcode: '12345', city: 'C', country: 'DE' },
};

function setup() {
  const backend = new ScriptedBackend();
  const storage = new MemoryStorage();
  const store = new AccountStore({ backend, storage, channel: false });
  return { backend, store, storage };
}

/** What the store handed the backend's `register` and `resendConfirmation` (with the key option). */
async function sent(store: AccountStore, backend: ScriptedBackend) {
  const registered = store.register(request);
  backend.last('register').resolve({ email: request.email });
  expect((await registered).ok).to.equal(true);
  const resent = store.resendConfirmation(request.email);
  backend.last('resendConfirmation').resolve(undefined);
  expect((await resent).ok).to.equal(true);
  return { register: backend.last('register').args[0], resend: backend.last('resendConfirmation').args };
}

describe('AccountStore: the pending key travels with the confirmation mail', () => {
  it('sends the pending key with the registration and with a resend', async () => {
    const { backend, store } = setup();
    store.setPendingKey('math-7a3b-4c6d-e7f6');
    const { register, resend } = await sent(store, backend);
    expect(register).to.deep.equal({ ...request, pendingKey: KEY });
    expect(resend).to.deep.equal([request.email, KEY]);
    // Sending it along is not redeeming it: the key still waits in this tab.
    expect(store.snapshot.pendingKey).to.equal(KEY);
  });

  it('sends a key the user submitted while signed out, as one that only came with the address', async () => {
    const { backend, store } = setup();
    const redeem = store.redeem(KEY);
    backend.last('getSession').resolve(null);
    await redeem;
    expect(store.snapshot.pendingKeySubmitted).to.equal(true);
    expect((await sent(store, backend)).register).to.have.property('pendingKey', KEY);
  });

  it('sends no key field when no key waits, nor the keys of a pending batch', async () => {
    const { backend, store } = setup();
    store.setPendingBatch([KEY, OTHER]);
    const { register, resend } = await sent(store, backend);
    expect(register).to.deep.equal(request);
    expect(register).to.not.have.property('pendingKey');
    expect(resend).to.deep.equal([request.email, undefined]);
  });

  it('sends only plain key text: a pending key with other characters stays in this tab', async () => {
    const { backend, store } = setup();
    store.setPendingKey('MATH<7A3B>');
    expect(store.snapshot.pendingKey).to.equal('MATH<7A3B>');
    const { register, resend } = await sent(store, backend);
    expect(register).to.not.have.property('pendingKey');
    expect(resend).to.deep.equal([request.email, undefined]);
  });

  it('keeps a key the request names itself', async () => {
    const { backend, store } = setup();
    store.setPendingKey(KEY);
    const registered = store.register({ ...request, pendingKey: OTHER });
    backend.last('register').resolve({ email: request.email });
    await registered;
    expect(backend.last('register').args[0]).to.have.property('pendingKey', OTHER);
  });
});
