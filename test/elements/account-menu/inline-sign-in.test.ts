import { expect, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { MemoryBackend } from '../../../src/adapters/memory/index.js';
import { asksForNewPassword, loadSignIn } from '../../../src/ui/inline-sign-in.js';
import { demoCredentials, mount } from '../../support/fixture.js';
import {
  type Menu,
  click,
  expectFocusOnTrigger,
  focused,
  isOpen,
  item,
  liveRegion,
  panel,
  recordEventsInEachTest,
  settled,
  trigger,
} from './helpers.js';

/** Opens the menu by keyboard and chooses "Anmelden"; resolves once the form has focus. */
async function openSignIn(menu: Menu): Promise<HTMLElement> {
  trigger(menu).focus();
  await sendKeys({ press: 'Enter' });
  await settled(menu);
  await sendKeys({ press: 'Enter' });
  await waitUntil(() => menu.querySelector('ks-sign-in input') !== null, 'the sign-in form did not appear');
  const form = menu.querySelector<HTMLElement>('ks-sign-in')!;
  await waitUntil(() => form.contains(document.activeElement), 'focus did not move into the form');
  return form;
}

describe('<ks-account-menu> inline sign-in', () => {
  const recorder = recordEventsInEachTest();

  it('opens <ks-sign-in> in the panel, as a dialog, with focus on the e-mail field', async () => {
    const { element: menu } = await mount<Menu>(html`<ks-account-menu></ks-account-menu>`);
    const form = await openSignIn(menu);
    expect(recorder.of('ks-navigate').map((event) => event.detail)).to.deep.equal([{ to: 'sign-in' }]);
    expect(menu.view).to.equal('sign-in');
    expect(isOpen(menu)).to.equal(true);
    expect(panel(menu).getAttribute('role')).to.equal('dialog');
    expect(panel(menu).getAttribute('aria-label')).to.equal('Anmelden');
    expect(trigger(menu).getAttribute('aria-haspopup')).to.equal('dialog');
    expect(trigger(menu).getAttribute('aria-controls')).to.equal(panel(menu).id);
    expect(menu.shadowRoot!.querySelector('[role="menu"]'), 'element').to.equal(null);
    // In the light DOM, slotted into the panel: password managers see the form.
    expect(form.parentElement, 'parent of the form').to.equal(menu);
    expect(form.assignedSlot?.name).to.equal('sign-in');
    expect(document.activeElement, 'focus').to.equal(document.querySelector('ks-account-menu ks-sign-in input[autocomplete="username"]'));
    await expect(menu).to.be.accessible();
  });

  it('closes on Escape with focus back on the trigger, and keeps what was typed for the next time', async () => {
    const { element: menu } = await mount<Menu>(html`<ks-account-menu></ks-account-menu>`);
    const form = await openSignIn(menu);
    await sendKeys({ type: 'dana@example.org' });
    await sendKeys({ press: 'Escape' });
    await settled(menu);
    expect(isOpen(menu)).to.equal(false);
    expect(menu.view).to.equal('menu');
    expectFocusOnTrigger(menu);

    await sendKeys({ press: 'Enter' });
    await settled(menu);
    expect(panel(menu).getAttribute('role')).to.equal(null);
    expect(focused(menu)?.textContent?.trim()).to.equal('Anmelden');
    const again = await openSignIn(menu);
    expect(again, 'the form').to.equal(form);
    expect(form.querySelector<HTMLInputElement>('input[autocomplete="username"]')!.value).to.equal('dana@example.org');
  });

  it('closes on a click on the trigger after the user moved between the fields with Tab', async () => {
    const { element: menu } = await mount<Menu>(html`<ks-account-menu></ks-account-menu>`);
    await openSignIn(menu);
    await sendKeys({ press: 'Tab' });
    await click(trigger(menu));
    await settled(menu);
    expect(isOpen(menu)).to.equal(false);
  });

  it('closes when Shift+Tab leaves the form for the trigger', async () => {
    const { element: menu } = await mount<Menu>(html`<ks-account-menu></ks-account-menu>`);
    await openSignIn(menu);
    await sendKeys({ down: 'Shift' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ up: 'Shift' });
    await settled(menu);
    expectFocusOnTrigger(menu);
    expect(isOpen(menu)).to.equal(false);
  });

  it('closes when a click lands outside', async () => {
    const { element: menu } = await mount<Menu>(html`<ks-account-menu></ks-account-menu>`);
    await openSignIn(menu);
    await click(document.body);
    await settled(menu);
    expect(isOpen(menu)).to.equal(false);
  });

  it('signs in: the panel closes, the trigger shows who is signed in and says so in the live region', async () => {
    const { element: menu, store } = await mount<Menu>(html`<ks-account-menu></ks-account-menu>`);
    const form = await openSignIn(menu);
    const { email, password } = demoCredentials('teacher');
    await sendKeys({ type: email });
    form.querySelector<HTMLInputElement>('input[autocomplete="current-password"]')!.focus();
    await sendKeys({ type: password });
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => store.snapshot.status === 'signed-in', 'did not sign in');
    await settled(menu);
    expect(isOpen(menu)).to.equal(false);
    expect(menu.view).to.equal('menu');
    expect(trigger(menu).getAttribute('aria-label')).to.equal('DD – Konto von Dana Demo');
    expectFocusOnTrigger(menu);
    expect(liveRegion(menu).textContent!.trim()).to.equal('Sie sind jetzt angemeldet als Dana Demo.');
    // The form stays in the light DOM, no longer shown, and has told the page.
    expect(form.isConnected).to.equal(true);
    expect(form.assignedSlot, 'slot of the form').to.equal(null);
    expect(form.querySelector<HTMLInputElement>('input[autocomplete="current-password"]')?.value ?? '').to.equal('');
    expect(recorder.of('ks-signed-in')).to.have.length(1);
    await expect(menu).to.be.accessible();
  });

  it('opens the inline form from the view property without taking focus (for stories)', async () => {
    const { element: menu } = await mount<Menu>(html`<ks-account-menu open view="sign-in"></ks-account-menu>`);
    await waitUntil(() => menu.querySelector('ks-sign-in input') !== null, 'the sign-in form did not appear');
    expect(panel(menu).getAttribute('role')).to.equal('dialog');
    expect(menu.contains(document.activeElement)).to.equal(false);
    expect(recorder.events).to.deep.equal([]);
  });

  it('gives the form the menu\'s register-href', async () => {
    const { element: menu } = await mount<Menu>(html`<ks-account-menu open view="sign-in" register-href="/registrieren"></ks-account-menu>`);
    await waitUntil(() => menu.querySelector('ks-sign-in a') !== null, 'the sign-in form did not appear');
    expect(menu.querySelector('ks-sign-in')!.getAttribute('register-href')).to.equal('/registrieren');
    expect(menu.querySelector('ks-sign-in a[href="/registrieren"]')).to.not.equal(null);
  });

  it('uses a <ks-sign-in slot="sign-in"> the page put there', async () => {
    const { element: menu } = await mount<Menu>(
      html`<ks-account-menu open view="sign-in"><ks-sign-in slot="sign-in" email="vorher@example.org"></ks-sign-in></ks-account-menu>`,
    );
    await waitUntil(() => menu.querySelector('ks-sign-in input') !== null, 'the sign-in form did not appear');
    expect(menu.querySelectorAll('ks-sign-in')).to.have.length(1);
    expect(menu.querySelector<HTMLInputElement>('ks-sign-in input[autocomplete="username"]')!.value).to.equal('vorher@example.org');
  });

  it('shows only the menu when the user is signed in, whatever the view', async () => {
    const { element: menu } = await mount<Menu>(html`<ks-account-menu open view="sign-in"></ks-account-menu>`, { signedInAs: 'teacher' });
    await settled(menu);
    expect(panel(menu).getAttribute('role')).to.equal(null);
    expect(item(menu, 'Abmelden')).to.exist;
    expect(menu.querySelector('ks-sign-in'), 'element').to.equal(null);
  });

  describe('asksForNewPassword', () => {
    it('reads the public view of <ks-sign-in>, not its markup', async () => {
      await loadSignIn();
      const backend = new MemoryBackend();
      const { email } = demoCredentials('teacher');
      await backend.requestPasswordReset(email, { signal: new AbortController().signal });
      const token = backend.mailbox.filter((mail) => mail.kind === 'reset').at(-1)!.token!;
      const original = `${location.pathname}${location.search}`;
      history.replaceState(null, '', `${location.pathname}${location.search ? `${location.search}&` : '?'}ks-reset=${token}`);
      let form: HTMLElement;
      try {
        ({ element: form } = await mount<HTMLElement>(html`<ks-sign-in></ks-sign-in>`, { backend }));
      } finally {
        history.replaceState(null, '', original);
      }
      expect((form as HTMLElement & { view: string }).view).to.equal('new-password');
      expect(asksForNewPassword(form)).to.equal(true);

      // A form on the sign-in view asks for no new password, whatever other markup it holds.
      const { element: other } = await mount<HTMLElement>(html`<ks-sign-in></ks-sign-in>`);
      expect((other as HTMLElement & { view: string }).view).to.equal('sign-in');
      const stray = document.createElement('input');
      stray.autocomplete = 'new-password';
      other.append(stray);
      expect(asksForNewPassword(other)).to.equal(false);
      expect(asksForNewPassword(null)).to.equal(false);
      // Not upgraded yet (or not a <ks-sign-in>): no view, so no.
      expect(asksForNewPassword(document.createElement('div'))).to.equal(false);
    });
  });
});
