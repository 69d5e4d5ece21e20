import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { KsSignIn } from '../../../src/elements/sign-in/sign-in.js';
import { demoCredentials } from '../../support/fixture.js';
import { MemoryBackend } from '../../../src/adapters/memory/index.js';
import { deepActiveElement, followLink, mailedToken } from '../../support/helpers.js';
import { mountSignIn, ui } from './helpers.js';

/** What CMS themes ship: resets that strip inputs and buttons, flex forms, huge buttons, id rules. */
const CMS_THEME = `
  input, button { all: unset; }
  form { display: flex; }
  button { font-size: 40px; }
  #cms-content input { height: 0; padding: 0; border: 0; }
  #cms-content label { position: absolute; left: -9999px; }
  button, label { float: right; text-transform: uppercase; letter-spacing: 0.5em; }
`;

function box(element: Element) {
  return element.getBoundingClientRect();
}

/** The element is rendered, not transparent, and has a size someone can see and hit. */
function expectVisible(element: Element, minWidth: number, minHeight: number, name: string) {
  const style = getComputedStyle(element);
  const { width, height } = box(element);
  expect(style.display, `${name} display`).to.not.equal('none');
  expect(style.visibility, `${name} visibility`).to.equal('visible');
  expect(Number(style.opacity), `${name} opacity`).to.equal(1);
  expect(width, `${name} width`).to.be.at.least(minWidth);
  expect(height, `${name} height`).to.be.at.least(minHeight);
}

function expectFocusRing(element: Element, name: string) {
  const style = getComputedStyle(element);
  expect(style.outlineStyle, `${name} outline`).to.equal('solid');
  expect(parseFloat(style.outlineWidth), `${name} outline width`).to.be.at.least(2);
}

describe('<ks-sign-in> on a page with an aggressive CMS theme', () => {
  let theme: HTMLStyleElement;
  beforeEach(() => {
    theme = document.createElement('style');
    theme.textContent = CMS_THEME;
    document.head.append(theme);
  });
  afterEach(() => theme.remove());

  async function mountInTheme(): Promise<KsSignIn> {
    const { provider } = await mountSignIn(html`<div id="cms-content"><ks-sign-in></ks-sign-in></div>`);
    const element = provider.querySelector('ks-sign-in')!;
    await element.updateComplete;
    return element;
  }

  it('applies the theme to the page itself (the test page is really hostile)', async () => {
    const probe = await fixture(html`<div id="cms-content"><form><label>x</label><input /><button>y</button></form></div>`);
    expect(getComputedStyle(probe.querySelector('form')!).display).to.equal('flex');
    expect(getComputedStyle(probe.querySelector('button')!).fontSize).to.equal('40px');
    expect(getComputedStyle(probe.querySelector('button')!).textTransform).to.equal('uppercase');
    expect(getComputedStyle(probe.querySelector('input')!).borderTopStyle).to.equal('none');
    expect(getComputedStyle(probe.querySelector('label')!).position).to.equal('absolute');
  });

  it('keeps the fields visible, labelled, stacked and full-sized', async () => {
    const element = await mountInTheme();
    const controls = ui(element);
    const email = controls.email()!;
    const password = controls.password()!;
    expect(getComputedStyle(controls.form()!).display).to.equal('grid');
    for (const [input, label] of [
      [email, 'E-Mail-Adresse'],
      [password, 'Kennwort'],
    ] as const) {
      expectVisible(input, 150, 40, label);
      expect(getComputedStyle(input).borderTopStyle, `${label} border`).to.equal('solid');
      expect(parseFloat(getComputedStyle(input).fontSize), `${label} font size`).to.be.within(14, 24);
      const labelElement = input.labels![0]!;
      expect(labelElement.textContent?.trim()).to.equal(label);
      expectVisible(labelElement, 20, 12, `${label} label`);
      expect(getComputedStyle(labelElement).position, `${label} label position`).to.equal('static');
      expect(Math.abs(box(labelElement).left - box(input).left), `${label} label beside its input`).to.be.lessThan(2);
      // The label sits above its input.
      expect(box(labelElement).bottom).to.be.at.most(box(input).top + 1);
    }
    // One field under the other, not squeezed into a flex row.
    expect(box(password).top).to.be.greaterThan(box(email).bottom);
    expect(Math.abs(box(password).left - box(email).left)).to.be.lessThan(2);
  });

  it('keeps the buttons readable: not 40px, visible, at least 24px high', async () => {
    const element = await mountInTheme();
    const controls = ui(element);
    for (const [button, name] of [
      [controls.submit()!, 'submit'],
      [controls.toggle()!, 'toggle'],
      [controls.button('Passwort vergessen?')!, 'forgot'],
    ] as const) {
      expectVisible(button, 24, 24, name);
      expect(parseFloat(getComputedStyle(button).fontSize), `${name} font size`).to.be.within(12, 20);
      expect(getComputedStyle(button).textTransform, `${name} text transform`).to.equal('none');
      expect(getComputedStyle(button).float, `${name} float`).to.equal('none');
    }
    expect(getComputedStyle(controls.submit()!).cursor).to.equal('pointer');
  });

  it('can be used by keyboard, with a visible focus ring on every control', async () => {
    const element = await mountInTheme();
    const controls = ui(element);
    const order = [controls.email()!, controls.password()!, controls.toggle()!, controls.button('Passwort vergessen?')!, controls.submit()!];
    for (const [index, control] of order.entries()) {
      await sendKeys({ press: 'Tab' });
      expect(deepActiveElement(), `tab stop ${index}`).to.equal(control);
      expectFocusRing(control, control.id || control.textContent!.trim());
    }
    await expect(element).to.be.accessible();
  });

  it('still signs in', async () => {
    const element = await mountInTheme();
    const { email, password } = demoCredentials('teacher');
    await sendKeys({ press: 'Tab' });
    await sendKeys({ type: email });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ type: password });
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => ui(element).status().textContent?.includes(email));
  });

  it('keeps the new-password form usable: the hint readable, the account field hidden, the tab order', async () => {
    const { email } = demoCredentials('teacher');
    const backend = new MemoryBackend();
    await backend.requestPasswordReset(email, { signal: new AbortController().signal });
    const restoreUrl = followLink(`ks-reset=${mailedToken(backend, 'reset', email)}`);
    try {
      const { provider, store } = await mountSignIn(html`<div id="cms-content"><ks-sign-in email=${email}></ks-sign-in></div>`, { backend });
      const element = provider.querySelector('ks-sign-in')!;
      await waitUntil(() => store.snapshot.registrationOptions.state === 'loaded');
      await element.updateComplete;
      const password = element.querySelector<HTMLInputElement>('input[autocomplete=new-password]')!;
      const username = element.querySelector<HTMLInputElement>('input[autocomplete=username]')!;
      expect(getComputedStyle(username).display).to.equal('none');
      expectVisible(password, 150, 40, 'new password');
      const hint = element.querySelector('.ks-sign-in__field-hint')!;
      expectVisible(hint, 20, 12, 'hint');
      expect(box(hint).bottom).to.be.at.most(box(password).top + 1);
      const order = [password, ui(element).toggle()!, ui(element).submit()!, ui(element).button('Zurück zur Anmeldung')!];
      for (const [index, control] of order.entries()) {
        await sendKeys({ press: 'Tab' });
        expect(deepActiveElement(), `tab stop ${index}`).to.equal(control);
        expectFocusRing(control, control.id || control.textContent!.trim());
      }
      await expect(element).to.be.accessible();
    } finally {
      restoreUrl();
    }
  });
});
