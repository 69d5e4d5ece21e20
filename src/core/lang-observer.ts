/**
 * Re-renders keyshelf elements when a `lang` attribute changes anywhere in the document (a site's
 * language switch, Storybook's locale toolbar). One observer for the page, started by the first
 * element that connects.
 */
const elements = new Set<{ requestUpdate(): void }>();
let observer: MutationObserver | undefined;

export function observeLang(element: { requestUpdate(): void }): () => void {
  elements.add(element);
  observer ??= new MutationObserver(() => {
    for (const each of elements) each.requestUpdate();
  });
  if (elements.size === 1) {
    observer.observe(document.documentElement, { attributes: true, attributeFilter: ['lang'], subtree: true });
  }
  return () => {
    elements.delete(element);
    if (elements.size === 0) observer?.disconnect();
  };
}
