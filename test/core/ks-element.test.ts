// The base element's helpers: custom states that never break an element on a browser without
// them, the "rendering now" flag for blur handlers, and links (own attribute before configured link).
import { expect, html } from '@open-wc/testing';
import { html as litHtml } from 'lit';
import { property } from 'lit/decorators.js';
import '../../src/elements/account-menu/define.js';
import '../../src/elements/redeem-key/define.js';
import '../../src/elements/sign-in/define.js';
import { KsElement, type LinkTarget } from '../../src/core/ks-element.js';
import { mount } from '../support/fixture.js';

/** A keyshelf element that shows what the base class gives it. */
class KsTestLinks extends KsElement {
  @property({ attribute: 'sign-in-href' }) signInHref?: string;
  @property({ attribute: 'support-href' }) supportHref?: string;
  renderedWhileRendering: boolean | undefined;

  link(to: LinkTarget): string | undefined {
    return this.linkHref(to);
  }

  get rendering(): boolean {
    return this.isRendering;
  }

  state(name: string, on: boolean): void {
    this.setState(name, on);
  }

  protected override render() {
    this.renderedWhileRendering = this.isRendering;
    return litHtml`<span>links</span>`;
  }
}
customElements.define('ks-test-links', KsTestLinks);

/** Replaces `ElementInternals.prototype.states` while `run` runs, as an older browser has it. */
async function withStates(states: (() => unknown) | undefined, run: () => Promise<void>): Promise<void> {
  const original = Object.getOwnPropertyDescriptor(ElementInternals.prototype, 'states');
  Object.defineProperty(ElementInternals.prototype, 'states', { configurable: true, get: states ?? (() => undefined) });
  try {
    await run();
  } finally {
    if (original) Object.defineProperty(ElementInternals.prototype, 'states', original);
    else delete (ElementInternals.prototype as { states?: unknown }).states;
  }
}

/** Mounts each element in a state that sets custom states (busy, signed-out, …). */
async function mountEveryElement(): Promise<void> {
  for (const template of [html`<ks-sign-in></ks-sign-in>`, html`<ks-account-menu open></ks-account-menu>`, html`<ks-redeem-key></ks-redeem-key>`]) {
    const { element } = await mount<HTMLElement & { updateComplete: Promise<boolean> }>(template);
    // Rendered content, not only Lit's marker comments.
    expect((element.shadowRoot ?? element).querySelector('*'), element.localName).to.not.equal(null);
    expect(await element.updateComplete).to.equal(true);
  }
}

describe('KsElement', () => {
  describe('custom states', () => {
    it('sets and clears :state() where the browser has them', async () => {
      const { element } = await mount<KsTestLinks>(html`<ks-test-links></ks-test-links>`);
      element.state('busy', true);
      expect(element.matches(':state(busy)')).to.equal(true);
      element.state('busy', false);
      expect(element.matches(':state(busy)')).to.equal(false);
    });

    it('leaves them out on a browser without custom states (before Chromium 125, Safari 17.4), and every element still renders', async () => {
      await withStates(undefined, mountEveryElement);
    });

    it('leaves them out where the browser accepts only the older `--name` syntax', async () => {
      const refusing = {
        add: () => {
          throw new DOMException("Failed to execute 'add' on 'CustomStateSet'", 'SyntaxError');
        },
        delete: () => false,
        has: () => false,
      };
      await withStates(() => refusing, mountEveryElement);
    });
  });

  it('says whether it is rendering right now', async () => {
    const { element } = await mount<KsTestLinks>(html`<ks-test-links></ks-test-links>`);
    expect(element.renderedWhileRendering).to.equal(true);
    expect(element.rendering).to.equal(false);
  });

  it("takes a link from its own attribute before the configured one, and nothing when neither is set", async () => {
    const { element } = await mount<KsTestLinks>(html`<ks-test-links sign-in-href="/anmelden"></ks-test-links>`, {
      links: { signIn: '/login', support: '/hilfe', products: '/produkte' },
    });
    expect(element.link('sign-in')).to.equal('/anmelden');
    expect(element.link('support')).to.equal('/hilfe');
    expect(element.link('products')).to.equal('/produkte');
    expect(element.link('register')).to.equal(undefined);
    element.supportHref = '';
    expect(element.link('support'), 'an empty attribute is no link').to.equal('/hilfe');
  });
});
