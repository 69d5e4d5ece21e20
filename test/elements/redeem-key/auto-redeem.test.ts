// `auto-redeem` redeems only a key the user submitted (before signing in); a key that came with
// the page's address waits for a click, so a crafted link cannot redeem into a visitor's account.
import { expect, html, waitUntil } from '@open-wc/testing';
import { demoCredentials } from '../../support/fixture.js';
import { collect } from '../../support/helpers.js';
import { keys, mountRedeemKey, redeem, settled, spyOnRedeem, ui } from './helpers.js';

const asksToRedeem = (key: string) => `Ihr Online-Schlüssel ${key} ist eingetragen. Jetzt einlösen?`;

describe('<ks-redeem-key auto-redeem>', () => {
  let original: string;
  beforeEach(() => (original = location.href));
  afterEach(() => history.replaceState(history.state, '', original));

  function visitWithKey(key: string): void {
    const url = new URL(location.href);
    history.replaceState(history.state, '', `${url.pathname}${url.search}${url.search ? '&' : '?'}key=${encodeURIComponent(key)}`);
  }

  it('does not redeem a key from the address for a signed-in user: it asks', async () => {
    visitWithKey(keys.licence);
    const redeemed = collect('ks-key-redeemed');
    const { element, backend } = await mountRedeemKey(html`<ks-redeem-key auto-redeem></ks-redeem-key>`, { signedInAs: 'teacher' });
    const spy = spyOnRedeem(backend);
    await settled(element);
    await new Promise((resolve) => setTimeout(resolve, 20));
    await element.updateComplete;
    redeemed.stop();
    expect(spy.calls).to.have.length(0);
    expect(redeemed.events).to.have.length(0);
    expect(ui(element).statusText()).to.equal(asksToRedeem(keys.licence));
    // The user's click redeems it.
    ui(element).submit()!.click();
    await settled(element);
    expect(ui(element).statusText()).to.match(/^Die Lizenz ist aktiviert\./);
  });

  it('does not redeem a key from the address once a signed-out visitor signs in either', async () => {
    visitWithKey(keys.download);
    const { element, store, backend } = await mountRedeemKey(html`<ks-redeem-key auto-redeem></ks-redeem-key>`);
    expect(store.snapshot.pendingKey).to.not.equal(null);
    const spy = spyOnRedeem(backend);
    expect((await store.signIn(demoCredentials('teacher'))).ok).to.equal(true);
    await waitUntil(() => ui(element).statusText() === asksToRedeem(keys.download), 'the key was not offered');
    await settled(element);
    expect(spy.calls).to.have.length(0);
  });

  it('redeems a key the user submitted while signed out, once they sign in', async () => {
    const { element, store, backend } = await mountRedeemKey(html`<ks-redeem-key auto-redeem sign-in-href="#ks-sign-in"></ks-redeem-key>`);
    const navigate = collect('ks-navigate', (event) => event.preventDefault());
    await redeem(element, keys.journal);
    navigate.stop();
    expect(store.snapshot.pendingKeySubmitted).to.equal(true);
    const spy = spyOnRedeem(backend);
    const redeemed = collect('ks-key-redeemed');
    expect((await store.signIn(demoCredentials('teacher'))).ok).to.equal(true);
    await waitUntil(() => ui(element).statusText().startsWith('Die Lizenz ist aktiviert.'), 'the key was not redeemed');
    await settled(element);
    redeemed.stop();
    expect(spy.calls.map((call) => call.key)).to.have.length(1);
    expect(redeemed.events).to.have.length(1);
  });

});
