// AccountStore: sign-out without a backend, sharing calls only with the same arguments, quiet
// no-op updates, registration options that follow the backend, and where a pending key came from.
import { expect } from '@open-wc/testing';
import { BackendError } from '../../src/core/errors.js';
import { applyConfig } from '../../src/core/page-default.js';
import type { RegistrationOptions, SessionUser } from '../../src/core/schemas.js';
import { AccountStore } from '../../src/core/store.js';
import { ScriptedBackend, settle } from '../support/scripted-backend.js';

const anna: SessionUser = { id: 'u-anna', email: 'anna@example.org', displayName: 'Anna Muster', customerType: 'teacher', emailConfirmed: true };
const ben: SessionUser = { ...anna, id: 'u-ben', email: 'ben@example.org', displayName: 'Ben Beispiel' };
const options = { customerTypes: [], terms: { version: '2026-01', url: '/agb' } } as unknown as RegistrationOptions;
const KEY = 'MATH7A3B4C6DE7F6';
const PENDING_KEY_STORAGE = 'keyshelf:pending-key';

function setup() {
  const backend = new ScriptedBackend();
  const store = new AccountStore({ backend, storage: null, channel: false });
  return { backend, store };
}

/** Counts the snapshots `store` hands its listeners. */
function countNotifications(store: AccountStore): { readonly count: number } {
  const counter = { count: 0 };
  store.subscribe(() => (counter.count += 1));
  return counter;
}

describe('AccountStore actions', () => {
  describe('signOut', () => {
    it('answers a typed failure without a backend, rather than rejecting, and keeps the status', async () => {
      const store = new AccountStore({ storage: null, channel: false });
      const result = await store.signOut();
      expect(result.ok ? 'ok' : result.error.code).to.equal('server');
      expect(store.snapshot.status).to.equal('unknown');
      store.dispose();
    });
  });

  describe('calls in flight with other arguments', () => {
    it('shares a sign-in only with the same credentials; other ones wait for it and get their own answer', async () => {
      const { backend, store } = setup();
      const first = store.signIn({ email: anna.email, password: 'correct horse battery' });
      const same = store.signIn({ email: anna.email, password: 'correct horse battery' });
      const other = store.signIn({ email: ben.email, password: 'another long secret' });
      expect(backend.callsOf('signIn')).to.have.length(1);
      backend.last('signIn').reject(new BackendError('invalid-credentials'));
      const firstResult = await first;
      expect(await same).to.equal(firstResult);
      expect(firstResult.ok ? 'ok' : firstResult.error.code).to.equal('invalid-credentials');
      await settle();
      // The other credentials are sent once the first sign-in has settled.
      expect(backend.callsOf('signIn')).to.have.length(2);
      expect(backend.last('signIn').args[0]).to.deep.equal({ email: ben.email, password: 'another long secret' });
      expect(store.snapshot.busy).to.include('sign-in');
      backend.last('signIn').resolve(ben);
      const otherResult = await other;
      expect(otherResult.ok && otherResult.value.id).to.equal('u-ben');
      expect(store.snapshot.user?.id).to.equal('u-ben');
      expect(store.snapshot.busy).to.not.include('sign-in');
    });

    it('does the same for completePasswordReset', async () => {
      const { backend, store } = setup();
      const first = store.completePasswordReset('t'.repeat(32), 'ein neues Kennwort');
      const other = store.completePasswordReset('t'.repeat(32), 'ein anderes Kennwort');
      expect(backend.callsOf('completePasswordReset')).to.have.length(1);
      backend.last('completePasswordReset').reject(new BackendError('validation', { fieldErrors: [{ field: 'password', code: 'password-too-common' }] }));
      expect((await first).ok).to.equal(false);
      await settle();
      expect(backend.callsOf('completePasswordReset')).to.have.length(2);
      expect(backend.last('completePasswordReset').args).to.deep.equal(['t'.repeat(32), 'ein anderes Kennwort']);
      backend.last('completePasswordReset').resolve(undefined);
      expect(await other).to.deep.equal({ ok: true, value: undefined });
    });
  });

  describe('updates that change nothing', () => {
    it('notify nobody: re-applying the same config, the same links in a new object', () => {
      const { store } = setup();
      const messages = { de: { 'key.label': 'Lizenzcode' } };
      const seen = countNotifications(store);
      applyConfig(store, { links: { signIn: '/anmelden' }, messages });
      expect(seen.count).to.equal(1);
      applyConfig(store, { links: { signIn: '/anmelden' }, messages: { de: { 'key.label': 'Lizenzcode' } } });
      store.configure({ links: { ...store.snapshot.settings.links } });
      store.setPendingKey(null);
      store.setPendingBatch(null);
      expect(seen.count).to.equal(1);
      applyConfig(store, { links: { signIn: '/login' } });
      expect(seen.count).to.equal(2);
      expect(store.snapshot.settings.links).to.deep.equal({ signIn: '/login' });
    });
  });

  describe('ensureRegistrationOptions', () => {
    it('loads once for many askers, and again after setBackend', async () => {
      const { backend, store } = setup();
      void store.ensureRegistrationOptions();
      void store.ensureRegistrationOptions();
      expect(backend.callsOf('getRegistrationOptions')).to.have.length(1);
      backend.last('getRegistrationOptions').resolve(options);
      await settle();
      expect(store.snapshot.registrationOptions.state).to.equal('loaded');
      await store.ensureRegistrationOptions();
      expect(backend.callsOf('getRegistrationOptions')).to.have.length(1);

      const next = new ScriptedBackend();
      store.setBackend(next);
      // Asked for before: the store reads them from the new backend by itself.
      expect(next.callsOf('getRegistrationOptions')).to.have.length(1);
      expect(store.snapshot.registrationOptions.state).to.equal('loading');
      next.last('getRegistrationOptions').resolve(options);
      await settle();
      expect(store.snapshot.registrationOptions.state).to.equal('loaded');
    });

    it('waits for a backend set later', async () => {
      const store = new AccountStore({ storage: null, channel: false });
      await store.ensureRegistrationOptions();
      expect(store.snapshot.registrationOptions.state).to.equal('idle');
      const backend = new ScriptedBackend();
      store.setBackend(backend);
      expect(backend.callsOf('getRegistrationOptions')).to.have.length(1);
    });

    it('is not cut short by a sign-in meanwhile: the options are the backend\'s, not the user\'s', async () => {
      const { backend, store } = setup();
      const loading = store.ensureRegistrationOptions();
      const signIn = store.signIn({ email: anna.email, password: 'correct horse battery' });
      backend.last('signIn').resolve(anna);
      await signIn;
      expect(backend.last('getRegistrationOptions').signal.aborted).to.equal(false);
      backend.last('getRegistrationOptions').resolve(options);
      await loading;
      expect(store.snapshot.registrationOptions.state).to.equal('loaded');
    });
  });

  describe('where the pending key came from', () => {
    afterEach(() => sessionStorage.removeItem(PENDING_KEY_STORAGE));

    it('marks a key submitted while signed out, and keeps the mark across a reload', async () => {
      const backend = new ScriptedBackend();
      const store = new AccountStore({ backend, storage: sessionStorage, channel: false });
      const redeem = store.redeem(KEY);
      backend.last('getSession').resolve(null);
      await redeem;
      expect(store.snapshot.pendingKey).to.equal(KEY);
      expect(store.snapshot.pendingKeySubmitted).to.equal(true);
      const reloaded = new AccountStore({ backend, storage: sessionStorage, channel: false });
      expect(reloaded.snapshot.pendingKey).to.equal(KEY);
      expect(reloaded.snapshot.pendingKeySubmitted).to.equal(true);
    });

    it('does not mark a key that was only filled in (from the address, or setPendingKey)', () => {
      const store = new AccountStore({ storage: sessionStorage, channel: false });
      store.setPendingKey('math-7a3b-4c6d-e7f6');
      expect(store.snapshot.pendingKeySubmitted).to.equal(false);
      // A plain key in storage, as keyshelf kept it before, reads as filled in.
      sessionStorage.setItem(PENDING_KEY_STORAGE, JSON.stringify(KEY));
      const reloaded = new AccountStore({ storage: sessionStorage, channel: false });
      expect(reloaded.snapshot.pendingKey).to.equal(KEY);
      expect(reloaded.snapshot.pendingKeySubmitted).to.equal(false);
      // Forged marks are read with care: only `true` counts, the key is normalized.
      sessionStorage.setItem(PENDING_KEY_STORAGE, JSON.stringify({ key: 'math 7a3b 4c6d e7f6', submitted: 'yes' }));
      expect(new AccountStore({ storage: sessionStorage, channel: false }).snapshot).to.deep.include({ pendingKey: KEY, pendingKeySubmitted: false });
    });
  });
});
