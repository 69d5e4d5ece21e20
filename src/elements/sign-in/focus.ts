import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { byId } from './ids.js';

/**
 * Where focus goes after a render of a light-DOM element: to the element asked for with
 * `focusAfterUpdate`, else, when the control the user was on went away (the form after signing
 * in, the reset form once sent), to the first of `messages` that says something (the message that
 * took its place) or the first control, rather than dropping focus to the page.
 */
export class FocusController implements ReactiveController {
  readonly #host: ReactiveControllerHost & HTMLElement;
  /** Ids of the message regions to fall back to, in order. */
  readonly #messages: readonly string[];
  #target: string | null = null;
  #wasInside = false;

  constructor(host: ReactiveControllerHost & HTMLElement, messages: readonly string[]) {
    this.#host = host;
    this.#messages = messages;
    host.addController(this);
  }

  /** Focuses the element with this id after the next render. */
  focusAfterUpdate(id: string): void {
    this.#target = id;
  }

  hostUpdate(): void {
    this.#wasInside = this.#containsFocus();
  }

  hostUpdated(): void {
    const target = this.#target ? byId(this.#host, this.#target) : this.#wasInside && !this.#containsFocus() ? this.#fallback() : null;
    this.#target = null;
    // Once this update is done: moving focus blurs a field, and its handler updates again.
    if (target) void this.#host.updateComplete.then(() => target.focus());
  }

  #containsFocus(): boolean {
    const root = this.#host.getRootNode() as Document | ShadowRoot;
    const active = root.activeElement;
    return active !== null && active !== this.#host && this.#host.contains(active);
  }

  #fallback(): HTMLElement | null {
    for (const id of this.#messages) {
      const region = byId(this.#host, id);
      if (region?.textContent?.trim()) return region;
    }
    return this.#host.querySelector<HTMLElement>('input, button');
  }
}
