import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { byId } from './ids.js';

/**
 * Where focus goes after a render of a light-DOM element: to the element asked for with
 * `focusAfterUpdate`, else, when the control the user was on went away (the form after signing
 * in, the reset form once sent), to the first of `messages` that says something (the message that
 * took its place) or the first control, rather than dropping focus to the page.
 *
 * An element asked for that is not rendered yet (the sign-in form, while the session that a new
 * password ends is still there) is waited for: focus goes to that fallback meanwhile, and to the
 * element once a render brings it, unless the user has moved on (focus is no longer on one of
 * `messages`, nor dropped to the page).
 */
export class FocusController implements ReactiveController {
  readonly #host: ReactiveControllerHost & HTMLElement;
  /** Ids of the message regions to fall back to, in order. */
  readonly #messages: readonly string[];
  #target: string | null = null;
  /** The id asked for that was not rendered yet. */
  #waitingFor: string | null = null;
  #wasInside = false;

  constructor(host: ReactiveControllerHost & HTMLElement, messages: readonly string[]) {
    this.#host = host;
    this.#messages = messages;
    host.addController(this);
  }

  /** Focuses the element with this id after the next render, or once a render brings it. */
  focusAfterUpdate(id: string): void {
    this.#target = id;
    this.#waitingFor = null;
  }

  /** Forgets an element asked for, if it is still awaited. */
  cancel(): void {
    this.#target = null;
    this.#waitingFor = null;
  }

  hostUpdate(): void {
    this.#wasInside = this.#containsFocus();
  }

  hostUpdated(): void {
    const target = this.#next();
    // Once this update is done: moving focus blurs a field, and its handler updates again.
    if (target) void this.#host.updateComplete.then(() => target.focus());
  }

  #next(): HTMLElement | null {
    const lost = this.#wasInside && !this.#containsFocus();
    const asked = this.#target;
    this.#target = null;
    if (asked !== null) {
      const element = byId(this.#host, asked);
      if (element) return element;
      this.#waitingFor = asked;
      return lost || this.#focusDropped() ? this.#fallback() : null;
    }
    if (this.#waitingFor !== null) {
      if (!this.#focusOnMessage() && !this.#focusDropped()) {
        this.#waitingFor = null;
      } else {
        const element = byId(this.#host, this.#waitingFor);
        if (element) {
          this.#waitingFor = null;
          return element;
        }
      }
    }
    return lost ? this.#fallback() : null;
  }

  #activeElement(): Element | null {
    return (this.#host.getRootNode() as Document | ShadowRoot).activeElement;
  }

  #containsFocus(): boolean {
    const active = this.#activeElement();
    return active !== null && active !== this.#host && this.#host.contains(active);
  }

  /** Focus is on one of the message regions, where only this controller puts it. */
  #focusOnMessage(): boolean {
    const active = this.#activeElement();
    return active !== null && this.#host.contains(active) && this.#messages.includes(active.id);
  }

  /** Focus is nowhere in particular: the focused element went away. */
  #focusDropped(): boolean {
    const active = document.activeElement;
    return active === null || active === document.body || active === document.documentElement;
  }

  #fallback(): HTMLElement | null {
    for (const id of this.#messages) {
      const region = byId(this.#host, id);
      if (region?.textContent?.trim()) return region;
    }
    return this.#host.querySelector<HTMLElement>('input, button');
  }
}
