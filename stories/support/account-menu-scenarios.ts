import { MemoryBackend, demoAccounts } from '../../src/adapters/memory/index.js';
import { BackendError } from '../../src/core/errors.js';
import { AccountStore } from '../../src/core/store.js';
import type { KsAccountMenu } from '../../src/elements/account-menu/account-menu.js';
import { storyStore } from './backends.js';

/**
 * Story support only: a store in the state each `<ks-account-menu>` story shows, on an in-memory
 * backend (with injected failures), and the one story that needs a user action to get there.
 */
export type AccountMenuSession =
  | 'loading'
  | 'signed-out'
  | 'signed-in'
  | 'session-error'
  | 'reset-link'
  | 'reset-link-signed-in'
  | 'confirmation-failed';

/**
 * The e-mail link sessions hand the store the link's token the way the page's elements do when
 * they find `?ks-reset=` or `?ks-confirm=` in the URL; the menu answers them by itself.
 */
export async function accountMenuStore(session: AccountMenuSession): Promise<AccountStore> {
  if (session === 'signed-in' || session === 'signed-out') return storyStore(session);
  if (session === 'reset-link' || session === 'reset-link-signed-in') {
    const store = await storyStore(session === 'reset-link' ? 'signed-out' : 'signed-in');
    const backend = store.backend as MemoryBackend;
    await backend.requestPasswordReset(demoAccounts[0]!.email, { signal: new AbortController().signal });
    store.receivePasswordResetLink(backend.mailbox.findLast((mail) => mail.kind === 'reset')!.token!);
    // The form shows the policy's minimum length.
    await store.loadRegistrationOptions();
    return store;
  }
  if (session === 'confirmation-failed') {
    const store = await storyStore('signed-out');
    await store.confirmEmail('a-link-that-was-used-already');
    return store;
  }
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
