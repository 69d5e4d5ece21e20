// Real key presses and real copy and paste (through the browser's clipboard): the only file that
// uses the clipboard, so that no other test file pastes at the same time.
import { expect, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { KsRedeemKey } from '../../../src/elements/redeem-key/redeem-key.js';
import { collect, deepActiveElement } from '../../support/helpers.js';
import { keys, mountRedeemKey, settled, spyOnRedeem, ui } from './helpers.js';

async function press(key: string, times = 1): Promise<void> {
  for (let i = 0; i < times; i += 1) await sendKeys({ press: key });
}

async function withControl(key: string): Promise<void> {
  await sendKeys({ down: 'Control' });
  await sendKeys({ press: key });
  await sendKeys({ up: 'Control' });
}

/** Copies `text` to the clipboard the way a user does: select it somewhere and press Ctrl+C. */
async function copy(text: string): Promise<void> {
  const source = document.createElement('textarea');
  source.value = text;
  document.body.append(source);
  source.focus();
  source.select();
  await withControl('KeyC');
  source.remove();
}

/** Pastes `text` with Ctrl+V where the caret is in the element's field. */
async function paste(element: KsRedeemKey, text: string, at?: number): Promise<HTMLInputElement> {
  await copy(text);
  const input = ui(element).input()!;
  input.focus();
  if (at !== undefined) input.setSelectionRange(at, at);
  await withControl('KeyV');
  await element.updateComplete;
  return input;
}

async function typeKeys(element: KsRedeemKey, text: string): Promise<HTMLInputElement> {
  const input = ui(element).input()!;
  input.focus();
  await sendKeys({ type: text });
  await element.updateComplete;
  return input;
}

describe('<ks-redeem-key> typing and pasting', () => {
  it('groups the key as the user types and keeps the caret behind what they type in the middle', async () => {
    const { element } = await mountRedeemKey();
    const input = await typeKeys(element, 'math7a3b4c6d');
    expect(input.value).to.equal('MATH-7A3B-4C6D');
    expect(input.selectionStart).to.equal(14);
    await press('ArrowLeft', 6);
    expect(input.selectionStart).to.equal(8);
    await sendKeys({ type: 'e' });
    await element.updateComplete;
    expect(input.value).to.equal('MATH-7A3E-B4C6-D');
    expect([input.selectionStart, input.selectionEnd]).to.deep.equal([9, 9]);
    await sendKeys({ type: 'f' });
    await element.updateComplete;
    expect(input.value).to.equal('MATH-7A3E-FB4C-6D');
    expect(input.selectionStart).to.equal(11);
    await press('Home');
    await sendKeys({ type: 'x' });
    await element.updateComplete;
    expect(input.value).to.equal('XMAT-H7A3-EFB4-C6D');
    expect(input.selectionStart).to.equal(1);
  });

  it('deletes the character before a hyphen on Backspace, and the one after it on Delete', async () => {
    const { element } = await mountRedeemKey();
    const input = await typeKeys(element, 'math7a3b');
    await press('ArrowLeft', 4);
    expect(input.selectionStart).to.equal(5);
    await press('Backspace');
    await element.updateComplete;
    expect(input.value).to.equal('MAT7-A3B');
    expect(input.selectionStart).to.equal(3);
    await press('Delete');
    await element.updateComplete;
    expect(input.value).to.equal('MATA-3B');
    expect(input.selectionStart).to.equal(3);
    await press('End');
    await press('Backspace', 2);
    await element.updateComplete;
    // No hyphen is left dangling at the end.
    expect(input.value).to.equal('MATA');
    expect(input.selectionStart).to.equal(4);
  });

  it('ignores the spaces and hyphens a user types along', async () => {
    const { element } = await mountRedeemKey();
    const input = await typeKeys(element, 'math 7a3b-4c6d  e7f6');
    expect(input.value).to.equal(keys.licence);
    expect(input.selectionStart).to.equal(19);
  });

  for (const [name, pasted] of [
    ['spaces and lower case', ' math 7a3b 4c6d e7f6 '],
    ['Unicode dashes', 'MATH–7A3B—4C6D‑E7F6'],
    ['full-width characters', 'ＭＡＴＨ－７Ａ３Ｂ－４Ｃ６Ｄ－Ｅ７Ｆ６'],
    ['a line break and invisible characters', 'MATH-7A3B\n4C6D\u200b-E7F6\u00a0'],
  ] as const) {
    it(`reads a pasted key with ${name}`, async () => {
      const { element } = await mountRedeemKey();
      const input = await paste(element, pasted);
      expect(input.value).to.equal(keys.licence);
      expect(input.selectionStart).to.equal(keys.licence.length);
      input.blur();
      await element.updateComplete;
      expect(ui(element).problem()).to.equal('');
    });
  }

  it('puts the caret behind what was pasted into the middle, and replaces a selection', async () => {
    const { element } = await mountRedeemKey();
    const input = await typeKeys(element, 'math4c6d');
    expect(input.value).to.equal('MATH-4C6D');
    await paste(element, '7a3b', 5);
    expect(input.value).to.equal('MATH-7A3B-4C6D');
    expect(input.selectionStart).to.equal(9);
    await withControl('KeyA');
    await paste(element, 'jahr 9t3u 4v6w x7y3');
    expect(input.value).to.equal(keys.journal);
  });

  it('redeems by keyboard alone: Tab, type, Enter, then on to the product and to another key', async () => {
    const { element } = await mountRedeemKey(html`<ks-redeem-key products-href="#produkte"></ks-redeem-key>`, { signedInAs: 'teacher' });
    const redeemed = collect('ks-key-redeemed');
    await press('Tab');
    expect(deepActiveElement()).to.equal(ui(element).input());
    await sendKeys({ type: keys.licence.toLowerCase() });
    await press('Tab');
    expect(deepActiveElement()).to.equal(ui(element).submit());
    await sendKeys({ down: 'Shift' });
    await press('Tab');
    await sendKeys({ up: 'Shift' });
    await press('Enter');
    await settled(element);
    redeemed.stop();
    expect(redeemed.events).to.have.length(1);
    await waitUntil(() => deepActiveElement() === ui(element).status(), 'focus on the message');
    await press('Tab');
    expect(deepActiveElement()).to.equal(ui(element).control('Zur Nutzung'));
    await press('Tab');
    expect(deepActiveElement()).to.equal(ui(element).control('Zu „Meine Lizenzen“'));
    await press('Tab');
    expect(deepActiveElement()).to.equal(ui(element).control('Weiteren Schlüssel einlösen'));
    await press('Enter');
    await waitUntil(() => deepActiveElement() === ui(element).input(), 'focus on the field');
    expect(ui(element).input()!.value).to.equal('');
    await sendKeys({ type: keys.download });
    await press('Enter');
    await settled(element);
    expect(ui(element).statusText()).to.include('Meine Downloads');
  });

  it('takes a held Enter as one submit', async () => {
    const { element, backend } = await mountRedeemKey(undefined, { signedInAs: 'teacher' });
    const spy = spyOnRedeem(backend);
    // Only the first keydown of a held key may submit.
    const repeat = new KeyboardEvent('keydown', { key: 'Enter', repeat: true, bubbles: true, cancelable: true, composed: true });
    ui(element).input()!.dispatchEvent(repeat);
    expect(repeat.defaultPrevented).to.equal(true);
    const first = new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true, composed: true });
    ui(element).input()!.dispatchEvent(first);
    expect(first.defaultPrevented).to.equal(false);
    // A lost answer keeps the key in the field and offers "Erneut versuchen": every submit that got
    // through would send the key again.
    backend.failNext('redeemKey', 'offline');
    const input = ui(element).input()!;
    input.focus();
    await sendKeys({ type: keys.licence });
    const repeats: boolean[] = [];
    const onKeydown = (event: KeyboardEvent) => event.key === 'Enter' && repeats.push(event.repeat);
    input.addEventListener('keydown', onKeydown);
    // Enter goes down and stays down (the browser repeats it) until the answer is long in.
    await sendKeys({ down: 'Enter' });
    await settled(element);
    for (let i = 0; i < 3; i += 1) await sendKeys({ down: 'Enter' });
    await sendKeys({ up: 'Enter' });
    await settled(element);
    input.removeEventListener('keydown', onKeydown);
    expect(spy.calls).to.have.length(1);
    expect(repeats).to.deep.equal([false, true, true, true]);
    expect(ui(element).submit()!.textContent?.trim()).to.equal('Erneut versuchen');
    expect(deepActiveElement()).to.equal(input);
    // A new press is a new submit: the retry.
    await press('Enter');
    await settled(element);
    expect(spy.calls).to.have.length(2);
    expect(ui(element).statusText()).to.include('Die Lizenz ist aktiviert.');
  });
});
