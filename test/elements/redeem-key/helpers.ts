import { html, waitUntil } from '@open-wc/testing';
import type { TemplateResult } from 'lit';
import '../../../src/elements/redeem-key/define.js';
import type { MemoryBackend } from '../../../src/adapters/memory/index.js';
import type { KsRedeemKey } from '../../../src/elements/redeem-key/redeem-key.js';
import { demoKeys } from '../../../src/adapters/memory/index.js';
import { formatForDisplay, withCheckCharacter } from '../../../src/core/online-key.js';
import { type MountOptions, demoCredentials, mount } from '../../support/fixture.js';
import { spyOn } from '../../support/helpers.js';

const demoKey = (productId: string) => formatForDisplay(demoKeys.find((key) => key.productId === productId)!.key);

/** The demo keys by what they show (docs/demo-keys.md), as printed: grouped with hyphens. */
export const keys = {
  licence: demoKey('deutsch-kompetent-8'),
  download: demoKey('bruchrechnung-pdf'),
  journal: demoKey('mathematik-lehren'),
  teacherOnly: demoKey('physik-entdecken-8'),
  yours: demoKey('mathe-heute-7'),
  taken: demoKey('englisch-klar-6'),
  expired: demoKey('biologie-erleben-9'),
  notYetValid: demoKey('chemie-im-kontext'),
  /** Well-formed, but nobody issued it. */
  unknown: formatForDisplay(withCheckCharacter('ABCDEFGHJKMNPRT')),
} as const;

/** Mounts `<ks-redeem-key>` (or `template`) under a provider on a fresh seeded MemoryBackend. */
export function mountRedeemKey(template: TemplateResult = html`<ks-redeem-key></ks-redeem-key>`, options: MountOptions = {}) {
  return mount<KsRedeemKey>(template, options);
}

/** The element's controls, found in its shadow root as a user would find them. */
export function ui(element: KsRedeemKey) {
  const root = element.shadowRoot!;
  const one = <T extends Element>(selector: string) => root.querySelector<T>(selector);
  const textOf = (node: Element | null) =>
    [...(node?.childNodes ?? [])]
      .filter((child) => child.nodeType !== Node.COMMENT_NODE)
      .map((child) => child.textContent ?? '')
      .join(' ')
      .replace(/\s+/g, ' ')
      .trim();
  return {
    form: () => one<HTMLFormElement>('form'),
    input: () => one<HTMLInputElement>('input'),
    submit: () => one<HTMLButtonElement>('button[type=submit]'),
    status: () => one<HTMLElement>('[role=status]')!,
    alert: () => one<HTMLElement>('[role=alert]')!,
    statusText: () => textOf(one('[role=status]')),
    alertText: () => textOf(one('[role=alert]')),
    card: () => one<HTMLElement>('[part=card]'),
    cardText: () => textOf(one('[part=card]')),
    hint: () => textOf(one('[part=hint]')),
    countdown: () => textOf(one('[part=countdown]')),
    /** The problem shown for the field, through its aria-describedby. */
    problem: () =>
      (one('input')?.getAttribute('aria-describedby') ?? '')
        .split(/\s+/)
        .filter((id) => id !== 'hint' && id !== '')
        .map((id) => textOf(root.getElementById(id)))
        .join(' '),
    /** A button or link by its visible text. */
    control: (name: string) =>
      [...root.querySelectorAll<HTMLElement>('button, a')].find((each) => textOf(each) === name) ?? null,
  };
}

/** Puts `text` into the field the way a browser reports typing (value, caret at the end, an input event). */
export function typeInto(element: KsRedeemKey, text: string, inputType = 'insertText'): HTMLInputElement {
  const input = ui(element).input()!;
  input.focus();
  input.value = text;
  input.setSelectionRange(text.length, text.length);
  input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true, inputType, data: text }));
  return input;
}

/** Submits the form as Enter in the field would. */
export async function submit(element: KsRedeemKey): Promise<void> {
  ui(element).form()!.requestSubmit();
  await element.updateComplete;
}

/** Types `key` and submits it; resolves once the request has settled. */
export async function redeem(element: KsRedeemKey, key: string): Promise<void> {
  typeInto(element, key);
  await element.updateComplete;
  await submit(element);
  await settled(element);
}

/** Waits until no redemption is in flight and the element has rendered what came of it. */
export async function settled(element: KsRedeemKey): Promise<void> {
  await element.updateComplete;
  // A redemption on MemoryBackend without latency settles in microtasks; a held one stays busy.
  await new Promise((resolve) => setTimeout(resolve, 0));
  await waitUntil(() => !element.matches(':state(busy)'), 'the redemption did not settle');
  await element.updateComplete;
}

export interface RedeemCall {
  key: string;
  idempotencyKey: string;
}

/** Records every `redeemKey` call on `backend`; with `hold`, each waits until `release()`. */
export function spyOnRedeem(backend: MemoryBackend, options: { hold?: boolean } = {}) {
  return spyOn(backend, 'redeemKey', { ...options, record: (key, { idempotencyKey }): RedeemCall => ({ key, idempotencyKey }) });
}

/** The inline `<ks-sign-in>` of the signed-out detour, once its form is there. */
export async function inlineSignIn(element: KsRedeemKey): Promise<HTMLElement> {
  await waitUntil(() => element.querySelector('ks-sign-in input'), 'the inline sign-in form did not appear');
  return element.querySelector<HTMLElement>('ks-sign-in')!;
}

/** Signs in with a demo account through the inline form, as a user (or a password manager) would. */
export function signInInline(signIn: HTMLElement, user: 'teacher' | 'pupil'): void {
  const { email, password } = demoCredentials(user);
  for (const [selector, value] of [
    ['input[autocomplete=username]', email],
    ['input[autocomplete=current-password]', password],
  ] as const) {
    const input = signIn.querySelector<HTMLInputElement>(selector)!;
    input.value = value;
    input.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertText' }));
  }
  signIn.querySelector('form')!.requestSubmit();
}
