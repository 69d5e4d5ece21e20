// <ks-redeem-key> over real HTTP against the reference server (test/servers/reference-server.mjs),
// whose database is fresh per run. Each fresh demo key activates once per run and other test files
// take them from the start of the list, so this file uses the keys that show the other outcomes
// and only the last fresh one. The server counts failed redemptions per IP (10 in 10 minutes,
// across all test files): this file makes five.
import { expect, fixture, html } from '@open-wc/testing';
import { HttpBackend } from '../../../src/adapters/http/index.js';
import { demoKeys } from '../../../src/adapters/memory/index.js';
import { formatForDisplay } from '../../../src/core/online-key.js';
import { AccountStore } from '../../../src/core/store.js';
import type { KsProvider } from '../../../src/elements/provider/provider.js';
import type { KsRedeemKey } from '../../../src/elements/redeem-key/redeem-key.js';
import { type DemoUser, demoCredentials } from '../../support/fixture.js';
import { collect, spyOn } from '../../support/helpers.js';
import { keys, redeem, ui } from './helpers.js';

const freshKeys = demoKeys.filter((key) => !key.redeemedBy && !key.customerTypes && !key.validFrom && !key.validUntil);
const lastFreshKey = freshKeys.at(-1)!;

async function referenceServerUrl(): Promise<string> {
  const response = await fetch('/__reference-server');
  return ((await response.json()) as { url: string }).url;
}

/** `<ks-redeem-key>` on a store whose HttpBackend talks to the reference server, signed in as `user`. */
async function mountOverHttp(user: DemoUser | null): Promise<{ element: KsRedeemKey; store: AccountStore; backend: HttpBackend }> {
  // Sign-in hashes with scrypt at full cost, on a machine shared with the browser.
  const backend = new HttpBackend({ baseUrl: `${await referenceServerUrl()}/api`, timeout: 20_000 });
  const store = new AccountStore({ backend, storage: null, channel: false });
  await store.signOut();
  if (user) expect((await store.signIn(demoCredentials(user))).ok, `sign-in as ${user}`).to.equal(true);
  await store.loadRegistrationOptions();
  const provider = await fixture<KsProvider>(html`<ks-provider .store=${store} lang="de"><ks-redeem-key></ks-redeem-key></ks-provider>`);
  const element = provider.firstElementChild as KsRedeemKey;
  await element.updateComplete;
  return { element, store, backend };
}

describe('<ks-redeem-key> over HTTP, against the reference server', function () {
  this.timeout(30_000);

  describe('signed in as the teacher', () => {
    it('activates a key and shows the product in its list', async () => {
      const { element, store } = await mountOverHttp('teacher');
      const redeemed = collect('ks-key-redeemed');
      await redeem(element, formatForDisplay(lastFreshKey.key).toLowerCase());
      redeemed.stop();
      expect(ui(element).statusText()).to.match(/^Die Lizenz ist aktiviert\. Sie finden das Produkt jetzt unter „Fachzeitschriften“\./);
      expect(ui(element).cardText()).to.include('Geographie heute');
      expect(redeemed.events.map((event) => [event.detail.product.id, event.detail.list])).to.deep.equal([[lastFreshKey.productId, 'journal']]);
      await store.reloadProducts();
      const products = store.snapshot.products;
      expect(products.state === 'loaded' && products.data.map((product) => product.id)).to.include(lastFreshKey.productId);
      await expect(element).to.be.accessible();
    });

    it('shows a product the teacher owns already', async () => {
      const { element } = await mountOverHttp('teacher');
      await redeem(element, keys.yours);
      expect(ui(element).statusText()).to.match(/^Sie besitzen dieses Produkt bereits\./);
      expect(ui(element).cardText()).to.include('Mathematik heute 7');
    });

    it('explains each refusal', async () => {
      const { element } = await mountOverHttp('teacher');
      for (const [key, message] of [
        [keys.taken, 'Dieser Online-Schlüssel wurde bereits mit einem anderen Kundenkonto eingelöst.'],
        [keys.expired, 'Dieser Online-Schlüssel ist abgelaufen.'],
        [keys.notYetValid, 'Dieser Online-Schlüssel kann erst ab dem 1. August 2099 eingelöst werden.'],
        [keys.unknown, 'Diesen Online-Schlüssel kennen wir nicht.'],
      ] as const) {
        await redeem(element, key);
        expect(ui(element).alertText(), key).to.include(message);
        await expect(element).to.be.accessible();
      }
    });
  });

  it('tells the pupil that a key is for teachers, with the names the server gives', async () => {
    const { element } = await mountOverHttp('pupil');
    await redeem(element, keys.teacherOnly);
    expect(ui(element).alertText()).to.match(/^Dieser Online-Schlüssel ist nur für diese Kundentypen bestimmt: Lehrkraft oder Referendar\/in\. Ihr Kundenkonto hat den Kundentyp „Schüler\/in“\./);
  });

  it('keeps the key of a signed-out user without asking the server to redeem it', async () => {
    const { element, store, backend } = await mountOverHttp(null);
    const redeemCalls = spyOn(backend, 'redeemKey');
    const navigate = collect('ks-navigate', (event) => event.preventDefault());
    await redeem(element, keys.licence);
    navigate.stop();
    expect(navigate.events.map((event) => event.detail.to)).to.deep.equal(['sign-in']);
    expect(store.snapshot.pendingKey).to.equal(keys.licence.replace(/-/g, ''));
    expect(redeemCalls.calls, 'redeem calls to the backend').to.have.length(0);
  });
});
