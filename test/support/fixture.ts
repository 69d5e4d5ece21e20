import { fixture, html } from '@open-wc/testing';
import type { TemplateResult } from 'lit';
import '../../src/elements/provider/define.js';
import { MemoryBackend, demoAccounts } from '../../src/adapters/memory/index.js';
import { AccountStore, type KeyshelfLinks } from '../../src/core/store.js';
import type { KsProvider } from '../../src/elements/provider/provider.js';

export type DemoUser = 'teacher' | 'pupil' | 'unconfirmed';
const accountFor: Record<DemoUser, number> = { teacher: 0, pupil: 1, unconfirmed: 2 };

export interface MountOptions {
  /** Sign in as this demo account before mounting (not possible for `unconfirmed`). */
  signedInAs?: DemoUser;
  /** A backend to use instead of a fresh seeded MemoryBackend. */
  backend?: MemoryBackend;
  lang?: 'de' | 'en';
  links?: KeyshelfLinks;
  /** Whether to wait for the session before mounting (default true). */
  awaitSession?: boolean;
}

export interface Mounted<T extends Element> {
  element: T;
  provider: KsProvider;
  store: AccountStore;
  backend: MemoryBackend;
}

/** The demo account's credentials. */
export function demoCredentials(user: DemoUser = 'teacher') {
  const account = demoAccounts[accountFor[user]]!;
  return { email: account.email, password: account.password };
}

/**
 * Mounts `template` under a `<ks-provider>` with its own store on a fresh in-memory backend
 * seeded with the demo catalogue. The store has no tab sync and no web storage, so tests stay
 * apart; the element under test is the provider's first child.
 */
export async function mount<T extends Element>(template: TemplateResult, options: MountOptions = {}): Promise<Mounted<T>> {
  const backend = options.backend ?? new MemoryBackend();
  if (options.signedInAs) await backend.signIn(demoCredentials(options.signedInAs), { signal: new AbortController().signal });
  const store = new AccountStore({ backend, storage: null, channel: false, settings: { links: options.links ?? {} } });
  if (options.awaitSession !== false) await store.ensureSession();
  const provider = await fixture<KsProvider>(html`<ks-provider .store=${store} lang=${options.lang ?? 'de'}>${template}</ks-provider>`);
  const element = provider.firstElementChild as T;
  if (element && 'updateComplete' in element) await (element as unknown as { updateComplete: Promise<unknown> }).updateComplete;
  return { element, provider, store, backend };
}
