// The pending key survives the e-mail confirmation in a NEW tab, over real HTTP against the
// reference server (test/servers/reference-server.mjs). The key waits in the first tab's
// sessionStorage; the confirmation link usually opens another tab, whose sessionStorage is empty,
// so the registration sends the key along and the link carries it (`&key=…`).
//
// The server allows 5 registrations and 5 resends per IP and hour, across all test files of a run
// (they all come from localhost): this file registers once and resends once.
import { expect, fixture, fixtureCleanup, html, waitUntil } from '@open-wc/testing';
import { HttpBackend } from '../../../src/adapters/http/index.js';
import { formatForDisplay, withCheckCharacter } from '../../../src/core/online-key.js';
import { AccountStore } from '../../../src/core/store.js';
import type { KsProvider } from '../../../src/elements/provider/provider.js';
import type { KsRedeemKey } from '../../../src/elements/redeem-key/redeem-key.js';
import { MemoryStorage, collect, followLink, spyOn } from '../../support/helpers.js';
import { redeem, ui } from './helpers.js';

// Sign-in and registration hash with scrypt at full cost, on a machine shared with the browser.
const TIMEOUT = 20_000;
/** Well-formed, and in no seed: this file never redeems it, so it cannot take a key from another file. */
const KEY = withCheckCharacter('WXY9876WXY98764');
const SHOWN = formatForDisplay(KEY);

async function apiUrl(): Promise<string> {
  const response = await fetch('/__reference-server');
  return `${((await response.json()) as { url: string }).url}/api`;
}

/** The confirmation links in the mails to `email`, newest first, from the server's dev mailbox. */
async function confirmationLinks(email: string): Promise<URL[]> {
  const response = await fetch(`/__reference-server/mailbox?to=${encodeURIComponent(email)}`);
  const { messages } = (await response.json()) as { messages: { links: string[] }[] };
  return messages.flatMap((message) => message.links.map((link) => new URL(link))).filter((link) => link.searchParams.has('ks-confirm'));
}

/** A tab: its own store with its own (empty unless given) sessionStorage, and `<ks-redeem-key>` in it. */
async function openTab(baseUrl: string, storage: Storage, template = html`<ks-redeem-key></ks-redeem-key>`) {
  const backend = new HttpBackend({ baseUrl, timeout: TIMEOUT });
  const store = new AccountStore({ backend, storage, channel: false });
  const provider = await fixture<KsProvider>(html`<ks-provider .store=${store} lang="de">${template}</ks-provider>`);
  const element = provider.querySelector<KsRedeemKey>('ks-redeem-key')!;
  await element.updateComplete;
  return { backend, store, element };
}

describe('<ks-redeem-key>: the key comes back in the tab the confirmation link opens, over HTTP', function () {
  this.timeout(90_000);
  let restoreUrl: (() => void) | undefined;
  afterEach(() => {
    restoreUrl?.();
    restoreUrl = undefined;
  });

  it('fills in the key and asks "Jetzt einlösen?" once the link has signed the new user in, without redeeming it', async () => {
    const baseUrl = await apiUrl();
    const email = `schluessel-${crypto.randomUUID()}@example.com`;

    // Tab 1: signed out, the user submits the key, which waits in this tab's sessionStorage…
    const first = await openTab(baseUrl, new MemoryStorage());
    await waitUntil(() => first.store.snapshot.status === 'signed-out', 'the session', { timeout: TIMEOUT });
    const navigate = collect('ks-navigate', (event) => event.preventDefault());
    await redeem(first.element, SHOWN);
    navigate.stop();
    expect(first.store.snapshot.pendingKey).to.equal(KEY);

    // …and registers, as the registration wizard will, then asks for the mail again, as
    // <ks-sign-in> does: neither names the key, the store sends it along.
    await first.store.loadRegistrationOptions();
    const options = first.store.snapshot.registrationOptions;
    if (options.state !== 'loaded') throw new Error('no registration options');
    const type = options.data.customerTypes.find((each) => !each.requiresInstitution)!;
    const registered = await first.store.register({
      customerType: type.id,
      email,
      password: `Ein-langes-Kennwort-${crypto.randomUUID().slice(0, 8)}`,
      acceptedTermsVersion: options.data.terms.version,
      newsletter: false,
      address: { firstName: 'Karla', lastName: 'Schlüssel', street: 'Buchweg 7', postcode: '10115', city: 'Berlin', country: 'DE' },
    });
    expect(registered.ok, 'registered').to.equal(true);
    expect((await first.store.resendConfirmation(email)).ok, 'resent').to.equal(true);
    const links = await confirmationLinks(email);
    expect(links).to.have.length(2);
    for (const link of links) expect(link.searchParams.get('key')).to.equal(KEY);
    first.store.dispose();
    fixtureCleanup();

    // Tab 2, opened by the newest link: nothing in its sessionStorage. `auto-redeem` is set, and
    // still a key from a link waits for the user's click.
    restoreUrl = followLink(links[0]!.search.slice(1));
    const storage = new MemoryStorage();
    const second = await openTab(baseUrl, storage, html`<ks-redeem-key auto-redeem></ks-redeem-key>`);
    const redeems = spyOn(second.backend, 'redeemKey');
    expect(location.search).to.not.include('ks-confirm=').and.not.include('key=');
    await waitUntil(() => second.store.snapshot.status === 'signed-in', 'signed in by the link', { timeout: TIMEOUT });
    expect(second.store.snapshot.user?.email).to.equal(email);
    await waitUntil(() => ui(second.element).statusText() !== '', 'the question', { timeout: TIMEOUT });
    await second.element.updateComplete;
    expect(ui(second.element).input()!.value).to.equal(SHOWN);
    expect(ui(second.element).statusText()).to.equal(`Ihr Online-Schlüssel ${SHOWN} ist eingetragen. Jetzt einlösen?`);
    expect(ui(second.element).submit()!.textContent?.trim()).to.equal('Jetzt einlösen');
    expect(second.store.snapshot.pendingKeySubmitted).to.equal(false);
    expect(redeems.calls).to.have.length(0);
    await second.store.signOut();
    second.store.dispose();
  });
});
