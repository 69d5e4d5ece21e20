import type { Product, ProductKind, SessionUser } from './schemas.js';

/** Where a keyshelf link leads, by purpose; `ks-navigate` names it so a single-page app can route. */
export type NavigationTarget = 'sign-in' | 'register' | 'account' | 'products' | 'redeem' | 'support' | 'redirect';

export interface KsNavigateDetail {
  to: NavigationTarget;
  /** The configured URL, if any; absent when the element would otherwise handle it inline. */
  href?: string;
}

/** The detail of every event keyshelf elements fire. All bubble and are composed. */
export interface KsEventMap {
  /** Cancelable: call `preventDefault()` to route in a single-page app instead. */
  'ks-navigate': CustomEvent<KsNavigateDetail>;
  'ks-signed-in': CustomEvent<{ user: SessionUser }>;
  'ks-signed-out': CustomEvent<Record<string, never>>;
  'ks-key-redeemed': CustomEvent<{ product: Product; list: ProductKind }>;
  /** Cancelable: call `preventDefault()` to open the product yourself. */
  'ks-open-product': CustomEvent<{ product: Product; href: string }>;
}

/**
 * A click the browser should handle itself: a new tab or window (Ctrl/⌘, Shift, a middle click),
 * a download (Alt), another button. Keyshelf routes only plain clicks on its links.
 */
export function isModifiedClick(event: MouseEvent): boolean {
  return event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey;
}

declare global {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface HTMLElementEventMap extends KsEventMap {}
}
