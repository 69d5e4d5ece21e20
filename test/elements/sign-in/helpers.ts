import { expect, html } from '@open-wc/testing';
import type { TemplateResult } from 'lit';
import '../../../src/elements/sign-in/define.js';
import type { MemoryBackend } from '../../../src/adapters/memory/index.js';
import type { KsSignIn } from '../../../src/elements/sign-in/sign-in.js';
import { type MountOptions, mount } from '../../support/fixture.js';

/** Mounts `<ks-sign-in>` (or `template`) under a provider on a fresh seeded MemoryBackend. */
export function mountSignIn(template: TemplateResult = html`<ks-sign-in></ks-sign-in>`, options: MountOptions = {}) {
  return mount<KsSignIn>(template, options);
}

/** The element's light-DOM controls, found as a page script (or a password manager) would. */
export function ui(element: KsSignIn) {
  const one = <T extends Element>(selector: string) => element.querySelector<T>(selector);
  const buttonNamed = (name: string) =>
    [...element.querySelectorAll<HTMLElement>('button, a')].find((each) => each.textContent?.trim() === name) ?? null;
  return {
    form: () => one<HTMLFormElement>('form'),
    email: () => one<HTMLInputElement>('input[autocomplete=username]'),
    password: () => one<HTMLInputElement>('input[autocomplete=current-password]'),
    submit: () => one<HTMLButtonElement>('button[type=submit]'),
    toggle: () => one<HTMLButtonElement>('button[aria-pressed]'),
    alert: () => one<HTMLElement>('[role=alert]')!,
    status: () => one<HTMLElement>('[role=status]')!,
    /** The hint that counts down (rate limit or resend cooldown). */
    hints: () => [...element.querySelectorAll<HTMLElement>('.ks-sign-in__hint')].map((each) => each.textContent?.trim() ?? ''),
    button: buttonNamed,
    /** The text of the problem shown for `input`, via its aria-describedby. */
    problemOf: (input: HTMLInputElement) =>
      (input.getAttribute('aria-describedby') ?? '')
        .split(/\s+/)
        .filter((id) => id.endsWith('-error'))
        .map((id) => element.querySelector(`#${CSS.escape(id)}`)?.textContent?.trim() ?? '')
        .join(' '),
  };
}

/** Types into an input the way a browser reports it (value, then an `input` event). */
export function typeInto(input: HTMLInputElement, value: string): void {
  input.focus();
  input.value = value;
  input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true, inputType: 'insertText', data: value }));
}

export async function fillAndSubmit(element: KsSignIn, email: string, password: string): Promise<void> {
  const controls = ui(element);
  typeInto(controls.email()!, email);
  typeInto(controls.password()!, password);
  controls.submit()!.focus();
  controls.form()!.requestSubmit();
  await element.updateComplete;
}

/** Counts calls of `method` on `backend`; with `hold`, each call waits until `release()`. */
export function spyOn(
  backend: MemoryBackend,
  method: 'signIn' | 'requestPasswordReset' | 'resendConfirmation' | 'confirmEmail' | 'completePasswordReset',
  options: { hold?: boolean } = {},
) {
  const original = (backend[method] as (...args: unknown[]) => Promise<unknown>).bind(backend);
  let releaseAll: () => void = () => {};
  const gate = new Promise<void>((resolve) => (releaseAll = resolve));
  const spy = { calls: [] as unknown[][], release: () => releaseAll() };
  (backend as unknown as Record<string, unknown>)[method] = async (...args: unknown[]) => {
    spy.calls.push(args);
    if (options.hold) await gate;
    return original(...args);
  };
  return spy;
}

/**
 * Puts the page on the URL an e-mail link leads to (`?ks-confirm=…` or `?ks-reset=…`, after the
 * test runner's own parameters); returns the function that puts the original URL back.
 */
export function followLink(query: string): () => void {
  const original = `${location.pathname}${location.search}${location.hash}`;
  const search = location.search ? `${location.search}&${query}` : `?${query}`;
  history.replaceState(null, '', `${location.pathname}${search}`);
  return () => history.replaceState(null, '', original);
}

/** The token of the newest mail of `kind` to `to` in a MemoryBackend's mailbox. */
export function mailedToken(backend: MemoryBackend, kind: 'confirm' | 'reset', to: string): string {
  const mail = backend.mailbox.filter((each) => each.kind === kind && each.to === to).at(-1);
  if (!mail?.token) throw new Error(`no ${kind} mail to ${to}`);
  return mail.token;
}

/** Collects the keyshelf events of one type fired on the document. */
export function collect<K extends 'ks-signed-in' | 'ks-navigate'>(type: K, onEvent?: (event: HTMLElementEventMap[K]) => void) {
  const events: HTMLElementEventMap[K][] = [];
  const listener = (event: Event) => {
    events.push(event as HTMLElementEventMap[K]);
    onEvent?.(event as HTMLElementEventMap[K]);
  };
  document.addEventListener(type, listener);
  return { events, stop: () => document.removeEventListener(type, listener) };
}

/** The element focused in the document, looking into shadow roots. */
export function deepActiveElement(): Element | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

// Lit's dev build warns about real mistakes (a reactive-property slip, an update scheduled in
// `updated()`), once per page: every file ends with a test that none was printed.
const originalWarn = console.warn;
const litWarnings: string[] = [];
let warnings: string[] = [];
console.warn = (...args: unknown[]) => {
  const text = args.map(String).join(' ');
  warnings.push(text);
  if (text.includes('lit.dev/msg')) litWarnings.push(`${currentTitle}: ${text}`);
  originalWarn.apply(console, args);
};
let currentTitle = '';
beforeEach(function () {
  warnings = [];
  currentTitle = this.currentTest?.fullTitle() ?? '';
});

/** Warnings logged in the current test. */
export function loggedWarnings(): readonly string[] {
  return warnings;
}

/** Call last in the file's top suite: mocha runs a suite's own tests before its nested suites. */
export function itPrintedNoLitWarning(): void {
  describe('afterwards', () => {
    it('printed no Lit dev-mode warning', () => {
      expect(litWarnings).to.deep.equal([]);
    });
  });
}
