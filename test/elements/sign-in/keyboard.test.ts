import { expect, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { demoCredentials } from '../../support/fixture.js';
import { collect, deepActiveElement } from '../../support/helpers.js';
import { mountSignIn, ui } from './helpers.js';

const teacher = demoCredentials('teacher');

/** Presses Tab (or Shift+Tab) with real key events. */
async function tab(backwards = false): Promise<void> {
  if (backwards) await sendKeys({ down: 'Shift' });
  await sendKeys({ press: 'Tab' });
  if (backwards) await sendKeys({ up: 'Shift' });
}

describe('<ks-sign-in> by keyboard', () => {
  it('signs in with Tab, typing and Enter, in a sensible tab order', async () => {
    const { element, store } = await mountSignIn();
    const signedIn = collect('ks-signed-in');
    const controls = ui(element);
    await tab();
    expect(deepActiveElement()).to.equal(controls.email());
    await sendKeys({ type: teacher.email });
    await tab();
    expect(deepActiveElement()).to.equal(controls.password());
    await sendKeys({ type: teacher.password });
    await tab();
    expect(deepActiveElement()).to.equal(controls.toggle());
    await sendKeys({ press: 'Space' });
    await element.updateComplete;
    expect(controls.password()!.type).to.equal('text');
    await tab();
    expect(deepActiveElement()).to.equal(controls.button('Passwort vergessen?'));
    await tab();
    expect(deepActiveElement()).to.equal(controls.submit());
    await tab();
    expect(deepActiveElement()).to.equal(controls.button('Neues Konto erstellen'));
    await tab(true);
    await tab(true);
    await tab(true);
    await tab(true);
    expect(deepActiveElement()).to.equal(controls.password());
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => store.snapshot.status === 'signed-in');
    signedIn.stop();
    expect(signedIn.events).to.have.length(1);
  });

  it('Enter on an empty form shows the problems and puts focus on the first', async () => {
    const { element } = await mountSignIn();
    await tab();
    await sendKeys({ press: 'Enter' });
    await element.updateComplete;
    expect(ui(element).email()!.getAttribute('aria-invalid')).to.equal('true');
    await waitUntil(() => deepActiveElement() === ui(element).email());
    await sendKeys({ type: teacher.email });
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => deepActiveElement() === ui(element).password());
  });

  it('requests a password reset and comes back by keyboard', async () => {
    const { element } = await mountSignIn();
    await tab();
    await sendKeys({ type: teacher.email });
    await tab();
    await tab();
    await tab();
    expect(deepActiveElement()).to.equal(ui(element).button('Passwort vergessen?'));
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => deepActiveElement() === ui(element).email());
    expect(ui(element).email()!.value).to.equal(teacher.email);
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => ui(element).status().textContent?.includes('Falls ein Konto'));
    await waitUntil(() => deepActiveElement() === ui(element).status());
    await tab();
    expect(deepActiveElement()).to.equal(ui(element).button('Zurück zur Anmeldung'));
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => deepActiveElement() === ui(element).button('Passwort vergessen?'));
  });

  it('resends the confirmation with Enter, and a second Enter during the cooldown sends nothing', async () => {
    const { element, backend } = await mountSignIn();
    const unconfirmed = demoCredentials('unconfirmed');
    await tab();
    await sendKeys({ type: unconfirmed.email });
    await tab();
    await sendKeys({ type: unconfirmed.password });
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => ui(element).button('Bestätigungs-E-Mail erneut senden'));
    // Focus stayed in the password field; the resend button comes after the submit button.
    expect(deepActiveElement()).to.equal(ui(element).password());
    await tab();
    await tab();
    await tab();
    await tab();
    expect(deepActiveElement()).to.equal(ui(element).button('Bestätigungs-E-Mail erneut senden'));
    const sent = () => backend.mailbox.filter((mail) => mail.kind === 'confirm').length;
    const before = sent();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => ui(element).status().textContent?.trim());
    await sendKeys({ press: 'Enter' });
    await element.updateComplete;
    expect(sent()).to.equal(before + 1);
  });
});
