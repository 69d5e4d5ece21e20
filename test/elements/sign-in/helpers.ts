import { html } from '@open-wc/testing';
import type { TemplateResult } from 'lit';
import '../../../src/elements/sign-in/define.js';
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
