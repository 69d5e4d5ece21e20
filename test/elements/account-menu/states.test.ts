import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { BackendError } from '../../../src/core/errors.js';
import { AccountStore } from '../../../src/core/store.js';
import { accountMenuMessages } from '../../../src/elements/account-menu/account-menu.messages.js';
import '../../../src/elements/provider/define.js';
import type { KsProvider } from '../../../src/elements/provider/provider.js';
import { mount } from '../../support/fixture.js';
import { itHasCompleteTranslations } from '../../support/messages-suite.js';
import { ScriptedBackend } from '../../support/scripted-backend.js';
import { type Menu, click, focusedLabel, isOpen, itemLabels, items, menuList, panel, settled, trigger } from './helpers.js';

const dana = { id: 'u1', email: 'dana@example.org', displayName: 'Dana Demo', customerType: 'teacher', emailConfirmed: true };

/** A menu whose session answer the test gives (or never gives). */
async function mountScripted() {
  const backend = new ScriptedBackend();
  const store = new AccountStore({ backend, storage: null, channel: false });
  const provider = await fixture<KsProvider>(html`<ks-provider .store=${store} lang="de"><ks-account-menu></ks-account-menu></ks-provider>`);
  const menu = provider.querySelector('ks-account-menu')!;
  await menu.updateComplete;
  return { backend, store, menu };
}

describe('<ks-account-menu> states', () => {

  describe('unknown session', () => {
    it('shows a neutral trigger, closed, that is neither signed in nor signed out', async () => {
      const { menu } = await mountScripted();
      expect(menu.matches(':state(unknown)')).to.equal(true);
      expect(trigger(menu).classList.contains('unknown')).to.equal(true);
      expect(trigger(menu).getAttribute('aria-label')).to.equal('Konto');
      expect(trigger(menu).getAttribute('aria-haspopup')).to.equal('menu');
      expect(trigger(menu).getAttribute('aria-expanded')).to.equal('false');
      expect(menu.shadowRoot!.querySelector('[part~="initials"]'), 'element').to.equal(null);
      expect(menu.shadowRoot!.querySelector('[part~="icon"]')).to.not.equal(null);
      await expect(menu).to.be.accessible();
    });

    it('opens on a busy menu with a loading message, then focuses the first item once the session arrives', async () => {
      const { backend, menu } = await mountScripted();
      trigger(menu).focus();
      await sendKeys({ press: 'Enter' });
      await settled(menu);
      expect(isOpen(menu)).to.equal(true);
      expect(menuList(menu)!.getAttribute('aria-busy')).to.equal('true');
      expect(items(menu)).to.have.length(0);
      expect(panel(menu).textContent).to.contain('Konto wird geladen …');
      await expect(menu).to.be.accessible();
      backend.last('getSession').resolve(null);
      await waitUntil(() => focusedLabel(menu) === 'Anmelden', 'focus did not reach the first item');
      expect(menuList(menu)!.hasAttribute('aria-busy')).to.equal(false);
    });

    it('keeps the trigger in the same place and size when the session arrives (no layout shift)', async () => {
      for (const user of [dana, null]) {
        const { backend, menu } = await mountScripted();
        const before = trigger(menu).getBoundingClientRect();
        const hostBefore = menu.getBoundingClientRect();
        backend.last('getSession').resolve(user);
        await waitUntil(() => !menu.matches(':state(unknown)'));
        await settled(menu);
        const after = trigger(menu).getBoundingClientRect();
        expect([after.x, after.y, after.width, after.height], `trigger, ${user ? 'signed in' : 'signed out'}`).to.deep.equal([
          before.x,
          before.y,
          before.width,
          before.height,
        ]);
        expect(menu.getBoundingClientRect().toJSON()).to.deep.equal(hostBefore.toJSON());
        expect(before.width).to.be.greaterThan(0);
      }
    });
  });

  it('says so when no backend is configured, instead of loading for ever', async () => {
    const store = new AccountStore({ storage: null, channel: false });
    const provider = await fixture<KsProvider>(html`<ks-provider .store=${store} lang="de"><ks-account-menu open></ks-account-menu></ks-provider>`);
    const menu = provider.querySelector('ks-account-menu')!;
    await menu.updateComplete;
    expect(panel(menu).textContent).to.contain('Kein Kundenkonto-Dienst eingerichtet.');
    await expect(menu).to.be.accessible();
  });

  describe('session error', () => {
    it('says the account could not be loaded and offers a retry that reads the session again', async () => {
      const { backend, menu, store } = await mountScripted();
      backend.last('getSession').reject(new BackendError('offline'));
      await waitUntil(() => store.snapshot.sessionError !== null);
      menu.open = true;
      await settled(menu);
      expect(panel(menu).textContent).to.contain('Ihr Konto konnte nicht geladen werden.');
      expect(panel(menu).textContent).to.contain('Keine Verbindung.');
      expect(itemLabels(menu)).to.deep.equal(['Erneut versuchen']);
      expect(menuList(menu)!.hasAttribute('aria-busy')).to.equal(false);
      await expect(menu).to.be.accessible();

      await click(items(menu)[0]!);
      expect(backend.callsOf('getSession')).to.have.length(2);
      await settled(menu);
      expect(panel(menu).textContent).to.contain('Konto wird geladen …');
      backend.last('getSession').resolve(dana);
      await waitUntil(() => itemLabels(menu).length === 4, 'the signed-in items did not come');
      await waitUntil(() => focusedLabel(menu) === 'Mein Konto', 'focus did not move to the first item');
    });
  });

  describe('signed out', () => {
    it('closed: a person symbol named "not signed in"', async () => {
      const { element: menu } = await mount<Menu>(html`<ks-account-menu></ks-account-menu>`);
      expect(menu.matches(':state(signed-out)')).to.equal(true);
      expect(trigger(menu).getAttribute('aria-label')).to.equal('Konto: nicht angemeldet');
      expect(menu.shadowRoot!.querySelector('[part~="icon"]')).to.not.equal(null);
      expect(isOpen(menu)).to.equal(false);
      expect(panel(menu).hidden).to.equal(true);
      await expect(menu).to.be.accessible();
    });

    it('open: offers "Anmelden" and "Neues Konto erstellen"', async () => {
      const { element: menu } = await mount<Menu>(html`<ks-account-menu open></ks-account-menu>`);
      expect(isOpen(menu)).to.equal(true);
      expect(menu.matches(':state(open)')).to.equal(true);
      expect(itemLabels(menu)).to.deep.equal(['Anmelden', 'Neues Konto erstellen']);
      expect(trigger(menu).getAttribute('aria-controls')).to.equal(menuList(menu)!.id);
      await expect(menu).to.be.accessible();
    });
  });

  describe('signed in', () => {
    it('closed: shows the initials and names who is signed in', async () => {
      const { element: menu } = await mount<Menu>(html`<ks-account-menu></ks-account-menu>`, { signedInAs: 'teacher' });
      expect(menu.matches(':state(signed-in)')).to.equal(true);
      expect(trigger(menu).getAttribute('aria-label')).to.equal('DD – Konto von Dana Demo');
      expect(menu.shadowRoot!.querySelector('[part~="initials"]')!.textContent).to.equal('DD');
      expect(menu.shadowRoot!.querySelector('[part~="icon"]'), 'element').to.equal(null);
      await expect(menu).to.be.accessible();
    });

    it('open: shows the e-mail address (not as an item) and the four items', async () => {
      const { element: menu } = await mount<Menu>(html`<ks-account-menu open></ks-account-menu>`, { signedInAs: 'teacher' });
      const user = menu.shadowRoot!.querySelector<HTMLElement>('[part~="user"]')!;
      expect(user.textContent).to.contain('lehrkraft@keyshelf.example');
      expect(menuList(menu)!.contains(user)).to.equal(false);
      expect(menuList(menu)!.getAttribute('aria-describedby')).to.equal(user.id);
      expect(itemLabels(menu)).to.deep.equal(['Mein Konto', 'Meine Produkte', 'Online-Schlüssel einlösen', 'Abmelden']);
      await expect(menu).to.be.accessible();
    });

    it('speaks English under lang="en"', async () => {
      const { element: menu } = await mount<Menu>(html`<ks-account-menu open></ks-account-menu>`, { signedInAs: 'teacher', lang: 'en' });
      expect(trigger(menu).getAttribute('aria-label')).to.equal('DD – account of Dana Demo');
      expect(itemLabels(menu)).to.deep.equal(['My account', 'My products', 'Redeem online key', 'Sign out']);
    });
  });

  it('opening with the open property moves no focus', async () => {
    const { element: menu } = await mount<Menu>(html`<ks-account-menu></ks-account-menu>`, { signedInAs: 'teacher' });
    menu.open = true;
    await settled(menu);
    expect(isOpen(menu)).to.equal(true);
    expect(focusedLabel(menu)).to.equal(undefined);
  });
});

describe('account menu messages', () => {
  itHasCompleteTranslations(accountMenuMessages);
});
