import { expect } from '@open-wc/testing';
import { BackendError } from '../../src/core/errors.js';
import type { SessionUser } from '../../src/core/schemas.js';
import { AccountStore, type AccountSnapshot } from '../../src/core/store.js';
import { ScriptedBackend, settle } from '../support/scripted-backend.js';

const anna: SessionUser = {
  id: 'u-anna', email: 'anna@example.org', displayName: 'Anna Muster', customerType: 'teacher', emailConfirmed: true,
};
const ben: SessionUser = { ...anna, id: 'u-ben', email: 'ben@example.org', displayName: 'Ben Beispiel' };
const TOKEN = 'c'.repeat(43);
const tokenError = (code: 'token-invalid' | 'token-expired') =>
  new BackendError('validation', { fieldErrors: [{ field: 'token', code }] });

function setup() {
  const backend = new ScriptedBackend();
  const store = new AccountStore({ backend, storage: null, channel: false });
  const states: AccountSnapshot['emailConfirmation']['state'][] = [];
  store.subscribe((snapshot) => {
    if (states.at(-1) !== snapshot.emailConfirmation.state) states.push(snapshot.emailConfirmation.state);
  });
  return { backend, store, states };
}

describe('AccountStore: e-mail confirmation and reset links', () => {
  describe('emailConfirmation', () => {
    it('starts idle, is confirming while the token is with the backend, then confirmed with the user signed in', async () => {
      const { backend, store, states } = setup();
      expect(store.snapshot.emailConfirmation).to.deep.equal({ state: 'idle' });
      const result = store.confirmEmail(TOKEN);
      expect(store.snapshot.emailConfirmation).to.deep.equal({ state: 'confirming' });
      expect(store.snapshot.busy).to.include('confirm-email');
      expect(backend.last('confirmEmail').args).to.deep.equal([TOKEN]);
      backend.last('confirmEmail').resolve(anna);
      expect((await result).ok).to.equal(true);
      expect(store.snapshot.emailConfirmation).to.deep.equal({ state: 'confirmed', user: anna });
      expect(store.snapshot.status).to.equal('signed-in');
      expect(Object.isFrozen(store.snapshot.emailConfirmation)).to.equal(true);
      expect(states).to.deep.equal(['confirming', 'confirmed']);
    });

    it('keeps the status unknown while confirming: a session read waits for the link instead of saying "signed out" first', async () => {
      const { backend, store } = setup();
      const statuses: string[] = [];
      store.subscribe((snapshot) => statuses.push(snapshot.status));
      void store.confirmEmail(TOKEN);
      const session = store.ensureSession();
      expect(backend.callsOf('getSession')).to.have.length(0);
      backend.last('confirmEmail').resolve(anna);
      await session;
      expect(backend.callsOf('getSession')).to.have.length(0);
      expect(statuses).to.not.include('signed-out');
      expect(store.snapshot.status).to.equal('signed-in');
    });

    it('drops a session read that was already in flight when the link arrived', async () => {
      const { backend, store } = setup();
      void store.ensureSession();
      const early = backend.last('getSession');
      void store.confirmEmail(TOKEN);
      expect(early.signal.aborted).to.equal(true);
      backend.last('confirmEmail').resolve(anna);
      await settle();
      expect(store.snapshot.status).to.equal('signed-in');
    });

    for (const code of ['token-invalid', 'token-expired'] as const) {
      it(`keeps a ${code} failure, not retryable, while the session is read and found signed out`, async () => {
        const { backend, store } = setup();
        void store.ensureSession();
        void store.confirmEmail(TOKEN);
        backend.last('confirmEmail').reject(tokenError(code));
        await settle();
        const failed = store.snapshot.emailConfirmation;
        expect(failed.state).to.equal('failed');
        if (failed.state !== 'failed') return;
        expect(failed.retryable).to.equal(false);
        expect(failed.error.code).to.equal('validation');
        expect(failed.error.fieldErrors).to.deep.equal([{ field: 'token', code }]);
        // The session was asked for: it is read now that the link did not sign in.
        expect(backend.callsOf('getSession')).to.have.length(2);
        backend.last('getSession').resolve(null);
        await settle();
        expect(store.snapshot.status).to.equal('signed-out');
        expect(store.snapshot.emailConfirmation).to.equal(failed);
        // Nothing to send again: the link is used up.
        const retry = await store.retryEmailConfirmation();
        expect(retry.ok).to.equal(false);
        expect(backend.callsOf('confirmEmail')).to.have.length(1);
      });
    }

    it('sends the same token again after a network failure', async () => {
      const { backend, store, states } = setup();
      void store.confirmEmail(TOKEN);
      backend.last('confirmEmail').reject(new BackendError('offline'));
      await settle();
      expect(store.snapshot.emailConfirmation).to.include({ state: 'failed', retryable: true });
      const retry = store.retryEmailConfirmation();
      expect(store.snapshot.emailConfirmation.state).to.equal('confirming');
      expect(backend.callsOf('confirmEmail').map((call) => call.args)).to.deep.equal([[TOKEN], [TOKEN]]);
      backend.last('confirmEmail').resolve(anna);
      expect((await retry).ok).to.equal(true);
      expect(states).to.deep.equal(['confirming', 'failed', 'confirming', 'confirmed']);
    });

    it('forgets "confirmed" once that user signs out, and a failure once someone signs in', async () => {
      const { backend, store } = setup();
      void store.confirmEmail(TOKEN);
      backend.last('confirmEmail').resolve(anna);
      await settle();
      void store.signOut();
      expect(store.snapshot.emailConfirmation).to.deep.equal({ state: 'idle' });

      void store.confirmEmail('d'.repeat(43));
      backend.last('confirmEmail').reject(new BackendError('timeout'));
      await settle();
      expect(store.snapshot.emailConfirmation.state).to.equal('failed');
      const signIn = store.signIn({ email: ben.email, password: 'correct horse battery' });
      backend.last('signIn').resolve(ben);
      await signIn;
      expect(store.snapshot.emailConfirmation).to.deep.equal({ state: 'idle' });
      // The token kept for a retry went with it.
      expect((await store.retryEmailConfirmation()).ok).to.equal(false);
      expect(backend.callsOf('confirmEmail')).to.have.length(2);
    });

    it('sends a confirmation in flight to the new backend when the backend is replaced', async () => {
      const { backend, store } = setup();
      void store.confirmEmail(TOKEN);
      const next = new ScriptedBackend();
      store.setBackend(next);
      expect(backend.last('confirmEmail').signal.aborted).to.equal(true);
      expect(next.last('confirmEmail').args).to.deep.equal([TOKEN]);
      next.last('confirmEmail').resolve(anna);
      await settle();
      expect(store.snapshot.emailConfirmation).to.deep.equal({ state: 'confirmed', user: anna });
    });
  });

  describe('password-reset link', () => {
    it('keeps the token until one caller takes it, then forgets it', () => {
      const { backend, store } = setup();
      expect(store.snapshot.passwordResetPending).to.equal(false);
      expect(store.takePasswordResetToken()).to.equal(null);
      store.receivePasswordResetLink(TOKEN);
      expect(store.snapshot.passwordResetPending).to.equal(true);
      expect(JSON.stringify(store.snapshot)).to.not.include(TOKEN);
      expect(store.takePasswordResetToken()).to.equal(TOKEN);
      expect(store.snapshot.passwordResetPending).to.equal(false);
      expect(store.takePasswordResetToken()).to.equal(null);
      expect(backend.calls).to.have.length(0);
    });
  });
});
