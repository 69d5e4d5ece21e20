import { expect, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../support/probe-element.js';
import { CONFIRMATION_TTL_MS, MemoryBackend } from '../../../src/adapters/memory/index.js';
import type { KsSignIn } from '../../../src/elements/sign-in/sign-in.js';
import { demoCredentials } from '../../support/fixture.js';
import { collect, deepActiveElement, followLink, mailedToken, spyOn } from '../../support/helpers.js';
import { mountSignIn, typeInto, ui } from './helpers.js';

const unconfirmed = demoCredentials('unconfirmed');
const signal = () => new AbortController().signal;
const CONFIRMED = 'Ihre E-Mail-Adresse ist bestätigt. Sie sind jetzt angemeldet.';
const INVALID = 'Der Bestätigungslink ist ungültig oder abgelaufen.';

let broken = 0;
/** A token no backend issued; a new one each time, as a page takes a token only once. */
const brokenToken = () => `broken-${++broken}-${'x'.repeat(36)}`;

let restoreUrl: (() => void) | undefined;
afterEach(() => {
  restoreUrl?.();
  restoreUrl = undefined;
});

/** A MemoryBackend that has mailed a confirmation link to the unconfirmed demo account. */
async function backendWithLink(backend = new MemoryBackend()) {
  await backend.resendConfirmation(unconfirmed.email, { signal: signal() });
  return { backend, token: mailedToken(backend, 'confirm', unconfirmed.email) };
}

function submitResend(element: KsSignIn): void {
  ui(element).submit()!.focus();
  ui(element).form()!.requestSubmit();
}

describe('<ks-sign-in> after a confirmation link', () => {
  it('says the address is being confirmed, shows no form meanwhile, then that the user is signed in', async () => {
    const { backend, token } = await backendWithLink();
    const confirm = spyOn(backend, 'confirmEmail', { hold: true });
    const signedIn = collect('ks-signed-in');
    restoreUrl = followLink(`ks-confirm=${token}`);
    const { element, store } = await mountSignIn(undefined, { backend });
    expect(ui(element).status().textContent?.trim()).to.equal('Ihre E-Mail-Adresse wird bestätigt …');
    expect(ui(element).form()).to.equal(null);
    expect(element.matches(':state(busy)')).to.equal(true);
    await expect(element).to.be.accessible();
    confirm.release();
    await waitUntil(() => ui(element).status().textContent?.trim() === CONFIRMED, 'the confirmed message');
    expect(store.snapshot.status).to.equal('signed-in');
    expect(store.snapshot.user?.email).to.equal(unconfirmed.email);
    expect(ui(element).form()).to.equal(null);
    expect(element.matches(':state(busy)')).to.equal(false);
    expect(confirm.calls.map(([sent]) => sent)).to.deep.equal([token]);
    // The session came from the link, not from this form.
    signedIn.stop();
    expect(signedIn.events).to.have.length(0);
    await expect(element).to.be.accessible();
  });

  it('shows the outcome when it is added later: the confirmation does not wait for it', async () => {
    const { backend, token } = await backendWithLink();
    restoreUrl = followLink(`ks-confirm=${token}`);
    // A page whose only sign-in form is in a closed menu: only another element is there at first.
    const { provider, store } = await mountSignIn(html`<ks-test-probe></ks-test-probe>`, { backend });
    await waitUntil(() => store.snapshot.status === 'signed-in', 'confirmed without <ks-sign-in>');
    const element = document.createElement('ks-sign-in') as KsSignIn;
    provider.append(element);
    await element.updateComplete;
    expect(ui(element).status().textContent?.trim()).to.equal(CONFIRMED);
  });

  it('shows a failure that happened before it was added', async () => {
    restoreUrl = followLink(`ks-confirm=${brokenToken()}`);
    const { provider, store } = await mountSignIn(html`<ks-test-probe></ks-test-probe>`);
    await waitUntil(() => store.snapshot.emailConfirmation.state === 'failed', 'the failure without <ks-sign-in>');
    const element = document.createElement('ks-sign-in') as KsSignIn;
    provider.append(element);
    await element.updateComplete;
    expect(ui(element).alert().textContent?.trim()).to.equal(INVALID);
    expect(ui(element).submit()!.textContent?.trim()).to.equal('Bestätigungs-E-Mail erneut senden');
  });

  for (const code of ['token-invalid', 'token-expired'] as const) {
    it(`explains a link that is ${code === 'token-invalid' ? 'used or broken' : 'expired'} and asks for the address to send a new one`, async () => {
      let now = Date.parse('2026-03-02T08:00:00Z');
      const { backend, token } = await backendWithLink(new MemoryBackend({ now: () => new Date(now) }));
      now += CONFIRMATION_TTL_MS + 1000;
      restoreUrl = followLink(`ks-confirm=${code === 'token-invalid' ? brokenToken() : token}`);
      const { element, store } = await mountSignIn(undefined, { backend });
      await waitUntil(() => ui(element).alert().textContent?.trim(), 'the failure');
      const failure = store.snapshot.emailConfirmation;
      expect(failure.state === 'failed' && failure.error.fieldErrors?.[0]?.code).to.equal(code);
      expect(ui(element).alert().textContent?.trim()).to.equal(INVALID);
      const form = ui(element).form()!;
      const title = element.querySelector(`#${form.getAttribute('aria-labelledby')}`);
      expect(title?.textContent?.trim()).to.equal('Neuen Bestätigungslink anfordern');
      const email = ui(element).email()!;
      expect(email.type).to.equal('email');
      expect(email.value).to.equal('');
      // The field is described by the intro and by the alert that says why.
      expect(email.getAttribute('aria-describedby')?.split(' ')).to.include(ui(element).alert().id);
      expect(ui(element).submit()!.textContent?.trim()).to.equal('Bestätigungs-E-Mail erneut senden');
      expect(store.snapshot.status).to.equal('signed-out');
      await expect(element).to.be.accessible();
    });
  }

  it('sends a new link to the address typed, by keyboard, and says where it went', async () => {
    const backend = new MemoryBackend();
    restoreUrl = followLink(`ks-confirm=${brokenToken()}`);
    const { element } = await mountSignIn(undefined, { backend });
    await waitUntil(() => ui(element).email(), 'the resend form');
    ui(element).email()!.focus();
    await sendKeys({ type: unconfirmed.email });
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => ui(element).status().textContent?.includes('erneut an'), 'the confirmation of the resend');
    expect(ui(element).status().textContent?.trim()).to.equal(
      `Wir haben Ihnen die Bestätigungs-E-Mail erneut an ${unconfirmed.email} geschickt. Sollte sie nicht in Ihrem Posteingang zu sehen sein, prüfen Sie bitte den Spam- oder Junk-Mail-Ordner.`,
    );
    expect(backend.mailbox.filter((mail) => mail.kind === 'confirm').map((mail) => mail.to)).to.deep.equal([unconfirmed.email]);
    expect(ui(element).form()).to.equal(null);
    expect(ui(element).alert().textContent?.trim()).to.equal('');
    await waitUntil(() => deepActiveElement() === ui(element).status(), 'focus on the message');
    expect(ui(element).button('Zurück zur Anmeldung')).to.exist;
    await expect(element).to.be.accessible();
  });

  it('checks the address before it sends anything and keeps saying why', async () => {
    const backend = new MemoryBackend();
    const resend = spyOn(backend, 'resendConfirmation');
    restoreUrl = followLink(`ks-confirm=${brokenToken()}`);
    const { element } = await mountSignIn(undefined, { backend });
    await waitUntil(() => ui(element).email(), 'the resend form');
    submitResend(element);
    await element.updateComplete;
    const email = ui(element).email()!;
    expect(ui(element).problemOf(email)).to.equal('Bitte geben Sie Ihre E-Mail-Adresse ein.');
    await waitUntil(() => deepActiveElement() === email, 'focus on the field');
    expect(ui(element).alert().textContent?.trim()).to.equal(INVALID);
    expect(resend.calls).to.have.length(0);
    await expect(element).to.be.accessible();
  });

  it('goes back to sign-in with the typed address', async () => {
    restoreUrl = followLink(`ks-confirm=${brokenToken()}`);
    const { element } = await mountSignIn();
    await waitUntil(() => ui(element).email(), 'the resend form');
    typeInto(ui(element).email()!, unconfirmed.email);
    ui(element).button('Zurück zur Anmeldung')!.click();
    await element.updateComplete;
    expect(ui(element).password()).to.exist;
    expect(ui(element).email()!.value).to.equal(unconfirmed.email);
    expect(ui(element).alert().textContent?.trim()).to.equal('');
    await waitUntil(() => deepActiveElement() === ui(element).email(), 'focus on the address');
  });

  it('on a network failure, says so, keeps the sign-in form and confirms with "Erneut versuchen"', async () => {
    const { backend, token } = await backendWithLink();
    backend.failNext('confirmEmail', 'offline');
    restoreUrl = followLink(`ks-confirm=${token}`);
    const { element, store } = await mountSignIn(undefined, { backend });
    await waitUntil(() => ui(element).alert().textContent?.trim(), 'the failure');
    expect(ui(element).alert().textContent?.trim()).to.equal(
      'Ihre E-Mail-Adresse konnte nicht bestätigt werden. Keine Verbindung. Bitte prüfen Sie Ihre Internetverbindung und versuchen Sie es erneut.',
    );
    expect(ui(element).password()).to.exist;
    await expect(element).to.be.accessible();
    const retry = ui(element).button('Erneut versuchen')!;
    retry.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => ui(element).status().textContent?.trim() === CONFIRMED, 'confirmed on retry');
    expect(store.snapshot.user?.email).to.equal(unconfirmed.email);
    // The button went away under the user's focus: focus went to the message.
    await waitUntil(() => deepActiveElement() === ui(element).status(), 'focus on the message');
  });

  it('speaks English under lang="en"', async () => {
    restoreUrl = followLink(`ks-confirm=${brokenToken()}`);
    const { element } = await mountSignIn(undefined, { lang: 'en' });
    await waitUntil(() => ui(element).alert().textContent?.trim(), 'the failure');
    expect(ui(element).alert().textContent?.trim()).to.equal('The confirmation link is invalid or has expired.');
    expect(ui(element).submit()!.textContent?.trim()).to.equal('Resend confirmation e-mail');
    await expect(element).to.be.accessible();
  });
});
