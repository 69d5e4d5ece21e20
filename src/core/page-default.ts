/**
 * The page's default store, for elements with no `<ks-provider>` above them: a CMS editor may put
 * each tag into its own content block. `configure()` (or the first `<ks-provider page-default>`)
 * sets it up; elements that connected earlier get it too, because a ContextRoot and a
 * document-level fallback answer their context requests whatever the order of definition.
 */
import { ContextRoot, type ContextEvent } from '@lit/context';
import type { Backend } from './backend.js';
import { accountContext } from './context.js';
import type { MessageOverrides } from './localize.js';
import { AccountStore, type KeyshelfLinks } from './store.js';
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

let pageDefault: AccountStore | undefined;
/** The `api` each store's HttpBackend was built for, so re-applying the same config keeps the session. */
const appliedApi = new WeakMap<AccountStore, string>();
let contextWired = false;

export function getPageDefaultStore(): AccountStore {
  pageDefault ??= new AccountStore();
  return pageDefault;
}

/** Applies `config` to `store`: the backend (an object, or an HttpBackend for `api`) and the settings. */
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

function answerWithPageDefault(event: ContextEvent<typeof accountContext>): void {
  if (event.context !== accountContext) return;
  event.stopPropagation();
  event.callback(getPageDefaultStore());
}

/**
 * Wires the document once, when the first keyshelf element or provider connects (never at
 * import, so importing keyshelf has no side effects). The ContextRoot, on `<html>`, remembers
 * requests no provider answered and replays them when a provider appears later; the fallback,
 * on `document` just above it, answers them with the page default meanwhile.
 */
export function wireDocumentContext(): void {
  if (contextWired) return;
  contextWired = true;
  new ContextRoot().attach(document.documentElement);
  document.addEventListener('context-request', answerWithPageDefault as EventListener);
}
