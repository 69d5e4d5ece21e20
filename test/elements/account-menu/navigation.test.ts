import { expect, html } from '@open-wc/testing';
import { sendKeys, sendMouse } from '@web/test-runner-commands';
import { mount } from '../../support/fixture.js';
import { type Menu, click, expectFocusOnTrigger, isOpen, item, items, recordEventsInEachTest, settled, trigger } from './helpers.js';

describe('<ks-account-menu> where items go', () => {
  const recorder = recordEventsInEachTest();

  it('makes each item a real link to its URL: the attribute wins over the configured links', async () => {
    const { element: menu } = await mount<Menu>(
      html`<ks-account-menu open account-href="/mein-konto" redeem-href="https://shop.example/einloesen"></ks-account-menu>`,
      { signedInAs: 'teacher', links: { account: '/configured-account', products: '/configured-products' } },
    );
    const hrefs = items(menu).map((element) => (element instanceof HTMLAnchorElement ? element.getAttribute('href') : null));
    expect(hrefs).to.deep.equal(['/mein-konto', '/configured-products', 'https://shop.example/einloesen', null]);
  });

  it('follows link changes on the element and in the store', async () => {
    const { element: menu, store } = await mount<Menu>(html`<ks-account-menu open></ks-account-menu>`);
    expect(items(menu).every((element) => element instanceof HTMLButtonElement)).to.equal(true);
    store.configure({ links: { register: '/registrieren' } });
    menu.setAttribute('sign-in-href', '/anmelden');
    await settled(menu);
    expect(items(menu).map((element) => element.getAttribute('href'))).to.deep.equal(['/anmelden', '/registrieren']);
  });

  it('fires a cancelable ks-navigate { to, href } on a click, and stays on the page when it is cancelled', async () => {
    const { element: menu } = await mount<Menu>(html`<ks-account-menu></ks-account-menu>`, {
      signedInAs: 'teacher',
      links: { account: '/konto', products: '/produkte', redeem: '/einloesen' },
    });
    const pageUrl = location.href;
    const expected = [
      ['Mein Konto', { to: 'account', href: '/konto' }],
      ['Meine Produkte', { to: 'products', href: '/produkte' }],
      ['Online-Schlüssel einlösen', { to: 'redeem', href: '/einloesen' }],
    ] as const;
    for (const [label] of expected) {
      await click(trigger(menu));
      await settled(menu);
      await click(item(menu, label));
      await settled(menu);
      expect(isOpen(menu), label).to.equal(false);
    }
    const navigations = recorder.of('ks-navigate');
    expect(navigations.map((event) => event.detail)).to.deep.equal(expected.map(([, detail]) => detail));
    expect(navigations.every((event) => event.cancelable)).to.equal(true);
    expect(location.href).to.equal(pageUrl);
  });

  it('lets a modified click through to the browser (new tab) without ks-navigate', async () => {
    const { element: menu } = await mount<Menu>(html`<ks-account-menu open></ks-account-menu>`, {
      signedInAs: 'teacher',
      links: { account: '/konto' },
    });
    const link = item(menu, 'Mein Konto');
    let prevented: boolean | undefined;
    // Registered after the element's own listener, so it sees what the element did, then stops the tab.
    link.addEventListener('click', (event) => {
      prevented = event.defaultPrevented;
      event.preventDefault();
    });
    link.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true, composed: true, ctrlKey: true }));
    expect(prevented).to.equal(false);
    expect(recorder.of('ks-navigate')).to.have.length(0);
  });

  it('without a URL an item only fires ks-navigate { to }, for a single-page app to route', async () => {
    const { element: menu } = await mount<Menu>(html`<ks-account-menu open></ks-account-menu>`, { signedInAs: 'teacher' });
    await click(item(menu, 'Meine Produkte'));
    expect(recorder.of('ks-navigate').map((event) => event.detail)).to.deep.equal([{ to: 'products' }]);
  });

  it('"Anmelden" with a sign-in URL goes there, and does not load the inline form', async () => {
    const { element: menu } = await mount<Menu>(html`<ks-account-menu open sign-in-href="/anmelden"></ks-account-menu>`);
    await click(item(menu, 'Anmelden'));
    await settled(menu);
    expect(recorder.of('ks-navigate').map((event) => event.detail)).to.deep.equal([{ to: 'sign-in', href: '/anmelden' }]);
    expect(menu.view).to.equal('menu');
    expect(menu.querySelector('ks-sign-in'), 'element').to.equal(null);
    expect(customElements.get('ks-sign-in')).to.equal(undefined);
  });

  it('"Anmelden" without a URL lets a single-page app take over by cancelling ks-navigate', async () => {
    recorder.cancelAll();
    const { element: menu } = await mount<Menu>(html`<ks-account-menu open></ks-account-menu>`);
    await click(item(menu, 'Anmelden'));
    await settled(menu);
    expect(recorder.of('ks-navigate').map((event) => event.detail)).to.deep.equal([{ to: 'sign-in' }]);
    expect(isOpen(menu)).to.equal(false);
    expect(menu.view).to.equal('menu');
    expectFocusOnTrigger(menu);
  });

  it('fires no event when properties or attributes change, or when the panel opens and closes', async () => {
    const { element: menu, store } = await mount<Menu>(html`<ks-account-menu></ks-account-menu>`, { signedInAs: 'teacher' });
    menu.open = true;
    menu.setAttribute('account-href', '/konto');
    menu.productsHref = '/produkte';
    await settled(menu);
    menu.view = 'sign-in';
    menu.open = false;
    await settled(menu);
    trigger(menu).focus();
    await sendKeys({ press: 'Enter' });
    await sendKeys({ press: 'Escape' });
    await click(trigger(menu));
    await sendMouse({ type: 'click', position: [1, 1] });
    await store.signOut();
    await settled(menu);
    expect(recorder.events).to.deep.equal([]);
  });
});
