import type { KsSignIn } from '../sign-in/sign-in.js';

/**
 * The sign-in form the menu shows in its panel when there is no sign-in page to link to. Its
 * module is loaded on first use only, so pages that link to a sign-in page never load it. The
 * `<ks-sign-in>` is a light-DOM child of the menu (slotted into the panel), not part of the
 * menu's shadow tree: password managers only see forms in the document.
 */
export const SIGN_IN_SLOT = 'sign-in';

let loading: Promise<unknown> | undefined;

/** Loads and registers `<ks-sign-in>` once; a failed load may be tried again. */
export function loadSignIn(): Promise<unknown> {
  loading ??= import('../sign-in/define.js').catch((error: unknown) => {
    loading = undefined;
    throw error;
  });
  return loading;
}

/** The `<ks-sign-in>` in the host's sign-in slot, the page's or the one the menu created; null before first use. */
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
