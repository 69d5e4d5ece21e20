import { expect, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { MemoryBackend, PASSWORD_RESET_TTL_MS } from '../../../src/adapters/memory/index.js';
import type { KsSignIn } from '../../../src/elements/sign-in/sign-in.js';
import { demoCredentials } from '../../support/fixture.js';
import { deepActiveElement, followLink, mailedToken, spyOn } from '../../support/helpers.js';
import { fillAndSubmit, mountSignIn, typeInto, ui } from './helpers.js';

const teacher = demoCredentials('teacher');
const NEW_PASSWORD = 'Blaue-Giraffe-am-Fluss';
const CHANGED = 'Ihr Kennwort wurde geändert. Bitte melden Sie sich mit dem neuen Kennwort an.';
const LINK_INVALID = 'Der Link zum Zurücksetzen Ihres Kennworts ist ungültig oder abgelaufen. Bitte fordern Sie einen neuen Link an.';
const signal = () => new AbortController().signal;

let restoreUrl: (() => void) | undefined;
afterEach(() => {
  restoreUrl?.();
  restoreUrl = undefined;
});

/** A MemoryBackend that has mailed a reset link to the teacher. */
async function backendWithLink(backend = new MemoryBackend()) {
  await backend.requestPasswordReset(teacher.email, { signal: signal() });
  return { backend, token: mailedToken(backend, 'reset', teacher.email) };
}

/** Follows the reset link and mounts `<ks-sign-in>` (or `template`) on `backend`. */
async function openResetLink(token: string, backend: MemoryBackend, template?: ReturnType<typeof html>, lang?: 'de' | 'en') {
  restoreUrl = followLink(`ks-reset=${encodeURIComponent(token)}&utm_source=mail`);
  const mounted = await mountSignIn(template, { backend, ...(lang ? { lang } : {}) });
  // The hint needs the registration options (the policy).
  await waitUntil(() => mounted.store.snapshot.registrationOptions.state === 'loaded', 'the password policy');
  await mounted.element.updateComplete;
  return mounted;
}

const newPassword = (element: KsSignIn) => element.querySelector<HTMLInputElement>('input[autocomplete=new-password]');

function submit(element: KsSignIn): void {
  ui(element).submit()!.focus();
  ui(element).form()!.requestSubmit();
}

describe('<ks-sign-in> after a password-reset link', () => {
  it('takes the token off the URL and asks for the new password, with the minimum length as a hint', async () => {
    const { backend, token } = await backendWithLink();
    const { element, store } = await openResetLink(token, backend);
    expect(location.search).to.not.include('ks-reset');
    expect(location.search).to.include('utm_source=mail');
    expect(store.snapshot.passwordResetPending).to.equal(false);
    const form = ui(element).form()!;
    expect(element.querySelector(`#${form.getAttribute('aria-labelledby')}`)?.textContent?.trim()).to.equal('Neues Kennwort festlegen');
    const password = newPassword(element)!;
    expect(password.type).to.equal('password');
    expect(password.form).to.equal(form);
    expect(password.labels?.[0]?.textContent?.trim()).to.equal('Neues Kennwort');
    const descriptions = (password.getAttribute('aria-describedby') ?? '').split(' ').map((id) => element.querySelector(`#${id}`)?.textContent?.trim());
    expect(descriptions).to.include('Mindestens 12 Zeichen.');
    // The page does not know whose link it is: the address is asked for, for the password manager and the sign-in after.
    const email = ui(element).email()!;
    expect(email.form).to.equal(form);
    expect(email.hidden).to.equal(false);
    expect(ui(element).toggle()!.getAttribute('aria-controls')).to.equal(password.id);
    expect(ui(element).submit()!.textContent?.trim()).to.equal('Kennwort speichern');
    await expect(element).to.be.accessible();
  });

  it('keeps the token in memory only', async () => {
    const { backend, token } = await backendWithLink();
    const { element } = await openResetLink(token, backend);
    expect(newPassword(element)).to.exist;
    expect(document.documentElement.outerHTML).to.not.include(token);
    for (const storage of [sessionStorage, localStorage]) {
      for (let index = 0; index < storage.length; index += 1) expect(storage.getItem(storage.key(index)!)).to.not.include(token);
    }
  });

  it('sends a known address in a hidden username field of the same form', async () => {
    const { backend, token } = await backendWithLink();
    const { element } = await openResetLink(token, backend, html`<ks-sign-in email=${teacher.email}></ks-sign-in>`);
    const username = element.querySelector<HTMLInputElement>('input[autocomplete=username]')!;
    expect(username.hidden).to.equal(true);
    expect(username.value).to.equal(teacher.email);
    expect(username.form).to.equal(newPassword(element)!.form);
    expect(getComputedStyle(username).display).to.equal('none');
    await expect(element).to.be.accessible();
  });

  it('shows and hides the new password', async () => {
    const { backend, token } = await backendWithLink();
    const { element } = await openResetLink(token, backend);
    typeInto(newPassword(element)!, NEW_PASSWORD);
    ui(element).toggle()!.click();
    await element.updateComplete;
    expect(newPassword(element)!.type).to.equal('text');
    expect(ui(element).toggle()!.getAttribute('aria-pressed')).to.equal('true');
    await expect(element).to.be.accessible();
  });

  it('checks the length and the address before it sends anything', async () => {
    const { backend, token } = await backendWithLink();
    const complete = spyOn(backend, 'completePasswordReset');
    const { element } = await openResetLink(token, backend);
    typeInto(ui(element).email()!, teacher.email);
    typeInto(newPassword(element)!, 'kurz');
    submit(element);
    await element.updateComplete;
    const password = newPassword(element)!;
    expect(ui(element).problemOf(password)).to.equal('Das Kennwort ist zu kurz. Bitte verwenden Sie mindestens 12 Zeichen.');
    expect(password.getAttribute('aria-invalid')).to.equal('true');
    await waitUntil(() => deepActiveElement() === password, 'focus on the password');
    await expect(element).to.be.accessible();
    typeInto(password, 'lehrkraft-und-mehr');
    submit(element);
    await element.updateComplete;
    expect(ui(element).problemOf(password)).to.equal('Das Kennwort darf Ihre E-Mail-Adresse nicht enthalten. Bitte wählen Sie ein anderes.');
    typeInto(password, '');
    submit(element);
    await element.updateComplete;
    expect(ui(element).problemOf(password)).to.equal('Bitte geben Sie ein neues Kennwort ein.');
    expect(complete.calls).to.have.length(0);
  });

  it('shows a password the backend refuses on the field, and takes another one with the same link', async () => {
    const { backend, token } = await backendWithLink();
    backend.failNext('completePasswordReset', 'validation', { fieldErrors: [{ field: 'password', code: 'password-too-common' }] });
    const { element } = await openResetLink(token, backend);
    typeInto(ui(element).email()!, teacher.email);
    typeInto(newPassword(element)!, 'Passwort12345');
    submit(element);
    await waitUntil(() => ui(element).problemOf(newPassword(element)!), 'the refusal');
    expect(ui(element).problemOf(newPassword(element)!)).to.equal(
      'Dieses Kennwort ist sehr verbreitet und leicht zu erraten. Bitte wählen Sie ein anderes.',
    );
    await waitUntil(() => deepActiveElement() === newPassword(element), 'focus on the password');
    await expect(element).to.be.accessible();
    // The address the user typed was another one: only the backend knows it is the account's.
    typeInto(ui(element).email()!, 'anna@example.org');
    typeInto(newPassword(element)!, 'lehrkraft-Passwort-1');
    await element.updateComplete;
    expect(ui(element).problemOf(newPassword(element)!)).to.equal('');
    submit(element);
    await waitUntil(() => ui(element).problemOf(newPassword(element)!), 'the second refusal');
    expect(ui(element).problemOf(newPassword(element)!)).to.include('nicht enthalten');
    typeInto(newPassword(element)!, NEW_PASSWORD);
    submit(element);
    await waitUntil(() => ui(element).status().textContent?.trim() === CHANGED, 'the password is changed');
  });

  it('goes back to the sign-in form with the address, says the password is changed, and signs in with the new one', async () => {
    const { backend, token } = await backendWithLink();
    const { element, store } = await openResetLink(token, backend);
    ui(element).email()!.focus();
    await sendKeys({ type: teacher.email });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ type: NEW_PASSWORD });
    expect(deepActiveElement()).to.equal(newPassword(element));
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => ui(element).status().textContent?.trim() === CHANGED, 'the password is changed');
    expect(newPassword(element)).to.equal(null);
    expect(ui(element).email()!.value).to.equal(teacher.email);
    expect(ui(element).password()!.value).to.equal('');
    await waitUntil(() => deepActiveElement() === ui(element).password(), 'focus on the password');
    expect(store.snapshot.status).to.equal('signed-out');
    await expect(element).to.be.accessible();
    await sendKeys({ type: NEW_PASSWORD });
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => store.snapshot.status === 'signed-in', 'signed in with the new password');
  });

  for (const code of ['token-invalid', 'token-expired'] as const) {
    it(`explains a ${code === 'token-invalid' ? 'used or broken' : 'expired'} link and offers "Neuen Link anfordern"`, async () => {
      let now = Date.parse('2026-03-02T08:00:00Z');
      const { backend, token } = await backendWithLink(new MemoryBackend({ now: () => new Date(now) }));
      const { element } = await openResetLink(code === 'token-invalid' ? `broken-${'y'.repeat(40)}` : token, backend);
      now += PASSWORD_RESET_TTL_MS + 1000;
      typeInto(ui(element).email()!, teacher.email);
      typeInto(newPassword(element)!, NEW_PASSWORD);
      submit(element);
      await waitUntil(() => ui(element).alert().textContent?.trim(), 'the failure');
      expect(ui(element).alert().textContent?.trim()).to.equal(LINK_INVALID);
      expect(ui(element).form()).to.equal(null);
      await waitUntil(() => deepActiveElement() === ui(element).alert(), 'focus on the alert');
      await expect(element).to.be.accessible();
      await sendKeys({ press: 'Tab' });
      expect(deepActiveElement()).to.equal(ui(element).button('Neuen Link anfordern'));
      await sendKeys({ press: 'Enter' });
      await element.updateComplete;
      const form = ui(element).form()!;
      expect(element.querySelector(`#${form.getAttribute('aria-labelledby')}`)?.textContent?.trim()).to.equal('Kennwort zurücksetzen');
      expect(ui(element).email()!.value).to.equal(teacher.email);
      await waitUntil(() => deepActiveElement() === ui(element).email(), 'focus on the address');
      submit(element);
      await waitUntil(() => backend.mailbox.filter((mail) => mail.kind === 'reset').length === 2, 'a new link');
    });
  }

  it('says what happened on a network failure and sends again, keeping the input', async () => {
    const { backend, token } = await backendWithLink();
    backend.failNext('completePasswordReset', 'offline');
    const { element } = await openResetLink(token, backend);
    typeInto(ui(element).email()!, teacher.email);
    typeInto(newPassword(element)!, NEW_PASSWORD);
    submit(element);
    await waitUntil(() => ui(element).alert().textContent?.trim(), 'the failure');
    expect(ui(element).alert().textContent).to.include('Keine Verbindung.');
    expect(newPassword(element)!.value).to.equal(NEW_PASSWORD);
    expect(ui(element).email()!.value).to.equal(teacher.email);
    await expect(element).to.be.accessible();
    ui(element).button('Erneut versuchen')!.click();
    await waitUntil(() => ui(element).status().textContent?.trim() === CHANGED, 'the password is changed');
  });

  it('is busy while the password is sent and sends it once', async () => {
    const { backend, token } = await backendWithLink();
    const complete = spyOn(backend, 'completePasswordReset', { hold: true });
    const { element } = await openResetLink(token, backend);
    typeInto(ui(element).email()!, teacher.email);
    typeInto(newPassword(element)!, NEW_PASSWORD);
    submit(element);
    submit(element);
    await element.updateComplete;
    expect(ui(element).submit()!.getAttribute('aria-disabled')).to.equal('true');
    expect(ui(element).submit()!.textContent?.trim()).to.equal('Wird gespeichert …');
    expect(element.matches(':state(busy)')).to.equal(true);
    expect(complete.calls.map(([sent]) => sent)).to.deep.equal([token]);
    complete.release();
    await waitUntil(() => ui(element).status().textContent?.trim() === CHANGED);
  });

  it('is taken by one form only when the page has two', async () => {
    const { backend, token } = await backendWithLink();
    const { provider } = await openResetLink(token, backend, html`<ks-sign-in></ks-sign-in><ks-sign-in></ks-sign-in>`);
    const [first, second] = [...provider.querySelectorAll<KsSignIn>('ks-sign-in')];
    await second!.updateComplete;
    expect(newPassword(first!)).to.exist;
    expect(newPassword(second!)).to.equal(null);
    expect(ui(second!).password()).to.exist;
  });

  it('gives the link up with "Zurück zur Anmeldung"', async () => {
    const { backend, token } = await backendWithLink();
    const complete = spyOn(backend, 'completePasswordReset');
    const { element } = await openResetLink(token, backend);
    ui(element).button('Zurück zur Anmeldung')!.click();
    await element.updateComplete;
    expect(ui(element).password()).to.exist;
    await waitUntil(() => deepActiveElement() === ui(element).email(), 'focus on the address');
    await fillAndSubmit(element, teacher.email, teacher.password);
    expect(complete.calls).to.have.length(0);
  });

  it('speaks English under lang="en"', async () => {
    const { backend, token } = await backendWithLink();
    const { element } = await openResetLink(token, backend, undefined, 'en');
    expect(newPassword(element)!.labels?.[0]?.textContent?.trim()).to.equal('New password');
    expect(ui(element).submit()!.textContent?.trim()).to.equal('Save password');
    expect(element.textContent).to.include('At least 12 characters.');
    await expect(element).to.be.accessible();
  });
});
