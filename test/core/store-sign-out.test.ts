// AccountStore: a sign-out the backend did not confirm is owed. The server session may still be
// alive, so the store signs out again before it shows that user as signed in: at the next session
// read that returns them (a reload), and when the browser comes back online.
import { expect, waitUntil } from '@open-wc/testing';
import { BackendError } from '../../src/core/errors.js';
import type { SessionUser } from '../../src/core/schemas.js';
import { AccountStore } from '../../src/core/store.js';
import { MemoryStorage } from '../support/helpers.js';
import { ScriptedBackend, settle } from '../support/scripted-backend.js';

const anna: SessionUser = { id: 'u-anna', email: 'anna@example.org', displayName: 'Anna Muster', customerType: 'teacher', emailConfirmed: true };
const ben: SessionUser = { ...anna, id: 'u-ben', email: 'ben@example.org', displayName: 'Ben Beispiel' };
const OWED = 'keyshelf:sign-out-owed';

const stores: AccountStore[] = [];
function open(storage: MemoryStorage | null, channel: string | false = false) {
  const backend = new ScriptedBackend();
  const store = new AccountStore({ backend, storage, channel });
  stores.push(store);
  return { backend, store, storage };
}

async function readSession(store: AccountStore, backend: ScriptedBackend, user: SessionUser | null): Promise<void> {
  const done = store.refreshSession();
  backend.last('getSession').resolve(user);
  await done;
}

/** A tab where `user` signed out and the request failed with `code`. */
async function failedSignOut(storage: MemoryStorage | null = new MemoryStorage(), code: 'offline' | 'timeout' | 'server' = 'offline', user = anna) {
  const { backend, store } = open(storage);
  await readSession(store, backend, user);
  const result = store.signOut();
  backend.last('signOut').reject(new BackendError(code));
  const outcome = await result;
  expect(outcome.ok ? 'ok' : outcome.error.code).to.equal(code);
  expect(store.snapshot.status).to.equal('signed-out');
  return { backend, store, storage };
}

describe('AccountStore: a sign-out the backend did not confirm', () => {
  afterEach(() => {
    for (const store of stores.splice(0)) store.dispose();
  });

  it('is remembered in the tab as a hash of whose it was: no token, no user data', async () => {
    const { storage } = await failedSignOut();
    const stored = storage!.getItem(OWED);
    expect(stored).to.match(/^"[0-9a-f]{8}"$/);
    for (const value of [anna.id, anna.email, anna.displayName, 'anna']) expect(storage!.values().join()).to.not.include(value);
  });

  it('is sent again after a reload before the user shows as signed in, and they stay signed out', async () => {
    const { storage } = await failedSignOut();
    const { backend, store } = open(storage);
    const statuses: string[] = [];
    store.subscribe((snapshot) => statuses.push(snapshot.status));
    const session = store.ensureSession();
    backend.last('getSession').resolve(anna);
    await settle();
    expect(backend.callsOf('signOut')).to.have.length(1);
    expect(store.snapshot.status).to.equal('unknown');
    backend.last('signOut').resolve(undefined);
    await session;
    expect(store.snapshot.status).to.equal('signed-out');
    expect(statuses).to.not.include('signed-in');
    expect(storage!.getItem(OWED)).to.equal(null);
    // Paid: the next read that finds the user (signed in again elsewhere) shows them.
    await readSession(store, backend, anna);
    expect(store.snapshot.user?.id).to.equal('u-anna');
    expect(backend.callsOf('signOut')).to.have.length(1);
  });

  it('keeps the user signed out, and owing, when the second sign-out fails too', async () => {
    const { storage } = await failedSignOut(new MemoryStorage(), 'timeout');
    const { backend, store } = open(storage);
    const session = store.ensureSession();
    backend.last('getSession').resolve(anna);
    await settle();
    backend.last('signOut').reject(new BackendError('server'));
    await session;
    expect(store.snapshot.status).to.equal('signed-out');
    expect(storage!.getItem(OWED)).to.not.equal(null);
  });

  it('is paid when the browser comes back online, once, after a session read finds the user', async () => {
    const { backend, store, storage } = await failedSignOut(new MemoryStorage(), 'server');
    window.dispatchEvent(new Event('online'));
    window.dispatchEvent(new Event('online'));
    expect(backend.callsOf('getSession')).to.have.length(2);
    backend.last('getSession').resolve(anna);
    await settle();
    expect(backend.callsOf('signOut')).to.have.length(2);
    backend.last('signOut').resolve(undefined);
    await settle();
    expect(storage!.getItem(OWED)).to.equal(null);
    expect(store.snapshot.status).to.equal('signed-out');
    window.dispatchEvent(new Event('online'));
    expect(backend.callsOf('getSession')).to.have.length(2);
    expect(backend.callsOf('signOut')).to.have.length(2);
    // A store that was disposed of listens no more.
    const gone = await failedSignOut();
    gone.store.dispose();
    window.dispatchEvent(new Event('online'));
    expect(gone.backend.callsOf('getSession')).to.have.length(1);
  });

  it('is not paid blindly when back online: a session that is someone else\'s now stays', async () => {
    const { backend, store, storage } = await failedSignOut();
    window.dispatchEvent(new Event('online'));
    backend.last('getSession').resolve(ben);
    await settle();
    expect(backend.callsOf('signOut')).to.have.length(1);
    expect(store.snapshot.user?.id).to.equal('u-ben');
    expect(storage!.getItem(OWED)).to.equal(null);
  });

  it('waits for the sign-out in flight rather than read the session when back online', async () => {
    const storage = new MemoryStorage();
    const { backend, store } = open(storage);
    await readSession(store, backend, anna);
    const signOut = store.signOut();
    window.dispatchEvent(new Event('online'));
    expect(backend.callsOf('getSession')).to.have.length(1);
    expect(backend.last('signOut').signal.aborted).to.equal(false);
    backend.last('signOut').resolve(undefined);
    expect((await signOut).ok).to.equal(true);
    expect(storage.getItem(OWED)).to.equal(null);
  });

  it('is settled by an answer that there is no session to end', async () => {
    const { backend, store, storage } = await failedSignOut();
    window.dispatchEvent(new Event('online'));
    backend.last('getSession').resolve(anna);
    await settle();
    backend.last('signOut').reject(new BackendError('unauthenticated'));
    await settle();
    expect(storage!.getItem(OWED)).to.equal(null);
    expect(store.snapshot.status).to.equal('signed-out');
  });

  it('is settled without a request when nobody, or someone else, is signed in', async () => {
    for (const found of [null, ben]) {
      const { backend, store, storage } = await failedSignOut();
      await readSession(store, backend, found);
      expect(backend.callsOf('signOut'), String(found?.id)).to.have.length(1);
      expect(store.snapshot.user?.id ?? null).to.equal(found?.id ?? null);
      expect(storage!.getItem(OWED)).to.equal(null);
    }
  });

  it('is settled by a sign-in, also one that cuts the sign-out request short', async () => {
    const channel = `keyshelf-test-${Math.random()}`;
    const storage = new MemoryStorage();
    const { backend, store } = open(storage, channel);
    const other = open(new MemoryStorage(), channel);
    await readSession(store, backend, anna);
    const signOut = store.signOut();
    expect(storage.getItem(OWED), 'owed while the request is out').to.not.equal(null);
    const signIn = store.signIn({ email: anna.email, password: 'correct horse battery' });
    backend.last('signIn').resolve(anna);
    await signIn;
    expect((await signOut).ok).to.equal(false);
    expect(storage.getItem(OWED)).to.equal(null);
    await readSession(store, backend, anna);
    expect(store.snapshot.status).to.equal('signed-in');
    expect(backend.callsOf('signOut')).to.have.length(1);
    // Nor does the cut-short request tell the other tabs that a sign-out is owed.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(other.storage!.getItem(OWED)).to.equal(null);
  });

  it('is settled by a confirmation link that signs in', async () => {
    const { backend, store, storage } = await failedSignOut();
    const confirmed = store.confirmEmail('t'.repeat(32));
    backend.last('confirmEmail').resolve(anna);
    await confirmed;
    expect(storage!.getItem(OWED)).to.equal(null);
  });

  it('of a session whose user was not known is owed for whoever the next read finds', async () => {
    const storage = new MemoryStorage();
    const { backend, store } = open(storage);
    const result = store.signOut();
    backend.last('signOut').reject(new BackendError('offline'));
    await result;
    const session = store.refreshSession();
    backend.last('getSession').resolve(ben);
    await settle();
    expect(backend.callsOf('signOut')).to.have.length(2);
    backend.last('signOut').resolve(undefined);
    await session;
    expect(store.snapshot.status).to.equal('signed-out');
  });

  it('takes nothing but its own tag from storage for an owed sign-out: not a user id', async () => {
    const storage = new MemoryStorage();
    storage.setItem(OWED, JSON.stringify(anna.id));
    const { backend, store } = open(storage);
    await readSession(store, backend, anna);
    expect(store.snapshot.status).to.equal('signed-in');
    expect(backend.callsOf('signOut')).to.have.length(0);
  });

  it('is owed in the other tabs too, until a sign-in anywhere settles it', async () => {
    const channel = `keyshelf-test-${Math.random()}`;
    const a = open(new MemoryStorage(), channel);
    const b = open(new MemoryStorage(), channel);
    const c = open(new MemoryStorage(), channel);
    for (const tab of [a, b, c]) await readSession(tab.store, tab.backend, anna);
    const signOut = a.store.signOut();
    await waitUntil(() => b.store.snapshot.status === 'signed-out', 'tab B did not sign out', { timeout: 1000 });
    a.backend.last('signOut').reject(new BackendError('offline'));
    await signOut;
    // The news travels by BroadcastChannel, a task later: wait for it, not for a fixed time.
    await waitUntil(() => b.storage!.getItem(OWED) !== null, 'tab B did not hear that the sign-out is owed', { timeout: 1000 });
    // Tab B reloads its session: the user must not come back.
    const session = b.store.refreshSession();
    b.backend.last('getSession').resolve(anna);
    await waitUntil(() => b.backend.callsOf('signOut').length === 1, 'tab B did not sign out again', { timeout: 1000 });
    b.backend.last('signOut').resolve(undefined);
    await session;
    expect(b.store.snapshot.status).to.equal('signed-out');
    // Tab C still owes it, until Anna signs in again in tab A: that session is one she wants.
    expect(c.storage!.getItem(OWED)).to.equal(a.storage!.getItem(OWED));
    expect(c.storage!.getItem(OWED)).to.not.equal(null);
    const signIn = a.store.signIn({ email: anna.email, password: 'correct horse battery' });
    a.backend.last('signIn').resolve(anna);
    await signIn;
    await waitUntil(() => c.backend.callsOf('getSession').length === 2, 'tab C did not hear of the sign-in', { timeout: 1000 });
    c.backend.last('getSession').resolve(anna);
    await waitUntil(() => c.store.snapshot.status === 'signed-in', 'tab C did not sign in', { timeout: 1000 });
    expect(c.backend.callsOf('signOut')).to.have.length(0);
    expect(c.storage!.getItem(OWED)).to.equal(null);
  });
});

describe('AccountStore: where an owed sign-out is kept by default', () => {
  afterEach(() => {
    for (const store of stores.splice(0)) store.dispose();
    localStorage.removeItem(OWED);
    sessionStorage.removeItem(OWED);
  });

  it('keeps it in localStorage, which a new tab of a shared computer still sees, not in the tab', async () => {
    const backend = new ScriptedBackend();
    const store = new AccountStore({ backend, channel: false });
    stores.push(store);
    await readSession(store, backend, anna);
    const result = store.signOut();
    backend.last('signOut').reject(new BackendError('offline'));
    await result;
    expect(localStorage.getItem(OWED)).to.match(/^"[0-9a-f]{8}"$/);
    expect(sessionStorage.getItem(OWED)).to.equal(null);

    const nextTab = new AccountStore({ backend: new ScriptedBackend(), channel: false });
    stores.push(nextTab);
    const nextBackend = nextTab.backend as ScriptedBackend;
    const session = nextTab.ensureSession();
    nextBackend.last('getSession').resolve(anna);
    await settle();
    expect(nextBackend.callsOf('signOut')).to.have.length(1);
    nextBackend.last('signOut').resolve(undefined);
    await session;
    expect(nextTab.snapshot.status).to.equal('signed-out');
    expect(localStorage.getItem(OWED)).to.equal(null);
  });
});
