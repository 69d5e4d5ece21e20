import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * Calls `onOutside` when the user presses a pointer anywhere outside `host` while `active()`
 * holds; listens only meanwhile. Composed paths see through shadow roots, so a press inside the
 * host's own shadow tree or its light-DOM children counts as inside.
 */
export class OutsidePointerController implements ReactiveController {
  readonly #host: ReactiveControllerHost & HTMLElement;
  readonly #active: () => boolean;
  readonly #onOutside: () => void;
  #listening = false;

  constructor(host: ReactiveControllerHost & HTMLElement, active: () => boolean, onOutside: () => void) {
    this.#host = host;
    this.#active = active;
    this.#onOutside = onOutside;
    host.addController(this);
  }

  hostUpdated(): void {
    this.#listen(this.#active() && this.#host.isConnected);
  }

  hostDisconnected(): void {
    this.#listen(false);
  }

  #listen(on: boolean): void {
    if (on === this.#listening) return;
    this.#listening = on;
    if (on) document.addEventListener('pointerdown', this.#onPointerDown, true);
    else document.removeEventListener('pointerdown', this.#onPointerDown, true);
  }

  #onPointerDown = (event: PointerEvent): void => {
    if (!event.composedPath().includes(this.#host)) this.#onOutside();
  };
}
