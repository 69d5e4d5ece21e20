import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { KsSignIn } from '../elements/sign-in/sign-in.js';

/**
 * The sign-in form an element shows inline when there is no sign-in page to link to (the account
 * menu in its panel, the redeem form after a signed-out submit). Its module is loaded on first use
 * only, so pages that link to a sign-in page, or whose users are signed in, never load it. The
 * `<ks-sign-in>` is a light-DOM child of the host (slotted in), not part of its shadow tree:
 * password managers only see forms in the document.
 */
export const SIGN_IN_SLOT = 'sign-in';

let loading: Promise<unknown> | undefined;

/** Loads and registers `<ks-sign-in>` once; a failed load may be tried again. */
export function loadSignIn(): Promise<unknown> {
  loading ??= import('../elements/sign-in/define.js').catch((error: unknown) => {
    loading = undefined;
    throw error;
  });
  return loading;
}

/** The `<ks-sign-in>` in the host's sign-in slot, the page's or the one the host created; null before first use. */
export function slottedSignIn(host: HTMLElement): HTMLElement | null {
  return host.querySelector<HTMLElement>(`:scope > [slot="${SIGN_IN_SLOT}"]`);
}

/**
 * Whether the form asks for a new password (after a reset link): its public `view`. An element
 * that is not upgraded yet has none, and asks for nothing.
 */
export function asksForNewPassword(element: HTMLElement | null): boolean {
  return (element as Partial<Pick<KsSignIn, 'view'>> | null)?.view === 'new-password';
}

/**
 * Whether the page shows a `<ks-sign-in>` of its own, one that is not the inline form of an
 * account menu (`isMenu` tells menus apart). It shows the store's e-mail link outcomes too.
 */
export function pageShowsSignIn(isMenu: (element: Element) => boolean): boolean {
  return [...document.querySelectorAll('ks-sign-in')].some(
    (element) => !(element.slot === SIGN_IN_SLOT && element.parentElement !== null && isMenu(element.parentElement)),
  );
}

/** The host's own `<ks-sign-in slot="sign-in">` if the page put one there, else a new one. */
export function attachSignIn(host: HTMLElement): { element: HTMLElement; created: boolean } {
  const existing = slottedSignIn(host);
  if (existing) return { element: existing, created: false };
  const element = document.createElement('ks-sign-in');
  element.slot = SIGN_IN_SLOT;
  host.append(element);
  return { element, created: true };
}

/** What can take focus; `[hidden]` inputs (the new-password form's username for password managers) cannot. */
const FOCUSABLE =
  'input:not([type="hidden"]):not([hidden]):not([disabled]), select:not([hidden]), textarea:not([hidden]), button:not([disabled]):not([hidden]), a[href]:not([hidden]), [tabindex]:not([tabindex="-1"]):not([hidden])';

/** Moves focus to the first field of the form, once it has rendered. */
export async function focusFirstField(element: HTMLElement): Promise<void> {
  await (element as HTMLElement & { updateComplete?: Promise<unknown> }).updateComplete;
  const field = element.querySelector<HTMLElement>(FOCUSABLE) ?? element.shadowRoot?.querySelector<HTMLElement>(FOCUSABLE);
  (field ?? element).focus();
}

/** How far the inline form is: not asked for, its module loading, in the slot, or its module failed to load. */
export type SignInLoad = 'idle' | 'loading' | 'ready' | 'failed';

export interface InlineSignInOptions {
  /** Where "Neues Konto erstellen" in a form the host creates leads: the host's `register-href`. */
  readonly registerHref: () => string | undefined;
  /** Whether the host shows the form now; focus goes into it only then. */
  readonly shown: () => boolean;
  /** Loads and registers `<ks-sign-in>` (default `loadSignIn`); a test makes it fail like a lost connection. */
  readonly load?: () => Promise<unknown>;
}

/**
 * The inline `<ks-sign-in>` of a host element: loads its module on first use, puts the form into
 * the host's sign-in slot (the page's own `<ks-sign-in slot="sign-in">`, or a new one that takes
 * the host's `register-href`), says how far that is (`load`: the host shows "could not be loaded"
 * and a retry when it failed) and moves focus into the form once it is there and shown.
 */
export class InlineSignInController implements ReactiveController {
  readonly #host: ReactiveControllerHost & HTMLElement;
  readonly #options: InlineSignInOptions;
  #load: SignInLoad = 'idle';
  #focusWanted = false;

  constructor(host: ReactiveControllerHost & HTMLElement, options: InlineSignInOptions) {
    this.#host = host;
    this.#options = options;
    host.addController(this);
  }

  get load(): SignInLoad {
    return this.#load;
  }

  /** The form in the host's slot, once there. */
  get element(): HTMLElement | null {
    return slottedSignIn(this.#host);
  }

  /**
   * Makes the form ready: loads its module and fills the slot, unless that is done or under way
   * (a failed load is tried again). With `focus`, focus goes into the form once it is ready and shown.
   */
  open(options: { focus?: boolean } = {}): void {
    if (options.focus) this.#focusWanted = true;
    if (this.#load === 'idle' || this.#load === 'failed') void this.#prepare();
    else if (options.focus) this.#host.requestUpdate();
  }

  /** Forgets a failed load, so the next `open()` starts afresh (the host closed what said so). */
  reset(): void {
    if (this.#load === 'failed') this.#set('idle');
  }

  hostUpdated(): void {
    if (!this.#focusWanted || this.#load !== 'ready' || !this.#options.shown()) return;
    this.#focusWanted = false;
    void this.#focusForm();
  }

  async #prepare(): Promise<void> {
    this.#set('loading');
    try {
      await (this.#options.load ?? loadSignIn)();
    } catch {
      this.#set('failed');
      return;
    }
    const { element, created } = attachSignIn(this.#host);
    // The form's "Neues Konto erstellen" goes where the host's does.
    const registerHref = this.#options.registerHref();
    if (created && registerHref) element.setAttribute('register-href', registerHref);
    this.#set('ready');
  }

  async #focusForm(): Promise<void> {
    await this.#host.updateComplete;
    const element = this.element;
    if (element && this.#options.shown()) await focusFirstField(element);
  }

  #set(load: SignInLoad): void {
    this.#load = load;
    this.#host.requestUpdate();
  }
}
