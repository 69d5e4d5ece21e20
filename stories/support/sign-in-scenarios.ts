import { MemoryBackend, demoAccounts } from '../../src/adapters/memory/index.js';
import { BackendError } from '../../src/core/errors.js';
import type { AccountStore } from '../../src/core/store.js';
import type { KsSignIn } from '../../src/elements/sign-in/sign-in.js';
import { storyStore } from './backends.js';

/**
 * Story support only: puts a `<ks-sign-in>` into one of its states through the real store and an
 * in-memory backend (with injected failures), the way a user would get there: typing, submitting,
 * clicking. No `play` function, so the state is there in the docs page as well.
 */
export const signInScenarios = [
  'signed-out',
  'filled',
  'validation-errors',
  'in-flight',
  'invalid-credentials',
  'email-not-confirmed',
  'confirmation-resent',
  'rate-limited',
  'offline',
  'timeout',
  'server-error',
  'bad-response',
  'reset-request',
  'reset-sent',
  'signed-in',
  'confirming',
  'confirmed',
  'confirmation-failed',
  'new-password',
  'new-password-refused',
  'password-changed',
] as const;
export type SignInScenario = (typeof signInScenarios)[number];

const [teacher, , unconfirmed] = demoAccounts;
const signal = () => new AbortController().signal;
/** What the user types as the new password in the reset scenarios. */
const NEW_PASSWORD = 'Blaue-Giraffe-am-Fluss';

/**
 * A store whose backend will answer the scenario's request as the scenario needs. The e-mail link
 * scenarios hand the store the link's token the way the page's elements do when they find
 * `?ks-confirm=` or `?ks-reset=` in the URL (`confirmEmail`, `receivePasswordResetLink`).
 */
export async function signInStore(scenario: SignInScenario): Promise<AccountStore> {
  const store = await storyStore(scenario === 'signed-in' ? 'signed-in' : 'signed-out');
  const backend = store.backend as MemoryBackend;
  await followEmailLink(store, backend, scenario);
  if (scenario === 'in-flight') {
    // Never answers (until the story goes away): the busy state stays on screen.
    backend.signIn = (_credentials, { signal }) =>
      new Promise((_resolve, reject) => signal.addEventListener('abort', () => reject(new BackendError('aborted'))));
  }
  if (scenario === 'rate-limited') backend.failNext('signIn', 'rate-limited', { retryAfter: 120 });
  if (scenario === 'offline') backend.failNext('signIn', 'offline');
  if (scenario === 'timeout') backend.failNext('signIn', 'timeout');
  if (scenario === 'server-error') backend.failNext('signIn', 'server');
  if (scenario === 'bad-response') backend.failNext('signIn', 'bad-response');
  return store;
}

async function followEmailLink(store: AccountStore, backend: MemoryBackend, scenario: SignInScenario): Promise<void> {
  switch (scenario) {
    case 'confirming':
      // Never answers (until the story goes away): the confirmation stays in progress.
      backend.confirmEmail = (_token, { signal }) =>
        new Promise((_resolve, reject) => signal.addEventListener('abort', () => reject(new BackendError('aborted'))));
      void store.confirmEmail('a-link-that-is-being-confirmed');
      return;
    case 'confirmed': {
      await backend.resendConfirmation(unconfirmed!.email, { signal: signal() });
      const token = backend.mailbox.findLast((mail) => mail.kind === 'confirm')!.token!;
      await store.confirmEmail(token);
      return;
    }
    case 'confirmation-failed':
      await store.confirmEmail('a-link-that-was-used-already');
      return;
    case 'new-password':
    case 'new-password-refused':
    case 'password-changed': {
      await backend.requestPasswordReset(teacher!.email, { signal: signal() });
      store.receivePasswordResetLink(backend.mailbox.findLast((mail) => mail.kind === 'reset')!.token!);
      // The form shows the policy's minimum length.
      await store.loadRegistrationOptions();
      if (scenario === 'new-password-refused') {
        backend.failNext('completePasswordReset', 'validation', { fieldErrors: [{ field: 'password', code: 'password-too-common' }] });
      }
      return;
    }
    default:
  }
}

const driven = new WeakSet<KsSignIn>();

/** Drives `element` into the scenario's state, once per element. */
export function driveSignIn(element: Element | undefined, scenario: SignInScenario): void {
  if (!element || driven.has(element as KsSignIn)) return;
  driven.add(element as KsSignIn);
  // Moving focus (the element does, e.g. to the reset form) must not scroll the docs page.
  const { scrollX, scrollY } = window;
  void drive(element as KsSignIn, scenario).then(() => window.scrollTo(scrollX, scrollY));
}

async function drive(element: KsSignIn, scenario: SignInScenario): Promise<void> {
  await element.updateComplete;
  switch (scenario) {
    case 'filled':
      return fill(element, teacher!.email, teacher!.password);
    case 'validation-errors':
      // As a user who typed, moved on, came back and cleared the password: no submit, no focus moves.
      fill(element, 'anna@beispiel', 'x');
      type(input(element, 'current-password'), '');
      for (const each of element.querySelectorAll('input')) each.dispatchEvent(new FocusEvent('blur'));
      return;
    case 'in-flight':
    case 'rate-limited':
    case 'offline':
    case 'timeout':
    case 'server-error':
    case 'bad-response':
      return submit(element, teacher!.email, teacher!.password);
    case 'invalid-credentials':
      return submit(element, teacher!.email, 'Falsches-Kennwort');
    case 'email-not-confirmed':
      return submit(element, unconfirmed!.email, unconfirmed!.password);
    case 'confirmation-resent':
      await submit(element, unconfirmed!.email, unconfirmed!.password);
      await until(() => element.querySelector('.ks-sign-in__actions button'));
      element.querySelector<HTMLButtonElement>('.ks-sign-in__actions button')!.click();
      return until(() => element.querySelector('[role=status]')?.textContent?.trim());
    case 'reset-request':
    case 'reset-sent':
      type(input(element, 'username'), teacher!.email);
      element.querySelector<HTMLButtonElement>('form .ks-sign-in__link')!.click();
      await element.updateComplete;
      if (scenario === 'reset-sent') {
        element.querySelector('form')!.requestSubmit();
        await until(() => element.querySelector('[role=status]')?.textContent?.trim());
      }
      return;
    case 'new-password-refused':
    case 'password-changed':
      type(input(element, 'username'), teacher!.email);
      type(input(element, 'new-password'), scenario === 'password-changed' ? NEW_PASSWORD : 'Passwort12345');
      element.querySelector('form')!.requestSubmit();
      return until(() =>
        scenario === 'password-changed'
          ? element.querySelector('[role=status]')?.textContent?.trim()
          : element.querySelector('.ks-sign-in__problem'),
      );
    default:
  }
}

function input(element: KsSignIn, autocomplete: string): HTMLInputElement {
  return element.querySelector<HTMLInputElement>(`input[autocomplete=${autocomplete}]`)!;
}

function type(field: HTMLInputElement, value: string): void {
  field.value = value;
  field.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertText' }));
}

function fill(element: KsSignIn, email: string, password: string): void {
  type(input(element, 'username'), email);
  type(input(element, 'current-password'), password);
}

async function submit(element: KsSignIn, email: string, password: string): Promise<void> {
  fill(element, email, password);
  element.querySelector('form')!.requestSubmit();
  await until(() => element.querySelector('[role=alert]')?.textContent?.trim() || element.querySelector('[aria-disabled=true]'));
}

async function until(condition: () => unknown, timeout = 2000): Promise<void> {
  const end = Date.now() + timeout;
  while (!condition() && Date.now() < end) await new Promise((resolve) => setTimeout(resolve, 10));
}
