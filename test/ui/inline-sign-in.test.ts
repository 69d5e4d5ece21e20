// The inline sign-in (src/ui/inline-sign-in.ts) when its module cannot be loaded, through both
// elements that show it: each says so, offers "Erneut versuchen", and shows the form after a retry.
import { expect, html, waitUntil } from '@open-wc/testing';
import { KsAccountMenu } from '../../src/elements/account-menu/account-menu.js';
import { KsRedeemKey } from '../../src/elements/redeem-key/redeem-key.js';
import { mount } from '../support/fixture.js';
import { deepActiveElement } from '../support/helpers.js';
import { click, item, settled, trigger } from '../elements/account-menu/helpers.js';
import { keys, typeInto, ui } from '../elements/redeem-key/helpers.js';

const UNAVAILABLE = 'Die Anmeldung konnte nicht geladen werden. Bitte prüfen Sie Ihre Internetverbindung.';

const lostConnection = () => Promise.reject(new TypeError('Failed to fetch dynamically imported module'));

/** Its first load of `<ks-sign-in>` fails, as with a lost connection. */
class KsTestRedeemOffline extends KsRedeemKey {
  loads = 0;

  protected override loadSignIn(): Promise<unknown> {
    this.loads += 1;
    return this.loads === 1 ? lostConnection() : super.loadSignIn();
  }
}
customElements.define('ks-test-redeem-offline', KsTestRedeemOffline);

/** Its first load of `<ks-sign-in>` fails, as with a lost connection. */
class KsTestMenuOffline extends KsAccountMenu {
  loads = 0;

  protected override loadSignIn(): Promise<unknown> {
    this.loads += 1;
    return this.loads === 1 ? lostConnection() : super.loadSignIn();
  }
}
customElements.define('ks-test-menu-offline', KsTestMenuOffline);

describe('the inline sign-in when its module cannot be loaded', () => {
  it('<ks-redeem-key>: a signed-out submit says so and keeps the key; "Erneut versuchen" brings the form', async () => {
    const { element, store } = await mount<KsTestRedeemOffline>(html`<ks-test-redeem-offline></ks-test-redeem-offline>`);
    typeInto(element, keys.licence);
    ui(element).form()!.requestSubmit();
    await waitUntil(() => ui(element).alertText().includes(UNAVAILABLE), 'no message for the failed load');
    expect(element.loads).to.equal(1);
    expect(store.snapshot.pendingKey).to.equal(keys.licence.replaceAll('-', ''));
    expect(element.querySelector('ks-sign-in')).to.equal(null);
    await expect(element).to.be.accessible();

    ui(element).control('Erneut versuchen')!.click();
    await waitUntil(() => element.querySelector('ks-sign-in input'), 'the form did not come after the retry');
    expect(element.loads).to.equal(2);
    expect(ui(element).alertText()).to.not.include(UNAVAILABLE);
    await waitUntil(() => deepActiveElement() === element.querySelector('ks-sign-in input'), 'focus in the form');
    await expect(element).to.be.accessible();
  });

  it('<ks-account-menu>: "Anmelden" says so in the panel; "Erneut versuchen" brings the form', async () => {
    const { element: menu } = await mount<KsTestMenuOffline>(html`<ks-test-menu-offline></ks-test-menu-offline>`);
    await waitUntil(() => menu.matches(':state(signed-out)'));
    await click(trigger(menu));
    await settled(menu);
    await click(item(menu, 'Anmelden'));
    await waitUntil(() => menu.shadowRoot!.querySelector('[part~="message"]')?.textContent?.trim() === UNAVAILABLE, 'no message');
    expect(menu.loads).to.equal(1);
    await expect(menu).to.be.accessible();

    const retry = [...menu.shadowRoot!.querySelectorAll<HTMLButtonElement>('button')].find((each) => each.textContent?.trim() === 'Erneut versuchen')!;
    await click(retry);
    await waitUntil(() => menu.querySelector('ks-sign-in input'), 'the form did not come after the retry');
    expect(menu.loads).to.equal(2);
    await waitUntil(() => deepActiveElement() === menu.querySelector('ks-sign-in input'), 'focus in the form');
    await expect(menu).to.be.accessible();
  });
});
