import { expect, waitUntil } from '@open-wc/testing';
import { accountTag } from '../../src/core/owed-sign-out.js';
import { AccountStore, MAX_PENDING_BATCH_KEYS, type PendingBatch, toPendingBatch } from '../../src/core/store.js';
import { BackendError } from '../../src/core/errors.js';
import type { Product, SessionUser } from '../../src/core/schemas.js';
import { MemoryStorage } from '../support/helpers.js';
import { ScriptedBackend, settle } from '../support/scripted-backend.js';

const anna: SessionUser = {
  id: 'u-anna', email: 'anna@example.org', displayName: 'Anna Muster', customerType: 'teacher', emailConfirmed: true,
};
const ben: SessionUser = { ...anna, id: 'u-ben', email: 'ben@example.org', displayName: 'Ben Beispiel' };
const book: Product = {
  id: 'p1', title: 'Mathematik heute 7', kind: 'licence', licenceType: 'single', openUrl: '/open/p1',
};
const atlas: Product = { ...book, id: 'p2', title: 'Weltatlas' };
const KEY = 'MATH7A3B4C6DE7F6';

function setup(options: { storage?: MemoryStorage } = {}) {
  const backend = new ScriptedBackend();
  const storage = options.storage ?? new MemoryStorage();
  const store = new AccountStore({ backend, storage, channel: false });
  return { backend, store, storage };
}

async function signedIn(user = anna) {
  const context = setup();
  const done = context.store.ensureSession();
  context.backend.last('getSession').resolve(user);
  await done;
  return context;
}

describe('AccountStore', () => {
  describe('session', () => {
    it('starts unknown and makes one getSession request for any number of concurrent askers', async () => {
      const { backend, store } = setup();
      expect(store.snapshot.status).to.equal('unknown');
      const asks = Array.from({ length: 10 }, () => store.ensureSession());
      expect(backend.callsOf('getSession')).to.have.length(1);
      backend.last('getSession').resolve(null);
      await Promise.all(asks);
      expect(store.snapshot.status).to.equal('signed-out');
      await store.ensureSession();
      expect(backend.callsOf('getSession')).to.have.length(1);
    });

    it('replaces the snapshot object on every change and notifies subscribers', async () => {
      const { backend, store } = setup();
      const seen: unknown[] = [];
      store.subscribe((snapshot) => seen.push(snapshot));
      const first = store.snapshot;
      const done = store.ensureSession();
      backend.last('getSession').resolve(anna);
      await done;
      expect(store.snapshot).to.not.equal(first);
      expect(Object.isFrozen(store.snapshot)).to.equal(true);
      expect(seen.at(-1)).to.equal(store.snapshot);
      expect(store.snapshot.user).to.deep.equal(anna);
    });

    it('keeps the status unknown with a sessionError when the session cannot be read, and recovers on refresh', async () => {
      const { backend, store } = setup();
      const done = store.ensureSession();
      backend.last('getSession').reject(new BackendError('offline'));
      await done;
      expect(store.snapshot.status).to.equal('unknown');
      expect(store.snapshot.sessionError?.code).to.equal('offline');
      const retry = store.refreshSession();
      backend.last('getSession').resolve(anna);
      await retry;
      expect(store.snapshot.status).to.equal('signed-in');
      expect(store.snapshot.sessionError).to.equal(null);
    });

    it('clears the sessionError as soon as a retry starts, and sets it again when the retry fails too', async () => {
      const { backend, store } = setup();
      const done = store.ensureSession();
      backend.last('getSession').reject(new BackendError('offline'));
      await done;
      const seen: { error: string | undefined; busy: boolean }[] = [];
      store.subscribe((snapshot) => seen.push({ error: snapshot.sessionError?.code, busy: snapshot.busy.includes('session') }));
      const retry = store.refreshSession();
      // While the retry runs, the snapshot says "loading", not "failed".
      expect(store.snapshot.sessionError).to.equal(null);
      expect(store.snapshot.status).to.equal('unknown');
      expect(store.snapshot.busy).to.include('session');
      expect(seen.some((each) => each.error !== undefined && each.busy), 'an error shown while the retry runs').to.equal(false);
      backend.last('getSession').reject(new BackendError('timeout'));
      await retry;
      expect(store.snapshot.sessionError?.code).to.equal('timeout');
      expect(store.snapshot.busy).to.not.include('session');
      // A second retry clears it again; ensureSession meanwhile shares the retry's request.
      const again = store.refreshSession();
      expect(store.snapshot.sessionError).to.equal(null);
      const asked = store.ensureSession();
      expect(backend.callsOf('getSession')).to.have.length(3);
      backend.last('getSession').resolve(anna);
      await Promise.all([again, asked]);
      expect(store.snapshot.status).to.equal('signed-in');
      expect(store.snapshot.sessionError).to.equal(null);
    });

    it('drops a session response that arrives after a sign-in, even from an adapter that ignores aborts', async () => {
      const { backend, store } = setup();
      backend.honoursAbort = false;
      const stale = store.ensureSession();
      const signIn = store.signIn({ email: ben.email, password: 'long enough secret' });
      backend.last('signIn').resolve(ben);
      await signIn;
      // The first request was aborted when the sign-in changed whose data the page shows.
      expect(backend.callsOf('getSession')[0]?.signal.aborted).to.equal(true);
      backend.callsOf('getSession')[0]?.resolve(null);
      await stale;
      expect(store.snapshot.status).to.equal('signed-in');
      expect(store.snapshot.user?.id).to.equal('u-ben');
    });

    it('waits for a backend set later, then loads the session that was asked for', async () => {
      const store = new AccountStore({ storage: null, channel: false });
      expect(store.snapshot.configured).to.equal(false);
      await store.ensureSession();
      expect(store.snapshot.status).to.equal('unknown');
      const backend = new ScriptedBackend();
      store.setBackend(backend);
      expect(store.snapshot.configured).to.equal(true);
      expect(backend.callsOf('getSession')).to.have.length(1);
      backend.last('getSession').resolve(anna);
      await settle();
      expect(store.snapshot.status).to.equal('signed-in');
    });
  });

  describe('sign-in and sign-out', () => {
    it('two sign-ins in one tick make one request and share its result', async () => {
      const { backend, store } = setup();
      const first = store.signIn({ email: anna.email, password: 'correct horse battery' });
      const second = store.signIn({ email: anna.email, password: 'correct horse battery' });
      expect(backend.callsOf('signIn')).to.have.length(1);
      expect(store.snapshot.busy).to.include('sign-in');
      backend.last('signIn').resolve(anna);
      const [a, b] = await Promise.all([first, second]);
      expect(a).to.equal(b);
      expect(a.ok).to.equal(true);
      expect(store.snapshot.busy).to.not.include('sign-in');
    });

    it('returns a typed failure and stays signed out on invalid credentials', async () => {
      const { backend, store } = setup();
      const result = store.signIn({ email: anna.email, password: 'wrong password!' });
      backend.last('signIn').reject(new BackendError('invalid-credentials'));
      const outcome = await result;
      expect(outcome.ok).to.equal(false);
      if (!outcome.ok) expect(outcome.error.code).to.equal('invalid-credentials');
      expect(store.snapshot.status).to.not.equal('signed-in');
    });

    it('turns a non-BackendError thrown by a publisher adapter into a server error', async () => {
      const { backend, store } = setup();
      const result = store.signIn({ email: anna.email, password: 'whatever it is' });
      backend.last('signIn').reject(new TypeError('boom'));
      const outcome = await result;
      expect(outcome.ok ? 'ok' : outcome.error.code).to.equal('server');
    });

    it("clears the user's data at once, even when the sign-out request fails", async () => {
      const { backend, store } = await signedIn();
      const products = store.ensureProducts();
      backend.last('listProducts').resolve([book]);
      await products;
      store.setPendingKey(KEY);
      const result = store.signOut();
      expect(store.snapshot.status).to.equal('signed-out');
      expect(store.snapshot.user).to.equal(null);
      expect(store.snapshot.products.state).to.equal('idle');
      backend.last('signOut').reject(new BackendError('offline'));
      const outcome = await result;
      expect(outcome.ok).to.equal(false);
      expect(store.snapshot.status).to.equal('signed-out');
      expect(store.snapshot.pendingKey).to.equal(KEY);
    });

    it('keeps no password and no token in web storage after sign-in', async () => {
      const storage = new MemoryStorage();
      const { backend, store } = setup({ storage });
      store.setPendingKey('math-7a3b-4c6d-e7f6');
      store.setRegistrationDraft({ email: 'anna@example.org', password: 'Sup3r secret pass', token: 'abc' } as never);
      const result = store.signIn({ email: anna.email, password: 'Sup3r secret pass' });
      backend.last('signIn').resolve(anna);
      await result;
      const everything = [...storage.values(), ...Object.values(sessionStorage), ...Object.values(localStorage)].join('\n');
      expect(everything).to.not.include('Sup3r secret pass');
      expect(everything).to.not.include('token');
      expect(storage.values().join()).to.include(KEY);
    });
  });

  describe('products', () => {
    it('loads once for many askers and only when signed in', async () => {
      const { backend, store } = setup();
      const asks = [store.ensureProducts(), store.ensureProducts()];
      expect(backend.callsOf('listProducts')).to.have.length(0);
      const session = store.ensureSession();
      backend.last('getSession').resolve(anna);
      await session;
      store.ensureProducts();
      expect(backend.callsOf('listProducts')).to.have.length(1);
      expect(store.snapshot.products.state).to.equal('loading');
      backend.last('listProducts').resolve([book]);
      await Promise.all(asks);
      await settle();
      expect(store.snapshot.products).to.deep.equal({ state: 'loaded', data: [book] });
    });

    it("drops a products response that arrives after sign-out, and never shows one user's products to the next", async () => {
      const { backend, store } = await signedIn();
      backend.honoursAbort = false;
      const load = store.ensureProducts();
      void store.signOut();
      backend.last('signOut').resolve(undefined);
      backend.last('listProducts').resolve([book]);
      await load;
      expect(store.snapshot.products.state).to.equal('idle');
      const signIn = store.signIn({ email: ben.email, password: 'another long one' });
      backend.last('signIn').resolve(ben);
      await signIn;
      await settle();
      expect(store.snapshot.products.state).to.equal('loading');
      expect(backend.callsOf('listProducts')).to.have.length(2);
    });

    it('loads the products again when a session read of the same user cut their load short', async () => {
      const { backend, store } = await signedIn();
      const load = store.ensureProducts();
      // Back online, say: the session is read again, which ends the epoch the load belonged to.
      const refresh = store.refreshSession();
      backend.last('listProducts').resolve([atlas]);
      await load;
      backend.last('getSession').resolve(anna);
      await refresh;
      await settle();
      expect(backend.callsOf('listProducts')).to.have.length(2);
      backend.last('listProducts').resolve([book]);
      await settle();
      expect(store.snapshot.products).to.deep.equal({ state: 'loaded', data: [book] });
    });

    it('moves to signed-out on unauthenticated, keeping the pending key and the draft', async () => {
      const { backend, store } = await signedIn();
      store.setPendingKey(KEY);
      store.setRegistrationDraft({ email: 'anna@example.org', step: 2 });
      const load = store.reloadProducts();
      backend.last('listProducts').reject(new BackendError('unauthenticated'));
      await load;
      expect(store.snapshot.status).to.equal('signed-out');
      expect(store.snapshot.user).to.equal(null);
      expect(store.snapshot.products.state).to.equal('idle');
      expect(store.snapshot.pendingKey).to.equal(KEY);
      expect(store.snapshot.registrationDraft).to.deep.equal({ email: 'anna@example.org', step: 2 });
    });

    it('keeps the products it had when a reload fails', async () => {
      const { backend, store } = await signedIn();
      const first = store.reloadProducts();
      backend.last('listProducts').resolve([book]);
      await first;
      const second = store.reloadProducts();
      expect(store.snapshot.products).to.deep.equal({ state: 'loading', data: [book] });
      backend.last('listProducts').reject(new BackendError('timeout'));
      await second;
      const products = store.snapshot.products;
      expect(products.state).to.equal('error');
      expect('data' in products && products.data).to.deep.equal([book]);
    });
  });

  describe('redeem', () => {
    it('adds the product to the loaded list without another listProducts request', async () => {
      const { backend, store } = await signedIn();
      const load = store.reloadProducts();
      backend.last('listProducts').resolve([atlas]);
      await load;
      const redeem = store.redeem('math-7a3b-4c6d-e7f6');
      await settle();
      expect(backend.last('redeemKey').args[0]).to.equal(KEY);
      backend.last('redeemKey').resolve({ product: book, outcome: 'activated' });
      const result = await redeem;
      expect(result.ok).to.equal(true);
      expect(store.snapshot.products).to.deep.equal({ state: 'loaded', data: [book, atlas] });
      expect(backend.callsOf('listProducts')).to.have.length(1);
    });

    it('makes one request for repeated submits of the same key', async () => {
      const { backend, store } = await signedIn();
      const submits = [store.redeem(KEY), store.redeem('MATH-7A3B-4C6D-E7F6'), store.redeem(` ${KEY} `)];
      await settle();
      expect(backend.callsOf('redeemKey')).to.have.length(1);
      expect(store.snapshot.busy).to.include('redeem');
      backend.last('redeemKey').resolve({ product: book, outcome: 'activated' });
      const results = await Promise.all(submits);
      expect(new Set(results).size).to.equal(1);
      expect(store.snapshot.busy).to.not.include('redeem');
    });

    it('reuses the Idempotency-Key after a network failure and replaces it for a new key or a new intent', async () => {
      const { backend, store } = await signedIn();
      const first = store.redeem(KEY);
      await settle();
      backend.last('redeemKey').reject(new BackendError('offline'));
      await first;
      const retry = store.redeem(KEY);
      await settle();
      const [firstCall, retryCall] = backend.callsOf('redeemKey');
      expect(retryCall?.args[1]).to.equal(firstCall?.args[1]);
      expect(firstCall?.args[1]).to.match(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      backend.last('redeemKey').reject(new BackendError('key-not-found'));
      await retry;
      const again = store.redeem(KEY);
      await settle();
      expect(backend.last('redeemKey').args[1]).to.not.equal(firstCall?.args[1]);
      backend.last('redeemKey').reject(new BackendError('timeout'));
      await again;
      const other = store.redeem('DATA8K3M4N6PR7T3');
      await settle();
      expect(backend.last('redeemKey').args[1]).to.not.equal(backend.callsOf('redeemKey')[2]?.args[1]);
      backend.last('redeemKey').resolve({ product: atlas, outcome: 'activated' });
      await other;
    });

    it('keeps the key as the pending key and answers unauthenticated when signed out', async () => {
      const { backend, store } = setup();
      const redeem = store.redeem('math 7a3b 4c6d e7f6');
      backend.last('getSession').resolve(null);
      const result = await redeem;
      expect(result.ok ? 'ok' : result.error.code).to.equal('unauthenticated');
      expect(store.snapshot.pendingKey).to.equal(KEY);
      expect(backend.callsOf('redeemKey')).to.have.length(0);
    });

    it('keeps the key pending when the session ended meanwhile, and clears it once redeemed', async () => {
      const { backend, store } = await signedIn();
      const first = store.redeem(KEY);
      await settle();
      backend.last('redeemKey').reject(new BackendError('unauthenticated'));
      await first;
      expect(store.snapshot.status).to.equal('signed-out');
      expect(store.snapshot.pendingKey).to.equal(KEY);
      const signIn = store.signIn({ email: anna.email, password: 'correct horse battery' });
      backend.last('signIn').resolve(anna);
      await signIn;
      const second = store.redeem(KEY);
      await settle();
      backend.last('redeemKey').resolve({ product: book, outcome: 'activated' });
      await second;
      expect(store.snapshot.pendingKey).to.equal(null);
    });
  });

  describe('a redeemed product and the products list', () => {
    /** Redeems KEY, answered with `product`. */
    async function redeemBook(backend: ScriptedBackend, store: AccountStore, outcome: 'activated' | 'already-owned' = 'activated', product = book) {
      const redeem = store.redeem(KEY);
      await settle();
      backend.last('redeemKey').resolve({ product, outcome });
      const result = await redeem;
      expect(result.ok).to.equal(true);
    }

    it('is added to the answer of a load that was out during the redeem, without another listProducts request', async () => {
      const { backend, store } = setup();
      void store.ensureProducts();
      const session = store.ensureSession();
      backend.last('getSession').resolve(anna);
      await session;
      // The sign-in started a load; the redeem (of auto-redeem, say) is answered before it.
      expect(store.snapshot.products.state).to.equal('loading');
      await redeemBook(backend, store);
      backend.last('listProducts').resolve([atlas]);
      await settle();
      expect(store.snapshot.products).to.deep.equal({ state: 'loaded', data: [book, atlas] });
      expect(backend.callsOf('listProducts')).to.have.length(1);
    });

    it('shows at once in the data of a reload in flight, also when it was owned already', async () => {
      const { backend, store } = await signedIn();
      const first = store.reloadProducts();
      backend.last('listProducts').resolve([atlas]);
      await first;
      const reload = store.reloadProducts();
      await redeemBook(backend, store, 'already-owned');
      expect(store.snapshot.products).to.deep.equal({ state: 'loading', data: [book, atlas] });
      backend.last('listProducts').resolve([atlas]);
      await reload;
      expect(store.snapshot.products).to.deep.equal({ state: 'loaded', data: [book, atlas] });
      expect(backend.callsOf('listProducts')).to.have.length(2);
    });

    it('is not added twice when the answer of the load has it: the server\'s copy wins', async () => {
      const { backend, store } = await signedIn();
      const load = store.reloadProducts();
      await redeemBook(backend, store);
      const serverBook = { ...book, title: 'Mathematik heute 7 (Ausgabe 2025)' };
      backend.last('listProducts').resolve([atlas, serverBook]);
      await load;
      expect(store.snapshot.products).to.deep.equal({ state: 'loaded', data: [atlas, serverBook] });
    });

    it('stays in the data shown when the load out during the redeem fails', async () => {
      const { backend, store } = await signedIn();
      const first = store.reloadProducts();
      backend.last('listProducts').resolve([atlas]);
      await first;
      const reload = store.reloadProducts();
      await redeemBook(backend, store);
      backend.last('listProducts').reject(new BackendError('timeout'));
      await reload;
      const products = store.snapshot.products;
      expect(products.state).to.equal('error');
      expect('data' in products && products.data).to.deep.equal([book, atlas]);
    });

    // Only a load out during the redeem may predate it. One that starts after the redeem was
    // answered is the server's word, even without the product (it may have been revoked since).
    it('shows at once in a failed list\'s data; the next reload, started after the redeem, is trusted', async () => {
      const { backend, store } = await signedIn();
      const first = store.reloadProducts();
      backend.last('listProducts').resolve([atlas]);
      await first;
      const failing = store.reloadProducts();
      backend.last('listProducts').reject(new BackendError('offline'));
      await failing;
      await redeemBook(backend, store);
      const products = store.snapshot.products;
      expect(products.state).to.equal('error');
      expect('data' in products && products.data).to.deep.equal([book, atlas]);
      expect(backend.callsOf('listProducts')).to.have.length(2);
      const reload = store.reloadProducts();
      expect(store.snapshot.products).to.deep.equal({ state: 'loading', data: [book, atlas] });
      backend.last('listProducts').resolve([atlas]);
      await reload;
      expect(store.snapshot.products).to.deep.equal({ state: 'loaded', data: [atlas] });
    });

    it('is left to the next load when the list has no data yet (idle, or failed without any)', async () => {
      const { backend, store } = await signedIn();
      const failing = store.reloadProducts();
      backend.last('listProducts').reject(new BackendError('offline'));
      await failing;
      await redeemBook(backend, store);
      expect(store.snapshot.products.state).to.equal('error');
      expect('data' in store.snapshot.products).to.equal(false);
      const reload = store.reloadProducts();
      backend.last('listProducts').resolve([book, atlas]);
      await reload;
      expect(store.snapshot.products).to.deep.equal({ state: 'loaded', data: [book, atlas] });
    });

    it('is forgotten with the user: a sign-out or another user drops what the load out then would get', async () => {
      const { backend, store } = await signedIn();
      backend.honoursAbort = false;
      void store.ensureProducts();
      await redeemBook(backend, store);
      const signOut = store.signOut();
      backend.last('signOut').resolve(undefined);
      await signOut;
      // The load of the signed-out user answers late, and is dropped with what it would have got.
      backend.callsOf('listProducts')[0]?.resolve([atlas]);
      await settle();
      expect(store.snapshot.products.state).to.equal('idle');
      const signIn = store.signIn({ email: ben.email, password: 'another long one' });
      backend.last('signIn').resolve(ben);
      await signIn;
      backend.last('listProducts').resolve([atlas]);
      await settle();
      expect(store.snapshot.products).to.deep.equal({ state: 'loaded', data: [atlas] });
    });

    it('is forgotten when the load answers unauthenticated', async () => {
      const { backend, store } = await signedIn();
      const load = store.reloadProducts();
      await redeemBook(backend, store);
      backend.last('listProducts').reject(new BackendError('unauthenticated'));
      await load;
      expect(store.snapshot.status).to.equal('signed-out');
      expect(store.snapshot.products.state).to.equal('idle');
      const signIn = store.signIn({ email: anna.email, password: 'correct horse battery' });
      backend.last('signIn').resolve(anna);
      await signIn;
      backend.last('listProducts').resolve([atlas]);
      await settle();
      expect(store.snapshot.products).to.deep.equal({ state: 'loaded', data: [atlas] });
    });

    it('of a redeem answered after a sign-out (an adapter that ignores aborts) stays out of the next user\'s list', async () => {
      const { backend, store } = await signedIn();
      backend.honoursAbort = false;
      const redeem = store.redeem(KEY);
      await settle();
      const signOut = store.signOut();
      backend.last('signOut').resolve(undefined);
      await signOut;
      const signIn = store.signIn({ email: ben.email, password: 'another long one' });
      backend.last('signIn').resolve(ben);
      await signIn;
      const load = store.reloadProducts();
      backend.last('redeemKey').resolve({ product: book, outcome: 'activated' });
      await redeem;
      backend.last('listProducts').resolve([atlas]);
      await load;
      expect(store.snapshot.products).to.deep.equal({ state: 'loaded', data: [atlas] });
    });
  });

  describe('what survives a reload', () => {
    it('restores the pending key and the draft from storage, never a password', () => {
      const storage = new MemoryStorage();
      const { store } = setup({ storage });
      store.setPendingKey('ＭＡＴＨ－７Ａ３Ｂ－４Ｃ６Ｄ－Ｅ７Ｆ６');
      store.setRegistrationDraft({
        step: 2, email: 'anna@example.org', customerType: 'teacher', newsletter: false,
        address: { firstName: 'Anna', city: 'Braunschweig' },
        password: 'Sup3r secret pass',
      } as never);
      const reloaded = new AccountStore({ backend: new ScriptedBackend(), storage, channel: false });
      expect(reloaded.snapshot.pendingKey).to.equal(KEY);
      expect(reloaded.snapshot.registrationDraft).to.deep.equal({
        step: 2, email: 'anna@example.org', customerType: 'teacher', newsletter: false,
        address: { firstName: 'Anna', city: 'Braunschweig' },
      });
      expect(storage.values().join()).to.not.include('Sup3r');
    });

    it('ignores unreadable storage content', () => {
      const storage = new MemoryStorage();
      storage.setItem('keyshelf:registration-draft', '{not json');
      storage.setItem('keyshelf:pending-key', '42');
      const { store } = setup({ storage });
      expect(store.snapshot.registrationDraft).to.equal(null);
      expect(store.snapshot.pendingKey).to.equal(null);
    });

    it('clears the draft after a successful registration', async () => {
      const { backend, store } = setup();
      store.setRegistrationDraft({ email: 'new@example.org', step: 3 });
      const result = store.register({
        customerType: 'pupil', email: 'new@example.org', password: 'a long passphrase', acceptedTermsVersion: '2026-01',
        newsletter: false, address: { firstName: 'N', lastName: 'N', street: 'S 1', postcode: '12345', city: 'C', country: 'DE' },
      });
      backend.last('register').resolve({ email: 'new@example.org' });
      expect((await result).ok).to.equal(true);
      expect(store.snapshot.registrationDraft).to.equal(null);
    });
  });

  describe('the pending batch', () => {
    const DATA = 'DATA8K3M4N6PR7T3';
    const JAHR = 'JAHR9T3U4V6WX7Y3';

    it('keeps the keys normalized, in order, each once, and survives a reload', () => {
      const storage = new MemoryStorage();
      const { store } = setup({ storage });
      const seen: unknown[] = [];
      store.subscribe((snapshot) => seen.push(snapshot.pendingBatch));
      store.setPendingBatch(['math-7a3b-4c6d-e7f6', 'ＤＡＴＡ－８Ｋ３Ｍ－４Ｎ６Ｐ－Ｒ７Ｔ３', 'MATH 7A3B 4C6D E7F6', '', ' - ']);
      expect(store.snapshot.pendingBatch).to.deep.equal({ keys: [KEY, DATA], done: [] });
      expect(Object.isFrozen(store.snapshot.pendingBatch)).to.equal(true);
      expect(Object.isFrozen(store.snapshot.pendingBatch!.keys)).to.equal(true);
      expect(JSON.parse(storage.getItem('keyshelf:pending-batch')!)).to.deep.equal({ keys: [KEY, DATA], done: [] });
      const reloaded = new AccountStore({ backend: new ScriptedBackend(), storage, channel: false });
      expect(reloaded.snapshot.pendingBatch).to.deep.equal({ keys: [KEY, DATA], done: [] });
      // The same batch again, as a list or as a batch, changes nothing.
      store.setPendingBatch([KEY, DATA]);
      store.setPendingBatch({ keys: [KEY, DATA], done: [] });
      expect(seen).to.have.length(1);
      store.setPendingBatch([]);
      expect(store.snapshot.pendingBatch).to.equal(null);
      expect(storage.getItem('keyshelf:pending-batch')).to.equal(null);
      store.setPendingBatch([KEY]);
      store.setPendingBatch(null);
      expect(store.snapshot.pendingBatch).to.equal(null);
      expect(storage.values()).to.deep.equal([]);
    });

    it('keeps the results of the keys done as one word each, through a reload, and nothing but that', async () => {
      const { store, storage } = await signedIn();
      const product = { title: book.title, openUrl: book.openUrl, product: book };
      store.setPendingBatch({
        keys: [JAHR],
        done: [
          { key: 'math-7a3b-4c6d-e7f6', result: 'activated', ...product },
          { key: DATA, result: 'taken' },
          { key: 'MATH7A3B', result: 'malformed' },
        ],
      } as never);
      const expected: PendingBatch = {
        keys: [JAHR],
        done: [
          { key: KEY, result: 'activated' },
          { key: DATA, result: 'taken' },
          { key: 'MATH7A3B', result: 'malformed' },
        ],
        // Whose they are, as a hash of the user id: not the id, nothing else of the user.
        owner: accountTag(anna.id),
      };
      expect(store.snapshot.pendingBatch).to.deep.equal(expected);
      // What web storage holds: keys and words, no product, title or address.
      const stored = storage.getItem('keyshelf:pending-batch')!;
      expect(JSON.parse(stored)).to.deep.equal(expected);
      expect(stored).to.not.include(book.title);
      expect(stored).to.not.include(book.openUrl);
      expect(stored).to.not.include(anna.id);
      expect(stored).to.not.include(anna.email);
      const reloaded = new AccountStore({ backend: new ScriptedBackend(), storage, channel: false });
      expect(reloaded.snapshot.pendingBatch).to.deep.equal(expected);
      // Nothing left to do: the batch is over, its results go too.
      store.setPendingBatch({ keys: [], done: expected.done });
      expect(store.snapshot.pendingBatch).to.equal(null);
      expect(storage.getItem('keyshelf:pending-batch')).to.equal(null);
    });

    it('keeps nothing but keys: no markup, no other values, no more than its limit', () => {
      const storage = new MemoryStorage();
      const { store } = setup({ storage });
      store.setPendingBatch(['<img src=x onerror=alert(1)>', KEY, 42, { key: DATA }, null, 'a"b'] as never);
      expect(store.snapshot.pendingBatch).to.deep.equal({ keys: [KEY], done: [] });
      store.setPendingBatch(Array.from({ length: MAX_PENDING_BATCH_KEYS + 10 }, (_, i) => `K${i}`));
      expect(store.snapshot.pendingBatch!.keys).to.have.length(MAX_PENDING_BATCH_KEYS);
      expect(toPendingBatch('MATH7A3B4C6DE7F6')).to.equal(null);
    });

    it('ignores unreadable or foreign storage content', () => {
      for (const raw of ['{not json', '"MATH7A3B4C6DE7F6"', '{"0":"MATH7A3B4C6DE7F6"}', '[]', '[1,2]', 'null', '{"keys":"MATH7A3B4C6DE7F6"}', '{"done":[]}']) {
        const storage = new MemoryStorage();
        storage.setItem('keyshelf:pending-batch', raw);
        expect(setup({ storage }).store.snapshot.pendingBatch, raw).to.equal(null);
      }
      const storage = new MemoryStorage();
      storage.setItem('keyshelf:pending-batch', JSON.stringify(['math-7a3b-4c6d-e7f6', '<b>x</b>', 7, KEY]));
      expect(setup({ storage }).store.snapshot.pendingBatch).to.deep.equal({ keys: [KEY], done: [] });
      const owner = accountTag(anna.id);
      storage.setItem('keyshelf:pending-batch', JSON.stringify({ keys: [KEY], done: [{ key: DATA, result: 'stolen' }, { key: JAHR, result: 'expired', title: 'x' }], owner }));
      expect(setup({ storage }).store.snapshot.pendingBatch).to.deep.equal({ keys: [KEY], done: [{ key: JAHR, result: 'expired' }], owner });
      // Results without an owner (as an older version stored them) are nobody's.
      storage.setItem('keyshelf:pending-batch', JSON.stringify({ keys: [KEY], done: [{ key: JAHR, result: 'expired' }] }));
      expect(setup({ storage }).store.snapshot.pendingBatch).to.deep.equal({ keys: [KEY], done: [] });
    });

    it('keeps a key of the pending batch there, not as the pending key, when nobody is signed in', async () => {
      const { backend, store } = setup();
      store.setPendingBatch([KEY, DATA]);
      const redeem = store.redeem(KEY);
      backend.last('getSession').resolve(null);
      const result = await redeem;
      expect(result.ok ? 'ok' : result.error.code).to.equal('unauthenticated');
      expect(store.snapshot.pendingKey).to.equal(null);
      expect(store.snapshot.pendingBatch).to.deep.equal({ keys: [KEY, DATA], done: [] });
      // A key that is not in the batch is kept as the pending key, as before.
      await store.redeem(JAHR);
      expect(store.snapshot.pendingKey).to.equal(JAHR);
    });

    it('keeps a key of the pending batch there when the session ends during its redeem', async () => {
      const { backend, store } = await signedIn();
      store.setPendingBatch([DATA]);
      const redeem = store.redeem(DATA);
      await settle();
      backend.last('redeemKey').reject(new BackendError('unauthenticated'));
      await redeem;
      expect(store.snapshot.status).to.equal('signed-out');
      expect(store.snapshot.pendingKey).to.equal(null);
      expect(store.snapshot.pendingBatch).to.deep.equal({ keys: [DATA], done: [] });
    });

    it('keeps its keys through sign-out and sign-in; its results go with the user who signs out', async () => {
      const { backend, store, storage } = await signedIn();
      store.setPendingBatch({ keys: [KEY], done: [{ key: DATA, result: 'activated' }] });
      const signOut = store.signOut();
      expect(store.snapshot.pendingBatch).to.deep.equal({ keys: [KEY], done: [] });
      expect(JSON.parse(storage.getItem('keyshelf:pending-batch')!)).to.deep.equal({ keys: [KEY], done: [] });
      backend.last('signOut').resolve(undefined);
      await signOut;
      // Nobody is signed in: results are not kept, the keys are.
      store.setPendingBatch({ keys: [KEY], done: [{ key: DATA, result: 'activated' }] });
      expect(store.snapshot.pendingBatch).to.deep.equal({ keys: [KEY], done: [] });
      const signIn = store.signIn({ email: anna.email, password: 'correct horse battery' });
      backend.last('signIn').resolve(anna);
      await signIn;
      expect(store.snapshot.pendingBatch).to.deep.equal({ keys: [KEY], done: [] });
    });

    it('drops its results when the session ends, someone else signs in, or a reload finds nobody or someone else', async () => {
      const results = { keys: [KEY], done: [{ key: DATA, result: 'owned' }] } as const;
      const annas = { ...results, owner: accountTag(anna.id) };
      // The session ends under a redeem.
      const ended = await signedIn();
      ended.store.setPendingBatch(results);
      const redeem = ended.store.redeem(KEY);
      await settle();
      ended.backend.last('redeemKey').reject(new BackendError('unauthenticated'));
      await redeem;
      expect(ended.store.snapshot.pendingBatch).to.deep.equal({ keys: [KEY], done: [] });

      // Another user, signed in in another tab, is read.
      const switched = await signedIn();
      switched.store.setPendingBatch(results);
      const refresh = switched.store.refreshSession();
      switched.backend.last('getSession').resolve(ben);
      await refresh;
      expect(switched.store.snapshot.pendingBatch).to.deep.equal({ keys: [KEY], done: [] });

      // A reload (or a tab reopened or copied): the session read after it finds their owner (kept),
      // nobody, or someone else who signed in meanwhile (dropped).
      for (const [user, expected] of [
        [anna, annas],
        [null, { keys: [KEY], done: [] }],
        [ben, { keys: [KEY], done: [] }],
      ] as const) {
        const storage = new MemoryStorage();
        storage.setItem('keyshelf:pending-batch', JSON.stringify(annas));
        const { backend, store } = setup({ storage });
        expect(store.snapshot.pendingBatch).to.deep.equal(annas);
        const session = store.ensureSession();
        backend.last('getSession').resolve(user);
        await session;
        expect(store.snapshot.pendingBatch, String(user?.id)).to.deep.equal(expected);
        expect(JSON.parse(storage.getItem('keyshelf:pending-batch')!), String(user?.id)).to.deep.equal(expected);
      }
    });
  });

  describe('tabs', () => {
    it('carries sign-in and sign-out to another store on the same channel', async () => {
      const channel = `keyshelf-test-${Math.random()}`;
      const backendA = new ScriptedBackend();
      const backendB = new ScriptedBackend();
      const tabA = new AccountStore({ backend: backendA, storage: null, channel });
      const tabB = new AccountStore({ backend: backendB, storage: null, channel });
      try {
        const sessionB = tabB.ensureSession();
        backendB.last('getSession').resolve(null);
        await sessionB;
        const signIn = tabA.signIn({ email: anna.email, password: 'correct horse battery' });
        backendA.last('signIn').resolve(anna);
        await signIn;
        await waitUntil(() => backendB.callsOf('getSession').length === 2, 'tab B did not re-read its session', { timeout: 1000 });
        backendB.last('getSession').resolve(anna);
        await waitUntil(() => tabB.snapshot.status === 'signed-in', 'tab B did not sign in', { timeout: 1000 });
        void tabA.signOut();
        await waitUntil(() => tabB.snapshot.status === 'signed-out', 'tab B did not sign out', { timeout: 1000 });
        expect(tabB.snapshot.user).to.equal(null);
      } finally {
        tabA.dispose();
        tabB.dispose();
      }
    });
  });

  describe('registration options and other actions', () => {
    it('loads the registration options once', async () => {
      const { backend, store } = setup();
      const a = store.loadRegistrationOptions();
      const b = store.loadRegistrationOptions();
      expect(backend.callsOf('getRegistrationOptions')).to.have.length(1);
      backend.last('getRegistrationOptions').reject(new BackendError('server'));
      await Promise.all([a, b]);
      expect(store.snapshot.registrationOptions.state).to.equal('error');
    });

    it('confirms an e-mail address and signs the user in', async () => {
      const { backend, store } = setup();
      const result = store.confirmEmail('a'.repeat(32));
      backend.last('confirmEmail').resolve(anna);
      expect((await result).ok).to.equal(true);
      expect(store.snapshot.status).to.equal('signed-in');
    });

    it('passes password reset and resend requests through as typed results', async () => {
      const { backend, store } = setup();
      const reset = store.requestPasswordReset(anna.email);
      backend.last('requestPasswordReset').resolve(undefined);
      expect((await reset).ok).to.equal(true);
      const resend = store.resendConfirmation(anna.email);
      backend.last('resendConfirmation').reject(new BackendError('rate-limited', { retryAfter: 30 }));
      const outcome = await resend;
      expect(outcome.ok ? 0 : outcome.error.retryAfter).to.equal(30);
    });

    describe('completePasswordReset', () => {
      it('passes token and password on, is busy meanwhile, dedupes a double submit, and does not sign in', async () => {
        const { backend, store } = setup();
        const first = store.completePasswordReset('t'.repeat(32), 'ein neues Kennwort');
        const second = store.completePasswordReset('t'.repeat(32), 'ein neues Kennwort');
        expect(backend.callsOf('completePasswordReset')).to.have.length(1);
        expect(backend.last('completePasswordReset').args).to.deep.equal(['t'.repeat(32), 'ein neues Kennwort']);
        expect(store.snapshot.busy).to.include('password-reset-complete');
        backend.last('completePasswordReset').resolve(undefined);
        expect(await first).to.deep.equal({ ok: true, value: undefined });
        expect(await second).to.deep.equal({ ok: true, value: undefined });
        expect(store.snapshot.busy).not.to.include('password-reset-complete');
        expect(store.snapshot.status).to.equal('unknown');
        expect(backend.callsOf('getSession')).to.have.length(0);
      });

      it('returns the field errors of a refused token or password as a typed failure', async () => {
        const { backend, store } = setup();
        const result = store.completePasswordReset('t'.repeat(32), 'kurz');
        const fieldErrors = [{ field: 'password', code: 'password-too-short' }];
        backend.last('completePasswordReset').reject(new BackendError('validation', { fieldErrors }));
        const outcome = await result;
        expect(outcome.ok ? undefined : outcome.error.fieldErrors).to.deep.equal(fieldErrors);
      });

      it('reads the session again when signed in: the backend ended the sessions of that account', async () => {
        const { backend, store } = await signedIn();
        const result = store.completePasswordReset('t'.repeat(32), 'ein neues Kennwort');
        backend.last('completePasswordReset').resolve(undefined);
        await result;
        expect(backend.callsOf('getSession')).to.have.length(2);
        backend.last('getSession').resolve(null);
        await waitUntil(() => store.snapshot.status === 'signed-out');
      });
    });
  });
});
