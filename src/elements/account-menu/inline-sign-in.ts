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

/** The host's own `<ks-sign-in slot="sign-in">` if the page put one there, else a new one. */
export function attachSignIn(host: HTMLElement): { element: HTMLElement; created: boolean } {
  const existing = host.querySelector<HTMLElement>(`:scope > [slot="${SIGN_IN_SLOT}"]`);
  if (existing) return { element: existing, created: false };
  const element = document.createElement('ks-sign-in');
  element.slot = SIGN_IN_SLOT;
  host.append(element);
  return { element, created: true };
}

const FOCUSABLE = 'input:not([type="hidden"]):not([disabled]), select, textarea, button:not([disabled]), a[href], [tabindex]:not([tabindex="-1"])';

/** Moves focus to the first field of the form, once it has rendered. */
export async function focusFirstField(element: HTMLElement): Promise<void> {
  await (element as HTMLElement & { updateComplete?: Promise<unknown> }).updateComplete;
  const field = element.querySelector<HTMLElement>(FOCUSABLE) ?? element.shadowRoot?.querySelector<HTMLElement>(FOCUSABLE);
  (field ?? element).focus();
}
