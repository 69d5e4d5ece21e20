import { expect, html, waitUntil } from '@open-wc/testing';
import type { KsSignIn } from '../../../src/elements/sign-in/sign-in.js';
import { demoCredentials } from '../../support/fixture.js';
import { deepActiveElement, spyOn } from '../../support/helpers.js';
import { mountSignIn, typeInto, ui } from './helpers.js';

const teacher = demoCredentials('teacher');

async function openReset(element: KsSignIn): Promise<void> {
  ui(element).button('Passwort vergessen?')!.click();
  await element.updateComplete;
}

function submitReset(element: KsSignIn): void {
  ui(element).submit()!.focus();
  ui(element).form()!.requestSubmit();
}

describe('<ks-sign-in> password reset request', () => {
  it('"Passwort vergessen?" switches to the reset form with the e-mail prefilled and focused', async () => {
    const { element } = await mountSignIn();
    typeInto(ui(element).email()!, teacher.email);
    await openReset(element);
    const email = ui(element).email()!;
    expect(ui(element).password()).to.equal(null);
    expect(email.value).to.equal(teacher.email);
    expect(email.type).to.equal('email');
    expect(email.labels?.[0]?.textContent?.trim()).to.equal('E-Mail-Adresse');
    const title = element.querySelector(`#${ui(element).form()!.getAttribute('aria-labelledby')}`);
    expect(title?.textContent?.trim()).to.equal('Kennwort zurücksetzen');
    const intro = element.querySelector(`#${email.getAttribute('aria-describedby')}`);
    expect(intro?.textContent).to.include('Wir schicken Ihnen einen Link');
    expect(ui(element).submit()!.textContent?.trim()).to.equal('Link zum Zurücksetzen senden');
    await waitUntil(() => deepActiveElement() === email, 'focus on the e-mail');
    await expect(element).to.be.accessible();
  });

  it('answers the same whether or not an account exists', async () => {
    const answers: string[] = [];
    for (const address of [teacher.email, 'niemand@keyshelf.example']) {
      const { element, backend } = await mountSignIn(html`<ks-sign-in email=${address}></ks-sign-in>`);
      await openReset(element);
      submitReset(element);
      await waitUntil(() => ui(element).status().textContent?.trim());
      answers.push(ui(element).status().textContent!.trim().replace(address, '{email}'));
      expect(ui(element).form()).to.equal(null);
      // Only the backend knows the difference: it mails the account, and nobody else.
      expect(backend.mailbox.filter((mail) => mail.kind === 'reset').map((mail) => mail.to)).to.deep.equal(
        address === teacher.email ? [teacher.email] : [],
      );
    }
    expect(answers[0]).to.equal(answers[1]);
    expect(answers[0]).to.match(/^Falls ein Konto mit der E-Mail-Adresse \{email\} besteht, haben wir Ihnen eine E-Mail/);
    expect(answers[0]).to.include('Spam- oder Junk-Mail-Ordner');
  });

  it('moves focus to the confirmation when the form goes away, and offers the way back', async () => {
    const { element } = await mountSignIn(html`<ks-sign-in email=${teacher.email}></ks-sign-in>`);
    await openReset(element);
    submitReset(element);
    await waitUntil(() => ui(element).status().textContent?.trim());
    await waitUntil(() => deepActiveElement() === ui(element).status(), 'focus on the confirmation');
    expect(ui(element).button('Zurück zur Anmeldung')).to.exist;
    await expect(element).to.be.accessible();
  });

  it('checks the address before it sends anything', async () => {
    const { element, backend } = await mountSignIn();
    const reset = spyOn(backend, 'requestPasswordReset');
    await openReset(element);
    submitReset(element);
    await element.updateComplete;
    const email = ui(element).email()!;
    expect(ui(element).problemOf(email)).to.equal('Bitte geben Sie Ihre E-Mail-Adresse ein.');
    expect(email.getAttribute('aria-invalid')).to.equal('true');
    await waitUntil(() => deepActiveElement() === email);
    typeInto(email, 'keine-adresse');
    submitReset(element);
    await element.updateComplete;
    expect(ui(element).problemOf(email)).to.include('gültige E-Mail-Adresse');
    expect(reset.calls).to.have.length(0);
    await expect(element).to.be.accessible();
  });

  it('is busy while the request is in flight and sends one request', async () => {
    const { element, store } = await mountSignIn(html`<ks-sign-in email=${teacher.email}></ks-sign-in>`);
    // Counted at the store, which would merge a second call in flight by itself.
    const reset = spyOn(store, 'requestPasswordReset', { hold: true });
    await openReset(element);
    submitReset(element);
    submitReset(element);
    await element.updateComplete;
    expect(ui(element).submit()!.getAttribute('aria-disabled')).to.equal('true');
    expect(ui(element).submit()!.textContent?.trim()).to.equal('Wird gesendet …');
    expect(reset.calls).to.have.length(1);
    await expect(element).to.be.accessible();
    reset.release();
    await waitUntil(() => ui(element).status().textContent?.trim());
  });

  it('says what happened on a network failure and sends again with "Erneut versuchen"', async () => {
    const { element, backend } = await mountSignIn(html`<ks-sign-in email=${teacher.email}></ks-sign-in>`);
    backend.failNext('requestPasswordReset', 'offline');
    await openReset(element);
    submitReset(element);
    await waitUntil(() => ui(element).alert().textContent?.trim());
    expect(ui(element).alert().textContent).to.include('Keine Verbindung.');
    expect(ui(element).email()!.value).to.equal(teacher.email);
    await expect(element).to.be.accessible();
    ui(element).button('Erneut versuchen')!.click();
    await waitUntil(() => ui(element).status().textContent?.includes('Falls ein Konto'));
  });

  it('counts down a rate limit before the next request', async () => {
    const { element, backend } = await mountSignIn(html`<ks-sign-in email=${teacher.email}></ks-sign-in>`);
    backend.failNext('requestPasswordReset', 'rate-limited', { retryAfter: 1 });
    await openReset(element);
    submitReset(element);
    await waitUntil(() => ui(element).alert().textContent?.trim());
    expect(ui(element).hints()).to.deep.equal(['Sie können es in 1 Sekunde erneut versuchen.']);
    expect(ui(element).submit()!.getAttribute('aria-disabled')).to.equal('true');
    await expect(element).to.be.accessible();
    await waitUntil(() => ui(element).submit()!.getAttribute('aria-disabled') === 'false', 'the block ends', { timeout: 4000 });
    expect(ui(element).status().textContent?.trim()).to.equal('Sie können es jetzt erneut versuchen.');
  });

  it('goes back to sign-in with the address and focus on "Passwort vergessen?"', async () => {
    const { element } = await mountSignIn();
    typeInto(ui(element).email()!, teacher.email);
    typeInto(ui(element).password()!, 'noch-da');
    await openReset(element);
    typeInto(ui(element).email()!, 'anna@example.org');
    ui(element).button('Zurück zur Anmeldung')!.click();
    await element.updateComplete;
    expect(ui(element).email()!.value).to.equal('anna@example.org');
    expect(ui(element).password()!.value).to.equal('noch-da');
    await waitUntil(() => deepActiveElement() === ui(element).button('Passwort vergessen?'));
    await expect(element).to.be.accessible();
  });
});
