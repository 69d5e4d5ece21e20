import { expect, html, waitUntil } from '@open-wc/testing';
import type { KsSignIn } from '../../../src/elements/sign-in/sign-in.js';
import { demoCredentials } from '../../support/fixture.js';
import { deepActiveElement } from '../../support/helpers.js';
import { fillAndSubmit, mountSignIn, ui } from './helpers.js';

/** Stands in for an element (the account menu) that shows `<ks-sign-in>` inside its shadow root. */
class TestPanel extends HTMLElement {
  constructor() {
    super();
    this.attachShadow({ mode: 'open' }).append(document.createElement('ks-sign-in'));
  }
}
if (!customElements.get('test-sign-in-panel')) customElements.define('test-sign-in-panel', TestPanel);

describe('<ks-sign-in> inside another shadow root', () => {
  async function mountInPanel() {
    const mounted = await mountSignIn(html`<test-sign-in-panel></test-sign-in-panel>`);
    const panel = mounted.provider.querySelector('test-sign-in-panel')!;
    const element = panel.shadowRoot!.querySelector<KsSignIn>('ks-sign-in')!;
    await element.updateComplete;
    return { ...mounted, panel, element };
  }

  it('adopts its styles into that shadow root and draws the form', async () => {
    const { panel, element } = await mountInPanel();
    expect(panel.shadowRoot!.adoptedStyleSheets.length).to.be.at.least(1);
    const email = ui(element).email()!;
    expect(getComputedStyle(email).borderTopStyle).to.equal('solid');
    expect(getComputedStyle(ui(element).form()!).display).to.equal('grid');
    await expect(element).to.be.accessible();
  });

  it('signs in, and moves focus to the message inside that shadow root', async () => {
    const { element, store } = await mountInPanel();
    const { email, password } = demoCredentials('teacher');
    await fillAndSubmit(element, email, password);
    await waitUntil(() => store.snapshot.status === 'signed-in');
    await waitUntil(() => deepActiveElement() === ui(element).status(), 'focus on the message');
  });
});
