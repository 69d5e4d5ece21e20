// What a <ks-provider>'s attributes and properties tell the elements: the language, the publisher's
// strings and links, inside it and, with `page-default`, on the whole page. Runs in its own page,
// so this file's page-default provider is the first (the one that configures).
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { MemoryBackend } from '../../../src/adapters/memory/index.js';
import { getPageDefaultStore } from '../../../src/core/document-context.js';
import '../../../src/elements/account-menu/define.js';
import type { KsAccountMenu } from '../../../src/elements/account-menu/account-menu.js';
import '../../../src/elements/provider/define.js';
import type { KsProvider } from '../../../src/elements/provider/provider.js';
import { itemLabels, settled, trigger } from '../account-menu/helpers.js';

const triggerName = (menu: KsAccountMenu) => trigger(menu).getAttribute('aria-label');

async function signedOutMenu(menu: KsAccountMenu): Promise<void> {
  await waitUntil(() => menu.matches(':state(signed-out)'), 'the session was not read');
  await settled(menu);
}

describe('<ks-provider> configuration', () => {
  it('sets the language of the elements inside, and a change of `lang` reaches them', async () => {
    const provider = await fixture<KsProvider>(html`
      <ks-provider lang="en" .backend=${new MemoryBackend()}><ks-account-menu open></ks-account-menu></ks-provider>
    `);
    const menu = provider.querySelector<KsAccountMenu>('ks-account-menu')!;
    await signedOutMenu(menu);
    expect(triggerName(menu)).to.equal('Account: not signed in');
    expect(itemLabels(menu)).to.deep.equal(['Sign in', 'Create a new account']);
    provider.lang = 'de';
    await waitUntil(() => triggerName(menu) === 'Konto: nicht angemeldet', 'the menu did not follow the new language');
    expect(provider.getAttribute('lang')).to.equal('de');
  });

  it("passes the publisher's strings from its `messages` property to the elements inside", async () => {
    const provider = await fixture<KsProvider>(html`
      <ks-provider lang="de" .backend=${new MemoryBackend()}><ks-account-menu open></ks-account-menu></ks-provider>
    `);
    const menu = provider.querySelector<KsAccountMenu>('ks-account-menu')!;
    await signedOutMenu(menu);
    provider.messages = { de: { 'accountMenu.signIn': 'Einloggen' } };
    await waitUntil(() => itemLabels(menu)[0] === 'Einloggen', 'the override did not arrive');
    expect(itemLabels(menu)).to.deep.equal(['Einloggen', 'Neues Konto erstellen']);
  });

  it('with page-default, configures the elements outside it too: backend, language, strings and links', async () => {
    const backend = new MemoryBackend();
    const page = await fixture(html`
      <div>
        <header><ks-account-menu id="header" open></ks-account-menu></header>
        <footer>
          <ks-provider
            page-default
            lang="en"
            register-href="/konto/registrieren"
            .backend=${backend}
            .messages=${{ en: { 'accountMenu.register': 'Open an account' } }}
          ></ks-provider>
        </footer>
      </div>
    `);
    const menu = page.querySelector<KsAccountMenu>('#header')!;
    const provider = page.querySelector<KsProvider>('ks-provider')!;
    expect(getPageDefaultStore().backend).to.equal(backend);
    await signedOutMenu(menu);
    expect(triggerName(menu)).to.equal('Account: not signed in');
    expect(itemLabels(menu)).to.deep.equal(['Sign in', 'Open an account']);
    const register = menu.shadowRoot!.querySelectorAll<HTMLAnchorElement>('[role="menuitem"]')[1]!;
    expect(register.getAttribute('href')).to.equal('/konto/registrieren');

    provider.lang = 'de';
    await waitUntil(() => triggerName(menu) === 'Konto: nicht angemeldet', 'the page did not follow the new language');
  });
});
