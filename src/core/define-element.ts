/** Registers a tag once; loading keyshelf twice (npm and CDN) must not throw. */
export function defineElement(tag: string, element: CustomElementConstructor): void {
  if (!customElements.get(tag)) customElements.define(tag, element);
}
