import type { CSSResult } from 'lit';

const adopted = new WeakMap<Document | ShadowRoot, Set<CSSStyleSheet>>();

/**
 * Styles for markup an element renders into its light DOM (forms whose inputs password managers
 * must see). Adopts the sheet into the document or shadow root the element lives in, once per
 * root: a constructed sheet, so a strict CSP holds.
 *
 * Write such rules as `ks-sign-in :is(input):not(#\#)`: the tag scopes them, and the never-failing
 * `:not(#\#)` lifts their specificity above a CMS theme's `#content input { … }`.
 */
export function adoptLightDomStyles(element: Element, styles: CSSResult): void {
  const root = element.getRootNode();
  if (!(root instanceof Document || root instanceof ShadowRoot)) return;
  const sheet = styles.styleSheet;
  if (!sheet) return;
  let sheets = adopted.get(root);
  if (!sheets) adopted.set(root, (sheets = new Set()));
  if (sheets.has(sheet)) return;
  sheets.add(sheet);
  root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
}
