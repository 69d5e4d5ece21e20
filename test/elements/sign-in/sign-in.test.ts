import { expect, html, waitUntil } from '@open-wc/testing';
import { MemoryBackend } from '../../../src/adapters/memory/index.js';
import type { BackendErrorCode } from '../../../src/core/errors.js';
import { RESEND_COOLDOWN_SECONDS } from '../../../src/elements/sign-in/sign-in.js';
import { demoCredentials } from '../../support/fixture.js';
import { collect, deepActiveElement, spyOn } from '../../support/helpers.js';
import { loggedWarnings } from '../../support/warnings.js';
import { fillAndSubmit, mountSignIn, typeInto, ui } from './helpers.js';

const teacher = demoCredentials('teacher');
const unconfirmed = demoCredentials('unconfirmed');

describe('<ks-sign-in>', () => {
  describe('the form', () => {
    it('renders a real form in the light DOM, reachable with document.querySelector', async () => {
      const { element } = await mountSignIn();
      const email = document.querySelector<HTMLInputElement>('input[autocomplete=username]')!;
      const password = document.querySelector<HTMLInputElement>('input[autocomplete=current-password]')!;
      expect(element.contains(email) && element.contains(password)).to.equal(true);
      expect(email.form).to.be.instanceOf(HTMLFormElement);
      expect(password.form).to.equal(email.form);
      expect(email.type).to.equal('email');
      expect(password.type).to.equal('password');
      expect(email.labels?.[0]?.textContent?.trim()).to.equal('E-Mail-Adresse');
      expect(password.labels?.[0]?.textContent?.trim()).to.equal('Kennwort');
      expect(ui(element).submit()?.textContent?.trim()).to.equal('Anmelden');
      expect(ui(element).button('Passwort vergessen?')).to.exist;
      expect(ui(element).button('Neues Konto erstellen')).to.exist;
      // The shadow root only slots the light DOM in.
      expect([...element.shadowRoot!.children].map((child) => child.localName)).to.deep.equal(['slot']);
      await expect(element).to.be.accessible();
    });

    it('neither limits the length below 128 nor blocks paste', async () => {
      const { element } = await mountSignIn();
      for (const input of [ui(element).email()!, ui(element).password()!]) {
        expect(input.maxLength === -1 || input.maxLength >= 128, input.name).to.equal(true);
        const paste = new ClipboardEvent('paste', { bubbles: true, cancelable: true, clipboardData: new DataTransfer() });
        input.dispatchEvent(paste);
        expect(paste.defaultPrevented, input.name).to.equal(false);
      }
    });

    it('speaks English under lang="en"', async () => {
      const { element } = await mountSignIn(undefined, { lang: 'en' });
      expect(ui(element).email()!.labels?.[0]?.textContent?.trim()).to.equal('E-mail address');
      expect(ui(element).submit()!.textContent?.trim()).to.equal('Sign in');
      expect(ui(element).button('Forgot your password?')).to.exist;
      await expect(element).to.be.accessible();
    });

    it('prefills the e-mail from the email attribute until the user types one', async () => {
      const { element } = await mountSignIn(html`<ks-sign-in email="anna@example.org"></ks-sign-in>`);
      expect(ui(element).email()!.value).to.equal('anna@example.org');
      typeInto(ui(element).email()!, 'ben@example.org');
      element.email = 'carla@example.org';
      await element.updateComplete;
      expect(ui(element).email()!.value).to.equal('ben@example.org');
    });

    it('shows and hides the password with a pressed toggle whose name stays the same', async () => {
      const { element } = await mountSignIn();
      const toggle = ui(element).toggle()!;
      typeInto(ui(element).password()!, 'geheim');
      expect(toggle.getAttribute('aria-pressed')).to.equal('false');
      expect(toggle.getAttribute('aria-label')).to.equal('Kennwort anzeigen');
      expect(toggle.getAttribute('aria-controls')).to.equal(ui(element).password()!.id);
      toggle.click();
      await element.updateComplete;
      expect(ui(element).password()!.type).to.equal('text');
      expect(ui(element).password()!.value).to.equal('geheim');
      expect(toggle.getAttribute('aria-pressed')).to.equal('true');
      expect(toggle.getAttribute('aria-label')).to.equal('Kennwort anzeigen');
      await expect(element).to.be.accessible();
      toggle.click();
      await element.updateComplete;
      expect(ui(element).password()!.type).to.equal('password');
    });

    it('turns the password back into a password field on submit, so the browser can save it', async () => {
      const { element, backend } = await mountSignIn();
      const signIn = spyOn(backend, 'signIn', { hold: true });
      ui(element).toggle()!.click();
      await element.updateComplete;
      await fillAndSubmit(element, teacher.email, teacher.password);
      expect(ui(element).password()!.type).to.equal('password');
      signIn.release();
    });
  });

  describe('validation before submit', () => {
    it('shows nothing while the user only tabs through or is still typing', async () => {
      const { element } = await mountSignIn();
      const email = ui(element).email()!;
      typeInto(email, 'anna@');
      await element.updateComplete;
      expect(ui(element).problemOf(email)).to.equal('');
      const password = ui(element).password()!;
      password.focus();
      password.blur();
      await element.updateComplete;
      expect(password.getAttribute('aria-invalid')).to.equal('false');
      expect(ui(element).problemOf(password)).to.equal('');
    });

    it('shows a malformed address once the user leaves the field, and clears it when fixed', async () => {
      const { element } = await mountSignIn();
      const email = ui(element).email()!;
      typeInto(email, 'anna@');
      email.blur();
      await element.updateComplete;
      expect(email.getAttribute('aria-invalid')).to.equal('true');
      expect(ui(element).problemOf(email)).to.equal('Bitte geben Sie eine gültige E-Mail-Adresse ein, zum Beispiel name@beispiel.de.');
      await expect(element).to.be.accessible();
      typeInto(email, 'anna@example.org');
      await element.updateComplete;
      expect(email.getAttribute('aria-invalid')).to.equal('false');
      expect(email.hasAttribute('aria-describedby')).to.equal(false);
    });

    it('shows every problem on submit, focuses the first one and sends nothing', async () => {
      const { element, backend } = await mountSignIn();
      const signIn = spyOn(backend, 'signIn');
      ui(element).submit()!.focus();
      ui(element).form()!.requestSubmit();
      await element.updateComplete;
      const { email, password } = { email: ui(element).email()!, password: ui(element).password()! };
      expect(ui(element).problemOf(email)).to.equal('Bitte geben Sie Ihre E-Mail-Adresse ein.');
      expect(ui(element).problemOf(password)).to.equal('Bitte geben Sie Ihr Kennwort ein.');
      expect([email, password].map((input) => input.getAttribute('aria-invalid'))).to.deep.equal(['true', 'true']);
      await waitUntil(() => deepActiveElement() === email, 'focus on the first invalid field');
      expect(signIn.calls).to.have.length(0);
      await expect(element).to.be.accessible();
    });

    it('focuses the password when only the password is missing', async () => {
      const { element } = await mountSignIn();
      await fillAndSubmit(element, teacher.email, '');
      await waitUntil(() => deepActiveElement() === ui(element).password());
      expect(ui(element).problemOf(ui(element).email()!)).to.equal('');
    });
  });

  describe('in flight', () => {
    it('is busy, stays focusable, keeps the values and sends a second submit nowhere', async () => {
      const { element, store } = await mountSignIn();
      // Counted at the store: the store would merge a second call with the same credentials itself.
      const signIn = spyOn(store, 'signIn', { hold: true });
      await fillAndSubmit(element, teacher.email, teacher.password);
      const submit = ui(element).submit()!;
      expect(submit.getAttribute('aria-disabled')).to.equal('true');
      expect(submit.disabled).to.equal(false);
      expect(submit.textContent?.trim()).to.equal('Anmeldung läuft …');
      expect(element.matches(':state(busy)')).to.equal(true);
      expect(deepActiveElement()).to.equal(submit);
      ui(element).form()!.requestSubmit();
      await element.updateComplete;
      expect(signIn.calls).to.have.length(1);
      expect(ui(element).email()!.value).to.equal(teacher.email);
      expect(ui(element).password()!.value).to.equal(teacher.password);
      await expect(element).to.be.accessible();
      signIn.release();
      await waitUntil(() => ui(element).form() === null);
      expect(element.matches(':state(busy)')).to.equal(false);
    });

    it('makes one request for two submits in one tick', async () => {
      const { element, store } = await mountSignIn();
      const signIn = spyOn(store, 'signIn');
      typeInto(ui(element).email()!, teacher.email);
      typeInto(ui(element).password()!, teacher.password);
      ui(element).form()!.requestSubmit();
      ui(element).form()!.requestSubmit();
      await waitUntil(() => store.snapshot.status === 'signed-in');
      expect(signIn.calls).to.have.length(1);
    });
  });

  describe('success', () => {
    it('fires ks-signed-in with the user, shows who is signed in and keeps no password', async () => {
      const { element, store } = await mountSignIn();
      const signedIn = collect('ks-signed-in');
      await fillAndSubmit(element, teacher.email, teacher.password);
      await waitUntil(() => signedIn.events.length > 0);
      signedIn.stop();
      expect(signedIn.events).to.have.length(1);
      const event = signedIn.events[0]!;
      expect(event.detail.user.email).to.equal(teacher.email);
      expect(event.bubbles && event.composed).to.equal(true);
      expect(store.snapshot.status).to.equal('signed-in');
      await element.updateComplete;
      expect(ui(element).form()).to.equal(null);
      expect(ui(element).status().textContent?.trim()).to.equal(`Sie sind angemeldet als ${teacher.email}.`);
      expect(element.querySelector('input[type=password]')).to.equal(null);
      // The form the user was on went away: focus goes to the message that replaced it.
      await waitUntil(() => deepActiveElement() === ui(element).status(), 'focus on the message');
      await expect(element).to.be.accessible();
    });

    it('fires nothing when properties or attributes change or a session arrives another way', async () => {
      const { element, store } = await mountSignIn();
      const signedIn = collect('ks-signed-in');
      const navigate = collect('ks-navigate');
      element.email = teacher.email;
      element.setAttribute('redirect', '#konto');
      element.setAttribute('register-href', '#registrieren');
      await element.updateComplete;
      await store.signIn(teacher);
      await element.updateComplete;
      expect(ui(element).status().textContent).to.include(teacher.email);
      signedIn.stop();
      navigate.stop();
      expect(signedIn.events).to.have.length(0);
      expect(navigate.events).to.have.length(0);
    });

    it('drops its old messages when a session arrives another way', async () => {
      const { element, store } = await mountSignIn();
      await fillAndSubmit(element, teacher.email, 'falsch-falsch');
      await waitUntil(() => ui(element).alert().textContent?.trim());
      await store.signIn(teacher);
      await element.updateComplete;
      expect(ui(element).alert().textContent?.trim()).to.equal('');
      expect(ui(element).status().textContent).to.include(teacher.email);
      await store.signOut();
      await element.updateComplete;
      expect(ui(element).form()).to.exist;
      expect(ui(element).status().textContent?.trim()).to.equal('');
    });

    it('shows who is signed in, and no form, when the session is already there', async () => {
      const signedIn = collect('ks-signed-in');
      const { element } = await mountSignIn(undefined, { signedInAs: 'teacher' });
      signedIn.stop();
      expect(ui(element).form()).to.equal(null);
      expect(ui(element).status().textContent).to.include(teacher.email);
      expect(signedIn.events).to.have.length(0);
      await expect(element).to.be.accessible();
    });

    // Hash URLs throughout: were the code to navigate anyway, the test page would stay (and fail the test).
    it('navigates to `redirect` after a cancelable ks-navigate; preventDefault stops it', async () => {
      const { element } = await mountSignIn(html`<ks-sign-in redirect="#ks-cancelled-redirect"></ks-sign-in>`);
      const before = location.href;
      const navigate = collect('ks-navigate', (event) => event.preventDefault());
      try {
        await fillAndSubmit(element, teacher.email, teacher.password);
        await waitUntil(() => navigate.events.length > 0);
        expect(navigate.events[0]!.detail).to.deep.equal({ to: 'redirect', href: '#ks-cancelled-redirect' });
        expect(navigate.events[0]!.cancelable).to.equal(true);
        await new Promise((resolve) => setTimeout(resolve, 0));
        expect(location.href).to.equal(before);
      } finally {
        navigate.stop();
        history.replaceState(null, '', before);
      }
    });

    it('follows `redirect` when the host does not take over', async () => {
      const { element } = await mountSignIn(html`<ks-sign-in redirect="#ks-after-sign-in"></ks-sign-in>`);
      const url = location.href;
      try {
        await fillAndSubmit(element, teacher.email, teacher.password);
        await waitUntil(() => location.hash === '#ks-after-sign-in');
      } finally {
        history.replaceState(null, '', url);
      }
    });

    it('ignores a redirect that is neither same-origin nor https', async () => {
      const { element, store } = await mountSignIn(html`<ks-sign-in redirect="javascript:alert(1)"></ks-sign-in>`);
      const navigate = collect('ks-navigate');
      await fillAndSubmit(element, teacher.email, teacher.password);
      await waitUntil(() => store.snapshot.status === 'signed-in');
      await element.updateComplete;
      navigate.stop();
      expect(navigate.events).to.have.length(0);
      expect(loggedWarnings().some((text) => text.includes('ignores redirect'))).to.equal(true);
    });
  });

  describe('failures', () => {
    it('says the same for a wrong password and an unknown address, and keeps what was typed', async () => {
      const { element } = await mountSignIn();
      const texts: string[] = [];
      for (const [email, password] of [
        [teacher.email, 'falsch-falsch'],
        ['niemand@keyshelf.example', teacher.password],
      ] as const) {
        await fillAndSubmit(element, email, password);
        await waitUntil(() => ui(element).alert().textContent?.trim());
        texts.push(ui(element).alert().textContent!.trim());
        expect(ui(element).email()!.value).to.equal(email);
        expect(ui(element).password()!.value).to.equal(password);
      }
      expect(texts).to.deep.equal(['E-Mail-Adresse oder Kennwort ist falsch.', 'E-Mail-Adresse oder Kennwort ist falsch.']);
      expect(ui(element).button('Erneut versuchen')).to.equal(null);
      // Focus stays on the submit button; the alert is announced.
      expect(deepActiveElement()).to.equal(ui(element).submit());
      await expect(element).to.be.accessible();
    });

    it('clears the previous message when the user submits again', async () => {
      const { element, backend } = await mountSignIn();
      await fillAndSubmit(element, teacher.email, 'falsch-falsch');
      await waitUntil(() => ui(element).alert().textContent?.trim());
      const signIn = spyOn(backend, 'signIn', { hold: true });
      ui(element).form()!.requestSubmit();
      await element.updateComplete;
      expect(ui(element).alert().textContent?.trim()).to.equal('');
      signIn.release();
    });

    const transient: [BackendErrorCode, string][] = [
      ['offline', 'Keine Verbindung.'],
      ['timeout', 'Der Dienst antwortet gerade nicht.'],
      ['server', 'Beim Dienst ist ein Fehler aufgetreten.'],
      ['bad-response', 'Der Dienst hat unerwartet geantwortet.'],
    ];
    for (const [code, text] of transient) {
      it(`says what happened on ${code}, keeps the form and retries with "Erneut versuchen"`, async () => {
        const { element, backend, store } = await mountSignIn();
        backend.failNext('signIn', code);
        await fillAndSubmit(element, teacher.email, teacher.password);
        await waitUntil(() => ui(element).alert().textContent?.trim());
        expect(ui(element).alert().textContent).to.include(text);
        expect(ui(element).email()!.value).to.equal(teacher.email);
        expect(ui(element).password()!.value).to.equal(teacher.password);
        await expect(element).to.be.accessible();
        const signIn = spyOn(backend, 'signIn');
        ui(element).button('Erneut versuchen')!.click();
        await waitUntil(() => store.snapshot.status === 'signed-in');
        expect(signIn.calls).to.have.length(1);
      });
    }

    it('keeps focus on the busy submit button when the retry button goes away', async () => {
      const { element, backend } = await mountSignIn();
      backend.failNext('signIn', 'offline');
      await fillAndSubmit(element, teacher.email, teacher.password);
      await waitUntil(() => ui(element).button('Erneut versuchen'));
      const signIn = spyOn(backend, 'signIn', { hold: true });
      const retry = ui(element).button('Erneut versuchen')!;
      retry.focus();
      retry.click();
      await element.updateComplete;
      await waitUntil(() => deepActiveElement() === ui(element).submit());
      signIn.release();
    });

    it('counts down a rate limit with the submit button blocked until it ends', async () => {
      const { element, backend, store } = await mountSignIn();
      backend.failNext('signIn', 'rate-limited', { retryAfter: 2 });
      await fillAndSubmit(element, teacher.email, teacher.password);
      await waitUntil(() => ui(element).alert().textContent?.trim());
      const submit = ui(element).submit()!;
      expect(ui(element).alert().textContent?.trim()).to.equal('Zu viele Versuche. Bitte warten Sie einen Moment.');
      expect(ui(element).hints()).to.deep.equal(['Sie können es in 2 Sekunden erneut versuchen.']);
      expect(submit.getAttribute('aria-disabled')).to.equal('true');
      expect(submit.getAttribute('aria-describedby')).to.equal(element.querySelector('.ks-sign-in__hint')!.id);
      expect(element.matches(':state(blocked)')).to.equal(true);
      await expect(element).to.be.accessible();

      const signIn = spyOn(backend, 'signIn');
      ui(element).form()!.requestSubmit();
      await element.updateComplete;
      expect(signIn.calls).to.have.length(0);

      await waitUntil(() => submit.getAttribute('aria-disabled') === 'false', 'the block ends', { timeout: 5000 });
      expect(ui(element).hints()).to.deep.equal([]);
      expect(ui(element).alert().textContent?.trim()).to.equal('');
      expect(ui(element).status().textContent?.trim()).to.equal('Sie können es jetzt erneut versuchen.');
      ui(element).form()!.requestSubmit();
      await waitUntil(() => store.snapshot.status === 'signed-in');
      expect(signIn.calls).to.have.length(1);
    });
  });

  describe('e-mail not confirmed', () => {
    it('says so and resends the confirmation once per cooldown, with a spam-folder hint', async () => {
      const { element, backend } = await mountSignIn();
      await fillAndSubmit(element, unconfirmed.email, unconfirmed.password);
      await waitUntil(() => ui(element).button('Bestätigungs-E-Mail erneut senden'));
      expect(ui(element).alert().textContent).to.include('Bitte bestätigen Sie zuerst Ihre E-Mail-Adresse.');
      await expect(element).to.be.accessible();

      const mails = () => backend.mailbox.filter((mail) => mail.to === unconfirmed.email && mail.kind === 'confirm').length;
      const before = mails();
      const resend = ui(element).button('Bestätigungs-E-Mail erneut senden')!;
      resend.focus();
      resend.click();
      await waitUntil(() => ui(element).status().textContent?.trim());
      expect(mails()).to.equal(before + 1);
      const status = ui(element).status().textContent!;
      expect(status).to.include(`erneut an ${unconfirmed.email} geschickt`);
      expect(status).to.include('Spam- oder Junk-Mail-Ordner');
      await element.updateComplete;
      expect(resend.getAttribute('aria-disabled')).to.equal('true');
      expect(ui(element).hints()).to.deep.equal([
        `Sie können die E-Mail in ${RESEND_COOLDOWN_SECONDS} Sekunden noch einmal anfordern.`,
      ]);
      expect(RESEND_COOLDOWN_SECONDS).to.be.at.least(30);
      expect(deepActiveElement()).to.equal(resend);
      await expect(element).to.be.accessible();

      resend.click();
      await element.updateComplete;
      expect(mails()).to.equal(before + 1);
    });

    it('lets the user resend at once after a failed attempt', async () => {
      const { element, backend } = await mountSignIn();
      await fillAndSubmit(element, unconfirmed.email, unconfirmed.password);
      await waitUntil(() => ui(element).button('Bestätigungs-E-Mail erneut senden'));
      backend.failNext('resendConfirmation', 'offline');
      ui(element).button('Bestätigungs-E-Mail erneut senden')!.click();
      await waitUntil(() => ui(element).alert().textContent?.includes('Keine Verbindung'));
      await element.updateComplete;
      expect(ui(element).button('Bestätigungs-E-Mail erneut senden')!.getAttribute('aria-disabled')).to.equal('false');
      await expect(element).to.be.accessible();
    });
  });

  describe('"Neues Konto erstellen"', () => {
    it('fires ks-navigate { to: "register" } without an href when none is configured', async () => {
      const { element } = await mountSignIn();
      const navigate = collect('ks-navigate');
      const register = ui(element).button('Neues Konto erstellen')!;
      expect(register.localName).to.equal('button');
      register.click();
      navigate.stop();
      expect(navigate.events.map((event) => event.detail)).to.deep.equal([{ to: 'register' }]);
    });

    it("links to the store's register link, and register-href overrides it; preventDefault keeps the page", async () => {
      const { element } = await mountSignIn(undefined, { links: { register: '#registrieren' } });
      const before = location.href;
      const navigate = collect('ks-navigate', (event) => event.preventDefault());
      const link = () => ui(element).button('Neues Konto erstellen') as HTMLAnchorElement;
      try {
        expect(link().getAttribute('href')).to.equal('#registrieren');
        link().click();
        element.registerHref = '#konto-neu';
        await element.updateComplete;
        expect(link().getAttribute('href')).to.equal('#konto-neu');
        link().click();
        expect(navigate.events.map((event) => event.detail)).to.deep.equal([
          { to: 'register', href: '#registrieren' },
          { to: 'register', href: '#konto-neu' },
        ]);
        expect(navigate.events.every((event) => event.cancelable)).to.equal(true);
        expect(location.href).to.equal(before);
      } finally {
        navigate.stop();
        history.replaceState(null, '', before);
      }
    });

    it('follows register-href when the host does not take over', async () => {
      const { element } = await mountSignIn(html`<ks-sign-in register-href="#ks-register"></ks-sign-in>`);
      const url = location.href;
      try {
        ui(element).button('Neues Konto erstellen')!.click();
        await waitUntil(() => location.hash === '#ks-register');
      } finally {
        history.replaceState(null, '', url);
      }
    });
  });

  it('works on a backend with latency, as a real one has', async () => {
    const backend = new MemoryBackend({ latency: 30 });
    const { element, store } = await mountSignIn(undefined, { backend });
    await fillAndSubmit(element, teacher.email, teacher.password);
    expect(ui(element).submit()!.getAttribute('aria-disabled')).to.equal('true');
    await waitUntil(() => store.snapshot.status === 'signed-in');
  });
});
