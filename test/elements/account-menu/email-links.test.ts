import { expect, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { MemoryBackend } from '../../../src/adapters/memory/index.js';
import { loadSignIn } from '../../../src/ui/inline-sign-in.js';
import { type MountOptions, demoCredentials, mount } from '../../support/fixture.js';
import { followLink, mailedToken } from '../../support/helpers.js';
import { type Menu, isOpen, liveRegion, panel, recordEventsInEachTest, settled, trigger } from './helpers.js';

const teacher = demoCredentials('teacher');
const unconfirmed = demoCredentials('unconfirmed');
const NEW_PASSWORD = 'Blaue-Giraffe-am-Fluss';
const CHANGED = 'Ihr Kennwort wurde geändert. Bitte melden Sie sich mit dem neuen Kennwort an.';
const CONFIRMED = 'Ihre E-Mail-Adresse ist bestätigt. Sie sind jetzt angemeldet.';
const INVALID = 'Der Bestätigungslink ist ungültig oder abgelaufen.';
const signal = () => new AbortController().signal;

let broken = 0;
/** A token no backend issued; a new one each time, as a page takes a token only once. */
const brokenToken = () => `broken-${++broken}-${'x'.repeat(36)}`;

async function backendWithResetLink(backend = new MemoryBackend()) {
  await backend.requestPasswordReset(teacher.email, { signal: signal() });
  return { backend, token: mailedToken(backend, 'reset', teacher.email) };
}

/** The `<ks-sign-in>` in the menu's panel (light DOM, slotted). */
const formIn = (menu: Menu) => menu.querySelector<HTMLElement>('ks-sign-in');
const input = (scope: Element | null, autocomplete: string) => scope?.querySelector<HTMLInputElement>(`input[autocomplete="${autocomplete}"]`) ?? null;

/** Waits until the panel is open on the inline form and focus is in it. */
async function waitForInlineForm(menu: Menu, what: string): Promise<HTMLElement> {
  await waitUntil(() => isOpen(menu) && menu.view === 'sign-in', `the panel did not open on the form (${what})`);
  await waitUntil(() => formIn(menu)?.contains(document.activeElement), `focus did not move into the form (${what})`);
  await settled(menu);
  return formIn(menu)!;
}

/** Follows `query` and mounts `template` on `backend`; the menu is the provider's first child. */
async function mountAfterLink(query: string, template: ReturnType<typeof html>, options: MountOptions) {
  restoreUrl = followLink(query);
  return mount<Menu>(template, options);
}

let restoreUrl: (() => void) | undefined;

describe('<ks-account-menu> after an e-mail link', () => {
  const recorder = recordEventsInEachTest();
  afterEach(() => {
    restoreUrl?.();
    restoreUrl = undefined;
  });

  describe('password-reset link', () => {
    it('opens the inline form on "Neues Kennwort festlegen" with focus in it, fires nothing, and signs in afterwards', async () => {
      const { backend, token } = await backendWithResetLink();
      const { element: menu, store } = await mountAfterLink(`ks-reset=${token}`, html`<ks-account-menu></ks-account-menu>`, { backend });
      const form = await waitForInlineForm(menu, 'reset link');
      expect(store.snapshot.passwordResetPending).to.equal(false);
      expect(input(form, 'new-password')).to.not.equal(null);
      expect(form.textContent).to.contain('Neues Kennwort festlegen');
      // The page does not know whose link it is: the address comes first, and has focus.
      expect(document.activeElement, 'focus').to.equal(input(form, 'username'));
      expect(panel(menu).getAttribute('role')).to.equal('dialog');
      expect(panel(menu).getAttribute('aria-label')).to.equal('Anmelden');
      expect(trigger(menu).getAttribute('aria-expanded')).to.equal('true');
      expect(recorder.events).to.deep.equal([]);
      await expect(menu).to.be.accessible();

      await sendKeys({ type: teacher.email });
      await sendKeys({ press: 'Tab' });
      await sendKeys({ type: NEW_PASSWORD });
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => form.querySelector('[role=status]')?.textContent?.trim() === CHANGED, 'the password was not changed');
      expect(isOpen(menu)).to.equal(true);
      await waitUntil(() => document.activeElement === input(form, 'current-password'), 'focus did not reach the password');
      expect(input(form, 'username')!.value).to.equal(teacher.email);
      await expect(menu).to.be.accessible();
      await sendKeys({ type: NEW_PASSWORD });
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => store.snapshot.status === 'signed-in', 'did not sign in with the new password');
      await settled(menu);
      expect(isOpen(menu)).to.equal(false);
      expect(liveRegion(menu).textContent!.trim()).to.equal('Sie sind jetzt angemeldet als Dana Demo.');
      expect(recorder.events.map((event) => event.type)).to.deep.equal(['ks-signed-in']);
    });

    it('opens inline with a sign-in-href too (the token cannot go to another page), without ks-navigate', async () => {
      const { backend, token } = await backendWithResetLink();
      const { element: menu } = await mountAfterLink(`ks-reset=${token}`, html`<ks-account-menu sign-in-href="/anmelden"></ks-account-menu>`, {
        backend,
      });
      const form = await waitForInlineForm(menu, 'with sign-in-href');
      expect(input(form, 'new-password')).to.not.equal(null);
      expect(recorder.of('ks-navigate')).to.deep.equal([]);
    });

    it('waits for the session before it answers a link followed while the session is unknown', async () => {
      const { backend, token } = await backendWithResetLink();
      const getSession = backend.getSession.bind(backend);
      let answer!: () => void;
      const answered = new Promise<void>((resolve) => (answer = resolve));
      backend.getSession = async (options) => {
        await answered;
        return getSession(options);
      };
      const { element: menu, store } = await mountAfterLink(`ks-reset=${token}`, html`<ks-account-menu></ks-account-menu>`, {
        backend,
        awaitSession: false,
      });
      await loadSignIn();
      await settled(menu);
      expect(store.snapshot.status).to.equal('unknown');
      expect(store.snapshot.passwordResetPending).to.equal(true);
      expect(isOpen(menu)).to.equal(false);
      answer();
      await waitForInlineForm(menu, 'after the session');
      expect(store.snapshot.status).to.equal('signed-out');
      expect(store.snapshot.passwordResetPending).to.equal(false);
    });

    it('stays closed when another <ks-sign-in> on the page takes the token', async () => {
      const { backend, token } = await backendWithResetLink();
      const { element: menu, provider, store } = await mountAfterLink(
        `ks-reset=${token}`,
        html`<ks-account-menu></ks-account-menu><main><ks-sign-in></ks-sign-in></main>`,
        { backend },
      );
      const pageForm = provider.querySelector('main ks-sign-in')!;
      await loadSignIn();
      await waitUntil(() => input(pageForm, 'new-password') !== null, 'the page\'s form did not ask for the new password');
      await settled(menu);
      // What the menu would have waited for before opening.
      await loadSignIn();
      await settled(menu);
      expect(store.snapshot.passwordResetPending).to.equal(false);
      expect(isOpen(menu)).to.equal(false);
      expect(formIn(menu), 'form in the menu').to.equal(null);
    });

    it('opens on the page\'s own <ks-sign-in slot="sign-in">, which took the token', async () => {
      await loadSignIn();
      const { backend, token } = await backendWithResetLink();
      const { element: menu } = await mountAfterLink(
        `ks-reset=${token}`,
        html`<ks-account-menu><ks-sign-in slot="sign-in"></ks-sign-in></ks-account-menu>`,
        { backend },
      );
      const form = await waitForInlineForm(menu, 'own slotted form');
      expect(menu.querySelectorAll('ks-sign-in')).to.have.length(1);
      expect(input(form, 'new-password')).to.not.equal(null);
    });

    it('answers each link once: closed, it stays closed; a new link opens it again', async () => {
      const { backend, token } = await backendWithResetLink();
      const { element: menu, store } = await mountAfterLink(`ks-reset=${token}`, html`<ks-account-menu></ks-account-menu>`, { backend });
      await waitForInlineForm(menu, 'first link');
      await sendKeys({ press: 'Escape' });
      await settled(menu);
      expect(isOpen(menu)).to.equal(false);
      await store.refreshSession();
      await loadSignIn();
      await settled(menu);
      expect(isOpen(menu)).to.equal(false);

      // A second link on the same page (a single-page app's route): the menu's form takes it.
      await backend.requestPasswordReset(teacher.email, { signal: signal() });
      store.receivePasswordResetLink(mailedToken(backend, 'reset', teacher.email));
      const form = await waitForInlineForm(menu, 'second link');
      expect(input(form, 'new-password')).to.not.equal(null);
      expect(recorder.events).to.deep.equal([]);
    });

    it('signed in: opens the form for the new password, labelled so; the new password ends the session', async () => {
      const { backend, token } = await backendWithResetLink();
      const { element: menu, store } = await mountAfterLink(`ks-reset=${token}`, html`<ks-account-menu></ks-account-menu>`, {
        backend,
        signedInAs: 'teacher',
      });
      const form = await waitForInlineForm(menu, 'signed in');
      expect(store.snapshot.status).to.equal('signed-in');
      expect(panel(menu).getAttribute('role')).to.equal('dialog');
      expect(panel(menu).getAttribute('aria-label')).to.equal('Neues Kennwort festlegen');
      expect(trigger(menu).getAttribute('aria-haspopup')).to.equal('dialog');
      // The address is known: it goes along hidden (for the password manager); focus is on the password.
      expect(input(form, 'username')!.hidden).to.equal(true);
      expect(document.activeElement, 'focus').to.equal(input(form, 'new-password'));
      await expect(menu).to.be.accessible();

      await sendKeys({ type: NEW_PASSWORD });
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => store.snapshot.status === 'signed-out', 'the session did not end');
      await waitUntil(() => form.querySelector('[role=status]')?.textContent?.trim() === CHANGED, 'the password was not changed');
      await settled(menu);
      expect(isOpen(menu)).to.equal(true);
      expect(panel(menu).getAttribute('aria-label')).to.equal('Anmelden');
      expect(input(form, 'username')!.value).to.equal(teacher.email);
      expect(input(form, 'current-password')).to.not.equal(null);
      await expect(menu).to.be.accessible();
      expect(recorder.events).to.deep.equal([]);
    });

    it('signed in: closing the panel shows the signed-in menu again', async () => {
      const { backend, token } = await backendWithResetLink();
      const { element: menu } = await mountAfterLink(`ks-reset=${token}`, html`<ks-account-menu></ks-account-menu>`, {
        backend,
        signedInAs: 'teacher',
      });
      await waitForInlineForm(menu, 'signed in');
      await sendKeys({ press: 'Escape' });
      await settled(menu);
      expect(isOpen(menu)).to.equal(false);
      await sendKeys({ press: 'Enter' });
      await settled(menu);
      expect(panel(menu).getAttribute('role')).to.equal(null);
      expect(menu.shadowRoot!.activeElement?.textContent?.trim()).to.equal('Mein Konto');
    });
  });

  describe('confirmation link', () => {
    it('failed: opens the inline form, which says why and asks for the address for a new link', async () => {
      const backend = new MemoryBackend();
      const { element: menu, store } = await mountAfterLink(`ks-confirm=${brokenToken()}`, html`<ks-account-menu></ks-account-menu>`, {
        backend,
      });
      const form = await waitForInlineForm(menu, 'failed confirmation');
      expect(store.snapshot.emailConfirmation.state).to.equal('failed');
      expect(form.querySelector('[role=alert]')?.textContent?.trim()).to.equal(INVALID);
      expect(document.activeElement, 'focus').to.equal(input(form, 'username'));
      expect(recorder.events).to.deep.equal([]);
      await expect(menu).to.be.accessible();

      await sendKeys({ type: unconfirmed.email });
      await sendKeys({ press: 'Enter' });
      await waitUntil(
        () => backend.mailbox.some((mail) => mail.kind === 'confirm' && mail.to === unconfirmed.email),
        'no new confirmation mail',
      );
    });

    it('failed: stays closed when another <ks-sign-in> on the page shows the failure', async () => {
      await loadSignIn();
      const { element: menu, provider, store } = await mountAfterLink(
        `ks-confirm=${brokenToken()}`,
        html`<ks-account-menu></ks-account-menu><main><ks-sign-in></ks-sign-in></main>`,
        {},
      );
      await waitUntil(() => store.snapshot.emailConfirmation.state === 'failed' && store.snapshot.status === 'signed-out');
      await waitUntil(() => provider.querySelector('main ks-sign-in [role=alert]')?.textContent?.trim() === INVALID);
      await loadSignIn();
      await settled(menu);
      expect(isOpen(menu)).to.equal(false);
    });

    it('confirmed: announces it once in the live region, without opening or firing anything', async () => {
      const backend = new MemoryBackend();
      await backend.resendConfirmation(unconfirmed.email, { signal: signal() });
      const token = mailedToken(backend, 'confirm', unconfirmed.email);
      const { element: menu, store } = await mountAfterLink(`ks-confirm=${token}`, html`<ks-account-menu></ks-account-menu>`, { backend });
      await waitUntil(() => store.snapshot.emailConfirmation.state === 'confirmed', 'not confirmed');
      await settled(menu);
      expect(store.snapshot.status).to.equal('signed-in');
      expect(liveRegion(menu).textContent!.trim()).to.equal(CONFIRMED);
      expect(isOpen(menu)).to.equal(false);
      expect(recorder.events).to.deep.equal([]);
      await expect(menu).to.be.accessible();

      // Opening clears the region; later snapshots do not say it again.
      trigger(menu).focus();
      await sendKeys({ press: 'Enter' });
      await settled(menu);
      await sendKeys({ press: 'Escape' });
      await settled(menu);
      expect(liveRegion(menu).textContent!.trim()).to.equal('');
      await store.refreshSession();
      await settled(menu);
      expect(store.snapshot.emailConfirmation.state).to.equal('confirmed');
      expect(liveRegion(menu).textContent!.trim()).to.equal('');
    });

    it('confirmed: says so in English under lang="en"', async () => {
      const backend = new MemoryBackend();
      await backend.resendConfirmation(unconfirmed.email, { signal: signal() });
      const token = mailedToken(backend, 'confirm', unconfirmed.email);
      const { element: menu } = await mountAfterLink(`ks-confirm=${token}`, html`<ks-account-menu></ks-account-menu>`, { backend, lang: 'en' });
      await waitUntil(() => liveRegion(menu).textContent!.trim() !== '', 'nothing announced');
      expect(liveRegion(menu).textContent!.trim()).to.equal('Your e-mail address is confirmed. You are now signed in.');
    });
  });
});
