// WCAG 1.4.10 Reflow: at 320 CSS px (a phone, or 1280 px at 400 % zoom) every element fits the
// width in its widest states: no horizontal scrolling, nothing cut off at either edge. And WCAG
// 1.4.12 Text Spacing: with the spacing a reader's style sheet may set, no text is clipped.
import { expect, html, waitUntil } from '@open-wc/testing';
import { setViewport } from '@web/test-runner-commands';
import '../../src/elements/account-menu/define.js';
import type { KsAccountMenu } from '../../src/elements/account-menu/account-menu.js';
import '../../src/elements/sign-in/define.js';
import type { KsSignIn } from '../../src/elements/sign-in/sign-in.js';
import type { KsRedeemKey } from '../../src/elements/redeem-key/redeem-key.js';
import { demoCredentials, mount } from '../support/fixture.js';
import { batchUi, classSetBackend, finished, mountBatch, pasteInto, submitBatch } from './redeem-key/batch-helpers.js';
import { keys, mountRedeemKey, redeem, ui } from './redeem-key/helpers.js';
import { fillAndSubmit } from './sign-in/helpers.js';
import { click, settled, trigger } from './account-menu/helpers.js';

const WIDTH = 320;

/** Every element in `element`'s light DOM and shadow trees, nested ones too. */
function everyElementIn(element: Element): Element[] {
  const found: Element[] = [];
  const visit = (root: Element | ShadowRoot) => {
    for (const node of root.querySelectorAll('*')) {
      found.push(node);
      if (node.shadowRoot) visit(node.shadowRoot);
    }
  };
  visit(element);
  if (element.shadowRoot) visit(element.shadowRoot);
  return found;
}

/** Every rendered box of `element`, in its light DOM and shadow tree, that reaches past the viewport. */
function overflowing(element: Element): string[] {
  return everyElementIn(element).flatMap((node) => {
    const box = node.getBoundingClientRect();
    const outside = box.width > 0 && (box.left < -0.5 || box.right > WIDTH + 0.5);
    return outside ? [`${node.localName}${node.getAttribute('part') ? `[part=${node.getAttribute('part')}]` : ''} ${Math.round(box.left)}–${Math.round(box.right)}`] : [];
  });
}

function expectToFit(element: Element): void {
  expect(document.documentElement.scrollWidth, 'the page scrolls sideways').to.be.at.most(WIDTH);
  expect(overflowing(element)).to.deep.equal([]);
}

describe('reflow at 320 CSS px', () => {
  before(() => setViewport({ width: WIDTH, height: 640 }));
  after(() => setViewport({ width: 800, height: 600 }));

  it('<ks-redeem-key>: a refusal with its explanation, and the product card after activation', async () => {
    const { element } = await mountRedeemKey(html`<ks-redeem-key products-href="/produkte" support-href="/hilfe"></ks-redeem-key>`, {
      signedInAs: 'teacher',
    });
    await redeem(element, keys.taken);
    expect(ui(element).alertText()).to.not.equal('');
    expectToFit(element);
    ui(element).control('Weiteren Schlüssel einlösen')!.click();
    await element.updateComplete;
    await redeem(element, keys.licence);
    expect(ui(element).card()).to.not.equal(null);
    expectToFit(element);
  });

  it('<ks-redeem-key multiple>: the preview and the results of a class set', async () => {
    const { backend, classSet } = classSetBackend();
    const { element } = await mountBatch({ signedInAs: 'teacher', backend });
    pasteInto(element, [...classSet.slice(0, 4), keys.taken, keys.expired, 'KEIN-SCHLÜSSEL'].join('\n'));
    await element.updateComplete;
    expect(batchUi(element).preview().length).to.be.greaterThan(0);
    expectToFit(element);
    await submitBatch(element);
    await finished(element);
    expect(batchUi(element).results().length).to.be.greaterThan(4);
    expectToFit(element);
  });

  it('<ks-sign-in>: the form with an error message', async () => {
    const { element } = await mount<KsSignIn>(html`<ks-sign-in></ks-sign-in>`);
    await fillAndSubmit(element, demoCredentials('teacher').email, 'ein falsches Kennwort');
    await waitUntil(() => element.querySelector('[role=alert]')?.textContent?.trim(), 'no error message');
    expectToFit(element);
  });

  it('<ks-redeem-key> signed out: the inline sign-in detour', async () => {
    const { element } = await mount<KsRedeemKey>(html`<ks-redeem-key></ks-redeem-key>`);
    await redeem(element, keys.licence);
    await waitUntil(() => element.querySelector('ks-sign-in input'), 'the inline sign-in form did not appear');
    expectToFit(element);
  });
});

/** Every box of `element` (light DOM and shadow tree) that hides overflowing content: clipped text. */
function clipping(element: Element): string[] {
  const hides = (overflow: string) => overflow === 'hidden' || overflow === 'clip';
  return everyElementIn(element).flatMap((node) => {
    const style = getComputedStyle(node);
    const clipsX = hides(style.overflowX) && node.scrollWidth > node.clientWidth + 1;
    const clipsY = hides(style.overflowY) && node.scrollHeight > node.clientHeight + 1;
    // Visually hidden live regions clip on purpose; a text field scrolls what is typed into it.
    const clipsOnPurpose = node.clientWidth <= 1 || ['input', 'textarea'].includes(node.localName);
    return (clipsX || clipsY) && !clipsOnPurpose ? [`${node.localName}.${node.className} ${node.scrollWidth}×${node.scrollHeight} in ${node.clientWidth}×${node.clientHeight}`] : [];
  });
}

describe('text spacing (WCAG 1.4.12) at 320 CSS px', () => {
  const spacing = document.createElement('style');
  // The spacing the criterion names, as a reader's style sheet would set it on the page.
  spacing.textContent = `
    * { line-height: 1.5 !important; letter-spacing: 0.12em !important; word-spacing: 0.16em !important; }
    p { margin-block-end: 2em !important; }
  `;
  before(async () => {
    document.head.append(spacing);
    await setViewport({ width: WIDTH, height: 640 });
  });
  after(async () => {
    spacing.remove();
    await setViewport({ width: 800, height: 600 });
  });

  it('<ks-account-menu>: the trigger with initials and the open panel', async () => {
    const { element: menu } = await mount<KsAccountMenu>(html`<ks-account-menu></ks-account-menu>`, { signedInAs: 'teacher' });
    await click(trigger(menu));
    await settled(menu);
    expect(clipping(menu)).to.deep.equal([]);
    expectToFit(menu);
  });

  it('<ks-redeem-key>: the product card after activation', async () => {
    const { element } = await mountRedeemKey(html`<ks-redeem-key products-href="/produkte"></ks-redeem-key>`, { signedInAs: 'teacher' });
    await redeem(element, keys.licence);
    expect(ui(element).card()).to.not.equal(null);
    expect(clipping(element)).to.deep.equal([]);
    expectToFit(element);
  });

  it('<ks-sign-in>: the form with an error message', async () => {
    const { element } = await mount<KsSignIn>(html`<ks-sign-in></ks-sign-in>`);
    await fillAndSubmit(element, demoCredentials('teacher').email, 'ein falsches Kennwort');
    await waitUntil(() => element.querySelector('[role=alert]')?.textContent?.trim(), 'no error message');
    expect(clipping(element)).to.deep.equal([]);
    expectToFit(element);
  });
});
