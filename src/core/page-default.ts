/**
 * `configure()`: sets up the page's default store (see document-context.ts), which elements with
 * no `<ks-provider>` above them use; the first `<ks-provider page-default>` does the same from its
 * attributes. It builds an `HttpBackend` for `api`, so it lives apart from what the elements import.
 */
import type { Backend } from './backend.js';
import { getPageDefaultStore } from './document-context.js';
import type { MessageOverrides } from './localize.js';
import type { AccountStore, KeyshelfLinks } from './store.js';
import { HttpBackend } from '../adapters/http/http-backend.js';

export interface KeyshelfConfig {
  /** Any object implementing `Backend`; wins over `api`. */
  backend?: Backend;
  /** Base URL of a backend speaking the REST contract, e.g. `/api` or `https://shop.example/api`. */
  api?: string;
  lang?: string;
  messages?: MessageOverrides;
  links?: KeyshelfLinks;
}

/** The `api` each store's HttpBackend was built for, so re-applying the same config keeps the session. */
const appliedApi = new WeakMap<AccountStore, string>();

/**
 * Applies `config` to `store`: the backend (an object, or an HttpBackend for `api`) and the
 * settings. Applying the same config again changes nothing and notifies nobody.
 */
export function applyConfig(store: AccountStore, config: KeyshelfConfig): void {
  if (config.backend) {
    store.setBackend(config.backend);
    appliedApi.delete(store);
  } else if (config.api && appliedApi.get(store) !== config.api) {
    store.setBackend(new HttpBackend({ baseUrl: config.api }));
    appliedApi.set(store, config.api);
  }
  const { lang, messages, links } = config;
  store.configure({
    ...(lang !== undefined ? { lang } : {}),
    ...(messages !== undefined ? { messages } : {}),
    ...(links !== undefined ? { links: { ...store.snapshot.settings.links, ...links } } : {}),
  });
}

/** Configures the page default store; call it once, before or after the tags are on the page. */
export function configure(config: KeyshelfConfig): AccountStore {
  const store = getPageDefaultStore();
  applyConfig(store, config);
  return store;
}
