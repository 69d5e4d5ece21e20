import { MemoryBackend } from '../../src/adapters/memory/index.js';
import { BackendError } from '../../src/core/errors.js';
import { AccountStore } from '../../src/core/store.js';
import type { KsAccountMenu } from '../../src/elements/account-menu/account-menu.js';
import { storyStore } from './backends.js';

/**
 * Story support only: a store in the state each `<ks-account-menu>` story shows, on an in-memory
 * backend (with injected failures), and the one story that needs a user action to get there.
 */
export type AccountMenuSession = 'loading' | 'signed-out' | 'signed-in' | 'session-error';

export async function accountMenuStore(session: AccountMenuSession): Promise<AccountStore> {
  if (session === 'signed-in' || session === 'signed-out') return storyStore(session);
  const backend = new MemoryBackend();
  if (session === 'loading') {
    // Never answers (until the story goes away): the session stays unknown.
    backend.getSession = ({ signal }) =>
      new Promise((_resolve, reject) => signal.addEventListener('abort', () => reject(new BackendError('aborted'))));
  } else {
    backend.failNext('getSession', 'offline');
  }
  const store = new AccountStore({ backend, storage: null, channel: false });
  const reading = store.ensureSession();
  if (session === 'session-error') await reading;
  return store;
}

const signedOutOnce = new WeakSet<KsAccountMenu>();

/** Chooses "Abmelden" in `menu` as a user would (open, click), once per element. */
export async function signOutThroughMenu(menu: Element | undefined): Promise<void> {
  if (!menu || signedOutOnce.has(menu as KsAccountMenu)) return;
  const element = menu as KsAccountMenu;
  signedOutOnce.add(element);
  await element.updateComplete;
  element.open = true;
  await element.updateComplete;
  const items = element.shadowRoot!.querySelectorAll<HTMLElement>('[role="menuitem"]');
  items[items.length - 1]?.click();
}
