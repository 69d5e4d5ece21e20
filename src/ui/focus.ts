import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** The host: a keyshelf element, rendering into its shadow root or (`<ks-sign-in>`) its light DOM. */
export type FocusHost = ReactiveControllerHost & HTMLElement & { readonly renderRoot: HTMLElement | DocumentFragment };

export interface FocusOptions {
  /** Ids of the message regions in the render root to fall back to, in order. */
  readonly messages: readonly string[];
  /** Selectors of the controls to fall back to when no message says anything, in order of preference. */
  readonly controls: readonly string[];
  /** The element a target names, in the render root; by default, the element with that id. */
  readonly find?: (root: ParentNode, target: string) => HTMLElement | null;
}

/** The element with the id `id` below `root`. */
export function byId(root: ParentNode, id: string): HTMLElement | null {
  return root.querySelector<HTMLElement>(`#${CSS.escape(id)}`);
}

/**
 * Where focus goes after a render: to the element asked for with `focusAfterUpdate`, else, when
 * the control the user was on went away (the form after signing in, the reset form once sent, the
 * field once the key is redeemed), to the first of the `messages` that says something (the message
 * that took its place) or the first of the `controls`, rather than dropping focus to the page.
 *
 * An element asked for that is not rendered yet (the sign-in form, while the session that a new
 * password ends is still there) is waited for: focus goes to that fallback meanwhile, and to the
 * element once a render brings it, unless the user has moved on (focus is no longer on one of the
 * `messages`, nor dropped to the page).
 *
 * It looks in the host's render root: its shadow root, or its light DOM for `<ks-sign-in>`. Focus
 * counts as inside the host in its shadow root and in its light-DOM children too (an inline
 * `<ks-sign-in>` slotted into `<ks-redeem-key>`).
 */
export class FocusController<Target extends string = string> implements ReactiveController {
  readonly #host: FocusHost;
  readonly #options: FocusOptions;
  #target: Target | null = null;
  /** The target asked for that was not rendered yet. */
  #waitingFor: Target | null = null;
  #wasInside = false;

  constructor(host: FocusHost, options: FocusOptions) {
    this.#host = host;
    this.#options = options;
    host.addController(this);
  }

  /** Focuses `target` after the next render, or once a render brings it. */
  focusAfterUpdate(target: Target): void {
    this.#target = target;
    this.#waitingFor = null;
  }

  /** Forgets a target asked for, if it is still awaited. */
  cancel(): void {
    this.#target = null;
    this.#waitingFor = null;
  }

  /** Whether focus is inside the host: in its shadow root or in its light-DOM children. */
  containsFocus(): boolean {
    const host = this.#host;
    const active = (host.getRootNode() as Document | ShadowRoot).activeElement;
    if (active === null) return false;
    return active === host ? (host.shadowRoot?.activeElement ?? null) !== null : host.contains(active);
  }

  hostUpdate(): void {
    this.#wasInside = this.containsFocus();
  }

  hostUpdated(): void {
    const target = this.#next();
    // Once this update is done: moving focus blurs a field, and its handler updates again.
    if (target) void this.#host.updateComplete.then(() => target.focus());
  }

  #next(): HTMLElement | null {
    const lost = this.#wasInside && !this.containsFocus();
    const asked = this.#target;
    this.#target = null;
    if (asked !== null) {
      const element = this.#find(asked);
      if (element) return element;
      this.#waitingFor = asked;
      return lost || this.#focusDropped() ? this.#fallback() : null;
    }
    if (this.#waitingFor !== null) {
      if (!this.#focusOnMessage() && !this.#focusDropped()) {
        this.#waitingFor = null;
      } else {
        const element = this.#find(this.#waitingFor);
        if (element) {
          this.#waitingFor = null;
          return element;
        }
      }
    }
    return lost ? this.#fallback() : null;
  }

  #find(target: Target): HTMLElement | null {
    return (this.#options.find ?? byId)(this.#host.renderRoot, target);
  }

  /** The focused element within the render root, if any. */
  #activeInRoot(): Element | null {
    const root = this.#host.renderRoot;
    if (root instanceof ShadowRoot) return root.activeElement;
    const active = (this.#host.getRootNode() as Document | ShadowRoot).activeElement;
    return active !== null && root.contains(active) ? active : null;
  }

  /** Focus is on one of the message regions, where only this controller puts it. */
  #focusOnMessage(): boolean {
    const active = this.#activeInRoot();
    return active !== null && this.#options.messages.includes(active.id);
  }

  /** Focus is nowhere in particular: the focused element went away. */
  #focusDropped(): boolean {
    const active = document.activeElement;
    return active === null || active === document.body || active === document.documentElement;
  }

  #fallback(): HTMLElement | null {
    const root = this.#host.renderRoot;
    for (const id of this.#options.messages) {
      const region = byId(root, id);
      if (region?.textContent?.trim()) return region;
    }
    for (const selector of this.#options.controls) {
      const control = root.querySelector<HTMLElement>(selector);
      if (control) return control;
    }
    return null;
  }
}
