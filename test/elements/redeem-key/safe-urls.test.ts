// A publisher's own Backend is not validated by the store: the product card checks the URLs it
// puts into `href` and `src` itself, and drops anything but https: and same-origin ones.
import { expect, fixture, html } from '@open-wc/testing';
import { demoRegistrationOptions } from '../../../src/adapters/memory/index.js';
import type { Backend } from '../../../src/core/backend.js';
import type { Product, SessionUser } from '../../../src/core/schemas.js';
import { AccountStore } from '../../../src/core/store.js';
import type { KsProvider } from '../../../src/elements/provider/provider.js';
import type { KsRedeemKey } from '../../../src/elements/redeem-key/redeem-key.js';
import { ScriptedBackend } from '../../support/scripted-backend.js';
import { keys, redeem, ui } from './helpers.js';

const user: SessionUser = { id: 'u1', email: 'anna@example.org', displayName: 'Anna Muster', customerType: 'teacher', emailConfirmed: true };

/** A publisher's backend object that answers a redeem with `product`, as it likes, unchecked. */
function customBackend(product: Product): Backend {
  return Object.assign(new ScriptedBackend(), {
    getSession: async () => user,
    getRegistrationOptions: async () => demoRegistrationOptions,
    listProducts: async () => [],
    redeemKey: async () => ({ outcome: 'activated' as const, product }),
  });
}

async function redeemWith(product: Product): Promise<KsRedeemKey> {
  const store = new AccountStore({ backend: customBackend(product), storage: null, channel: false });
  await store.ensureSession();
  const provider = await fixture<KsProvider>(html`<ks-provider .store=${store} lang="de"><ks-redeem-key></ks-redeem-key></ks-provider>`);
  const element = provider.firstElementChild as KsRedeemKey;
  await element.updateComplete;
  await redeem(element, keys.licence);
  return element;
}

const base: Product = { id: 'p1', title: 'Praxis Deutsch', kind: 'journal', licenceType: 'single', openUrl: '/open/p1' };

describe('<ks-redeem-key> with URLs from a custom backend', () => {
  it('leaves out "Zur Nutzung" and the cover image for javascript: URLs', async () => {
    const element = await redeemWith({ ...base, openUrl: 'javascript:alert(document.domain)', coverUrl: ' javascript:alert(1)' });
    expect(ui(element).statusText()).to.match(/^Die Lizenz ist aktiviert\./);
    const root = element.shadowRoot!;
    expect(root.querySelector('[part=card]')).to.not.equal(null);
    expect(root.querySelector('[part=open]')).to.equal(null);
    expect(root.querySelector('[part=cover] img')).to.equal(null);
    expect(root.querySelector('[part=cover] svg')).to.not.equal(null);
    expect([...root.querySelectorAll('[href], [src]')].map((node) => node.getAttribute('href') ?? node.getAttribute('src'))).to.not.include.members([
      'javascript:alert(document.domain)',
    ]);
  });

  it('drops data:, http: and protocol-relative URLs too, and keeps https: and same-origin ones', async () => {
    const dropped = await redeemWith({ ...base, openUrl: '//evil.example/open', coverUrl: 'data:image/svg+xml,<svg onload=alert(1)>' });
    expect(dropped.shadowRoot!.querySelector('[part=open]')).to.equal(null);
    expect(dropped.shadowRoot!.querySelector('[part=cover] img')).to.equal(null);
    dropped.closest('ks-provider')!.remove();

    const kept = await redeemWith({ ...base, openUrl: '/open/p1', coverUrl: 'https://covers.example/p1.jpg' });
    expect(kept.shadowRoot!.querySelector('[part=open]')!.getAttribute('href')).to.equal('/open/p1');
    expect(kept.shadowRoot!.querySelector('[part=cover] img')!.getAttribute('src')).to.equal('https://covers.example/p1.jpg');
  });
});
