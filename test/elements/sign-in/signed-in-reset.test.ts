import { expect, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { MemoryBackend } from '../../../src/adapters/memory/index.js';
import type { KsSignIn } from '../../../src/elements/sign-in/sign-in.js';
import { demoCredentials } from '../../support/fixture.js';
import { deepActiveElement, followLink, mailedToken } from '../../support/helpers.js';
import { mountSignIn, typeInto, ui } from './helpers.js';

const teacher = demoCredentials('teacher');
const pupil = demoCredentials('pupil');
const NEW_PASSWORD = 'Blaue-Giraffe-am-Fluss';
const CHANGED = 'Ihr Kennwort wurde geändert. Bitte melden Sie sich mit dem neuen Kennwort an.';
const FOR_ACCOUNT = (email: string) =>
  `Der Link gilt für das Konto, an das er geschickt wurde. Ihr Browser ordnet das neue Kennwort ${email} zu.`;
const OTHER_ADDRESS = 'Andere E-Mail-Adresse angeben';
const CHANGED_OTHER = (email: string) =>
  `Das Kennwort des Kontos, an das der Link geschickt wurde, ist geändert. Sie bleiben als ${email} angemeldet.`;
const signal = () => new AbortController().signal;

let restoreUrl: (() => void) | undefined;
afterEach(() => {
  restoreUrl?.();
  restoreUrl = undefined;
});

/**
 * Signed in as the teacher, follows a reset link mailed to `to` and mounts `<ks-sign-in>`. With
 * `holdSession`, the session reads after mounting wait until `release()`.
 */
async function signedInWithLinkFor(to: string, options: { holdSession?: boolean } = {}) {
  const backend = new MemoryBackend();
  await backend.requestPasswordReset(to, { signal: signal() });
  restoreUrl = followLink(`ks-reset=${encodeURIComponent(mailedToken(backend, 'reset', to))}`);
  const mounted = await mountSignIn(undefined, { backend, signedInAs: 'teacher' });
  await waitUntil(() => mounted.store.snapshot.registrationOptions.state === 'loaded', 'the password policy');
  await mounted.element.updateComplete;
  let release: () => void = () => {};
  if (options.holdSession) {
    const getSession = backend.getSession.bind(backend);
    const gate = new Promise<void>((resolve) => (release = resolve));
    backend.getSession = async (callOptions) => {
      await gate;
      return getSession(callOptions);
    };
  }
  return { ...mounted, release };
}

const newPassword = (element: KsSignIn) => element.querySelector<HTMLInputElement>('input[autocomplete=new-password]');

/** What a password manager pairs on submit: the form's username and new password. */
function pairingOnSubmit(element: KsSignIn) {
  const seen: { username: string | null; password: string | null }[] = [];
  element.addEventListener(
    'submit',
    (event) => {
      const data = new FormData(event.target as HTMLFormElement);
      seen.push({ username: data.get('email') as string | null, password: data.get('new-password') as string | null });
    },
    { capture: true },
  );
  return seen;
}

describe('<ks-sign-in> when a signed-in user follows a reset link', () => {
  it('puts focus on the password of the sign-in form once the new password has ended the session', async () => {
    // The session read that tells the session has ended takes its time, as over a network.
    const { element, store, release } = await signedInWithLinkFor(teacher.email, { holdSession: true });
    newPassword(element)!.focus();
    await sendKeys({ type: NEW_PASSWORD });
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => newPassword(element) === null && !store.snapshot.busy.includes('password-reset-complete'), 'the password is changed');
    await element.updateComplete;
    expect(store.snapshot.status).to.equal('signed-in');
    release();
    await waitUntil(() => store.snapshot.status === 'signed-out', 'the session ended');
    await waitUntil(() => deepActiveElement() === ui(element).password(), 'focus on the password of the sign-in form');
    expect(ui(element).email()!.value).to.equal(teacher.email);
    expect(ui(element).status().textContent?.trim()).to.equal(CHANGED);
    await expect(element).to.be.accessible();
    // The user signs in with the new password right there.
    await sendKeys({ type: NEW_PASSWORD });
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => store.snapshot.status === 'signed-in', 'signed in with the new password');
  });

  it('meanwhile says the password is changed, with focus on that message, not on the page', async () => {
    const { element, store, release } = await signedInWithLinkFor(teacher.email, { holdSession: true });
    newPassword(element)!.focus();
    await sendKeys({ type: NEW_PASSWORD });
    await sendKeys({ press: 'Enter' });
    // The password is changed; the session read that ends the session has not come back yet.
    await waitUntil(() => ui(element).status().textContent?.trim() === CHANGED, 'the password is changed');
    expect(store.snapshot.status).to.equal('signed-in');
    expect(ui(element).form()).to.equal(null);
    await waitUntil(() => deepActiveElement() === ui(element).status(), 'focus on the message while signed in');
    await expect(element).to.be.accessible();
    release();
    await waitUntil(() => store.snapshot.status === 'signed-out', 'the session ended');
    await waitUntil(() => deepActiveElement() === ui(element).password(), 'focus on the password of the sign-in form');
  });

  it('says for which address the browser files the new password, in the description of the field', async () => {
    const { element } = await signedInWithLinkFor(teacher.email);
    const password = newPassword(element)!;
    const username = element.querySelector<HTMLInputElement>('input[autocomplete=username]')!;
    expect(username.hidden).to.equal(true);
    expect(username.value).to.equal(teacher.email);
    const descriptions = (password.getAttribute('aria-describedby') ?? '')
      .split(' ')
      .map((id) => element.querySelector(`#${CSS.escape(id)}`)?.textContent?.trim() ?? '');
    expect(descriptions.some((text) => text.startsWith(FOR_ACCOUNT(teacher.email)))).to.equal(true);
    expect(ui(element).button(OTHER_ADDRESS)).to.exist;
    await expect(element).to.be.accessible();
  });

  it('pairs the new password with the address the user gives when the link went to another account', async () => {
    const { element, store } = await signedInWithLinkFor(pupil.email);
    const pairing = pairingOnSubmit(element);
    ui(element).button(OTHER_ADDRESS)!.click();
    await element.updateComplete;
    const email = ui(element).email()!;
    expect(email.hidden).to.equal(false);
    expect(email.type).to.equal('email');
    expect(email.value).to.equal('');
    expect(email.form).to.equal(newPassword(element)!.form);
    expect(element.querySelectorAll('input[autocomplete=username]')).to.have.length(1);
    expect(ui(element).button(OTHER_ADDRESS)).to.equal(null);
    await waitUntil(() => deepActiveElement() === email, 'focus on the address');
    await expect(element).to.be.accessible();

    await sendKeys({ type: pupil.email });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ type: NEW_PASSWORD });
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => ui(element).status().textContent?.trim() === CHANGED_OTHER(teacher.email), 'the other account is changed');
    expect(pairing).to.deep.equal([{ username: pupil.email, password: NEW_PASSWORD }]);
    // The teacher's session is not the pupil's: it goes on, and focus stays in the element.
    expect(store.snapshot.status).to.equal('signed-in');
    expect(store.snapshot.user?.email).to.equal(teacher.email);
    expect(ui(element).form()).to.equal(null);
    await waitUntil(() => deepActiveElement() === ui(element).status(), 'focus on the message');
    await expect(element).to.be.accessible();
  });

  it('says so when the link went to another account than the signed-in one the user kept', async () => {
    const { element, store } = await signedInWithLinkFor(pupil.email);
    const pairing = pairingOnSubmit(element);
    typeInto(newPassword(element)!, NEW_PASSWORD);
    ui(element).submit()!.focus();
    ui(element).form()!.requestSubmit();
    await waitUntil(() => ui(element).status().textContent?.trim() === CHANGED_OTHER(teacher.email), 'the other account is changed');
    expect(pairing).to.deep.equal([{ username: teacher.email, password: NEW_PASSWORD }]);
    expect(store.snapshot.status).to.equal('signed-in');
    await waitUntil(() => deepActiveElement() === ui(element).status(), 'focus on the message');
    // Signing out later shows the sign-in form without the old news.
    await store.signOut();
    await element.updateComplete;
    expect(ui(element).password()).to.exist;
    expect(ui(element).status().textContent?.trim()).to.equal('');
  });
});
