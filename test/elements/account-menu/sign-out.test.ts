import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { MemoryBackend, demoAccounts } from '../../../src/adapters/memory/index.js';
import { BackendError } from '../../../src/core/errors.js';
import { AccountStore } from '../../../src/core/store.js';
import '../../../src/elements/provider/define.js';
import { mount } from '../../support/fixture.js';
import { ScriptedBackend } from '../../support/scripted-backend.js';
import {
  type Menu,
  click,
  expectFocusOnTrigger,
  focused,
  isOpen,
  item,
  itemLabels,
  liveRegion,
  recordEventsInEachTest,
  settled,
  trigger,
} from './helpers.js';

const dana = { id: 'u1', email: 'dana@example.org', displayName: 'Dana Demo', customerType: 'teacher', emailConfirmed: true };

async function openAndSignOut(menu: Menu): Promise<void> {
  await click(trigger(menu));
  await settled(menu);
  await click(item(menu, 'Abmelden'));
  await settled(menu);
}

describe('<ks-account-menu> sign-out', () => {
  const recorder = recordEventsInEachTest();

  it('"Abmelden" signs out every element at once, before the backend answers, and fires ks-signed-out', async () => {
    const backend = new ScriptedBackend();
    const store = new AccountStore({ backend, storage: null, channel: false });
    const session = store.ensureSession();
    backend.last('getSession').resolve(dana);
    await session;
    const root = await fixture(html`
      <ks-provider .store=${store} lang="de">
        <ks-account-menu id="header"></ks-account-menu>
        <ks-account-menu id="footer" open></ks-account-menu>
      </ks-provider>
    `);
    const header = root.querySelector<Menu>('#header')!;
    const footer = root.querySelector<Menu>('#footer')!;
    await openAndSignOut(header);
    expect(backend.callsOf('signOut')).to.have.length(1);
    // The backend has not answered yet.
    expect(store.snapshot.status).to.equal('signed-out');
    expect(itemLabels(footer)).to.deep.equal(['Anmelden', 'Neues Konto erstellen']);
    expect(trigger(header).getAttribute('aria-label')).to.equal('Konto: nicht angemeldet');
    expect(recorder.of('ks-signed-out')).to.have.length(1);
    expect(recorder.of('ks-signed-out')[0]!.detail).to.deep.equal({});
    expect(isOpen(header)).to.equal(false);
    expectFocusOnTrigger(header);
    expect(liveRegion(header).textContent!.trim()).to.equal('Sie wurden abgemeldet.');
    await expect(header).to.be.accessible();
    backend.last('signOut').resolve(undefined);
    // A task later the store has taken the answer: confirmed, the notice stays as it was.
    await new Promise((resolve) => setTimeout(resolve, 0));
    await settled(header);
    expect(liveRegion(header).textContent!.trim()).to.equal('Sie wurden abgemeldet.');
  });

  it('signs out locally even when the request fails', async () => {
    const { element: menu, backend, store } = await mount<Menu>(html`<ks-account-menu></ks-account-menu>`, { signedInAs: 'teacher' });
    backend.failNext('signOut', 'server');
    await openAndSignOut(menu);
    expect(store.snapshot.status).to.equal('signed-out');
    expect(menu.matches(':state(signed-out)')).to.equal(true);
    expect(recorder.of('ks-signed-out')).to.have.length(1);
    // The backend did not confirm: the live region says the server still owes it.
    await waitUntil(() => liveRegion(menu).textContent!.includes('noch nicht bestätigt'), 'no unconfirmed notice');
    expect(liveRegion(menu).textContent!.trim()).to.equal(
      'Sie sind auf diesem Gerät abgemeldet. Der Server hat die Abmeldung noch nicht bestätigt; sie wird nachgeholt, sobald diese Seite ihn wieder erreicht.',
    );
  });

  it('says nothing of an unconfirmed sign-out once someone has signed in again (which cut it short)', async () => {
    const backend = new ScriptedBackend();
    const store = new AccountStore({ backend, storage: null, channel: false });
    const session = store.ensureSession();
    backend.last('getSession').resolve(dana);
    await session;
    const menu = await fixture<Menu>(html`<ks-provider .store=${store} lang="de"><ks-account-menu></ks-account-menu></ks-provider>`).then(
      (provider) => provider.querySelector<Menu>('ks-account-menu')!,
    );
    await openAndSignOut(menu);
    // The sign-out request hangs; the user signs in again elsewhere on the page (a page form, another element).
    const signIn = store.signIn({ email: dana.email, password: 'ein langes Kennwort' });
    backend.last('signIn').resolve(dana);
    await signIn;
    backend.last('signOut').reject(new BackendError('server'));
    await new Promise((resolve) => setTimeout(resolve, 0));
    await settled(menu);
    expect(store.snapshot.status).to.equal('signed-in');
    expect(liveRegion(menu).textContent).to.not.include('noch nicht bestätigt');
  });

  it('announces in English under lang="en"', async () => {
    const { element: menu } = await mount<Menu>(html`<ks-account-menu></ks-account-menu>`, { signedInAs: 'teacher', lang: 'en' });
    await click(trigger(menu));
    await settled(menu);
    await click(item(menu, 'Sign out'));
    await settled(menu);
    expect(liveRegion(menu).textContent!.trim()).to.equal('You have been signed out.');
  });

  it('follows a sign-out in another tab (two stores on one BroadcastChannel), without firing ks-signed-out there', async () => {
    const channel = `keyshelf-menu-test-${Math.random()}`;
    // Two tabs of one browser share the session cookie: here, one MemoryBackend.
    const backend = new MemoryBackend();
    const teacher = demoAccounts[0]!;
    await backend.signIn({ email: teacher.email, password: teacher.password }, { signal: new AbortController().signal });
    const tabA = new AccountStore({ backend, storage: null, channel });
    const tabB = new AccountStore({ backend, storage: null, channel });
    try {
      await Promise.all([tabA.ensureSession(), tabB.ensureSession()]);
      const root = await fixture(html`
        <div>
          <ks-provider .store=${tabA} lang="de"><ks-account-menu id="a"></ks-account-menu></ks-provider>
          <ks-provider .store=${tabB} lang="de"><ks-account-menu id="b" open></ks-account-menu></ks-provider>
        </div>
      `);
      const menuA = root.querySelector<Menu>('#a')!;
      const menuB = root.querySelector<Menu>('#b')!;
      await menuB.updateComplete;
      expect(menuB.matches(':state(signed-in)')).to.equal(true);
      const signedOutHere: Event[] = [];
      menuB.addEventListener('ks-signed-out', (event) => signedOutHere.push(event));
      await openAndSignOut(menuA);
      await waitUntil(() => menuB.matches(':state(signed-out)'), 'the other tab did not follow', { timeout: 1000 });
      await settled(menuB);
      expect(itemLabels(menuB)).to.deep.equal(['Anmelden', 'Neues Konto erstellen']);
      expect(trigger(menuB).getAttribute('aria-label')).to.equal('Konto: nicht angemeldet');
      expect(signedOutHere).to.have.length(0);
      expect(recorder.of('ks-signed-out')).to.have.length(1);
    } finally {
      tabA.dispose();
      tabB.dispose();
    }
  });

  it('shows the signed-out state when the session expires (a 401 on any call), without ks-signed-out', async () => {
    const { element: menu, backend, store } = await mount<Menu>(html`<ks-account-menu open></ks-account-menu>`, { signedInAs: 'teacher' });
    expect(itemLabels(menu)).to.have.length(4);
    backend.failNext('listProducts', 'unauthenticated');
    await store.reloadProducts();
    await settled(menu);
    expect(menu.matches(':state(signed-out)')).to.equal(true);
    expect(itemLabels(menu)).to.deep.equal(['Anmelden', 'Neues Konto erstellen']);
    expect(menu.shadowRoot!.querySelector('[part~="user"]'), 'element').to.equal(null);
    expect(recorder.of('ks-signed-out')).to.have.length(0);
  });

  it('keeps focus in the open menu when its items change under it', async () => {
    const { element: menu, backend, store } = await mount<Menu>(html`<ks-account-menu></ks-account-menu>`, { signedInAs: 'teacher' });
    await click(trigger(menu));
    await settled(menu);
    expect(focused(menu)?.textContent?.trim()).to.equal('Mein Konto');
    backend.failNext('listProducts', 'unauthenticated');
    await store.reloadProducts();
    await settled(menu);
    expect(focused(menu)?.textContent?.trim()).to.equal('Anmelden');
  });
});
