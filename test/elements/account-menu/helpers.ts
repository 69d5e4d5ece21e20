import { expect } from '@open-wc/testing';
import { resetMouse, sendMouse } from '@web/test-runner-commands';
import '../../../src/elements/account-menu/define.js';
import type { KsAccountMenu } from '../../../src/elements/account-menu/account-menu.js';
import type { KsEventMap } from '../../../src/core/events.js';

export type Menu = KsAccountMenu;

export const trigger = (menu: Menu) => menu.shadowRoot!.querySelector<HTMLButtonElement>('[part~="trigger"]')!;
export const panel = (menu: Menu) => menu.shadowRoot!.querySelector<HTMLElement>('[part~="panel"]')!;
export const menuList = (menu: Menu) => menu.shadowRoot!.querySelector<HTMLElement>('[role="menu"]');
export const items = (menu: Menu) => [...menu.shadowRoot!.querySelectorAll<HTMLElement>('[role="menuitem"]')];
export const itemLabels = (menu: Menu) => items(menu).map((item) => item.textContent!.trim());
export const item = (menu: Menu, label: string) => {
  const found = items(menu).find((candidate) => candidate.textContent!.trim() === label);
  if (!found) throw new Error(`no item "${label}" in [${itemLabels(menu).join(', ')}]`);
  return found;
};
/** The focused element inside the menu's shadow root, or null. */
export const focused = (menu: Menu) => menu.shadowRoot!.activeElement as HTMLElement | null;
export const focusedLabel = (menu: Menu) => focused(menu)?.textContent?.trim();
export const liveRegion = (menu: Menu) => menu.shadowRoot!.querySelector<HTMLElement>('[role="status"]')!;
export const isOpen = (menu: Menu) => !panel(menu).hidden && trigger(menu).getAttribute('aria-expanded') === 'true';

/** Asserts that focus is on the menu's trigger. */
export function expectFocusOnTrigger(menu: Menu): void {
  expect(focused(menu), 'focus').to.equal(trigger(menu));
}

/** Waits for the element's render after an interaction. */
export async function settled(menu: Menu): Promise<void> {
  await menu.updateComplete;
  await menu.updateComplete;
}

/** A real click in the middle of `element`. */
export async function click(element: Element): Promise<void> {
  const box = element.getBoundingClientRect();
  await sendMouse({ type: 'click', position: [Math.round(box.x + box.width / 2), Math.round(box.y + box.height / 2)] });
}

/**
 * Records the keyshelf events that reach `document`. It cancels every `ks-navigate` that has an
 * `href`, so no test ever navigates the test page away; `cancelAll` cancels the others too.
 */
export function recordEvents(options: { cancelAll?: boolean } = {}) {
  const events: { type: string; detail: unknown; cancelable: boolean }[] = [];
  const types: (keyof KsEventMap)[] = ['ks-navigate', 'ks-signed-out', 'ks-signed-in'];
  const listener = (event: Event) => {
    events.push({ type: event.type, detail: (event as CustomEvent).detail, cancelable: event.cancelable });
    if (event.type === 'ks-navigate' && (options.cancelAll || (event as CustomEvent<{ href?: string }>).detail.href)) {
      event.preventDefault();
    }
  };
  for (const type of types) document.addEventListener(type, listener);
  return {
    events,
    of: (type: keyof KsEventMap) => events.filter((event) => event.type === type),
    stop: () => types.forEach((type) => document.removeEventListener(type, listener)),
  };
}

/**
 * `recordEvents()` afresh for each test of the calling `describe`; after each test it stops
 * recording and releases the mouse buttons.
 */
export function recordEventsInEachTest() {
  let recorder: ReturnType<typeof recordEvents> | undefined;
  const current = () => recorder ?? expect.fail('recording starts before each test');
  beforeEach(() => (recorder = recordEvents()));
  afterEach(async () => {
    recorder?.stop();
    recorder = undefined;
    await resetMouse();
  });
  return {
    get events() {
      return current().events;
    },
    of: (type: keyof KsEventMap) => current().of(type),
    /** From now on in this test, cancel every `ks-navigate`, as a single-page app that routes itself. */
    cancelAll() {
      current().stop();
      recorder = recordEvents({ cancelAll: true });
    },
  };
}
