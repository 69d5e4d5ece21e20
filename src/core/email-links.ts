/**
 * The links in keyshelf's e-mails lead back to the publisher's page with a token:
 * `?ks-confirm={token}` confirms the e-mail address, `?ks-reset={token}` sets a new password.
 * This module takes both off the URL and gives them to a store; elements show the outcome from
 * the store's snapshot (`emailConfirmation`, `passwordResetPending`).
 *
 * - When: whenever a keyshelf element gets its store (`KsElement` calls `followEmailLinks`), the
 *   URL is read if it changed since the last read. On a page without such a parameter that is
 *   one string comparison per element.
 * - Which store: the first one with a backend that an element is connected to. The tokens work
 *   once, so a page with two stores (a provider and the page default) uses them once. While the
 *   first store an element gets has no backend yet (the page default before `configure()`),
 *   the tokens wait, in memory, for whichever store gets a backend first.
 * - What: both parameters leave the URL at once (`history.replaceState`; other parameters, their
 *   order and encoding, and the hash are kept), so a reload or a shared URL does not carry them.
 *   `ks-confirm` → `store.confirmEmail(token)`, which signs the user in. `ks-reset` →
 *   `store.receivePasswordResetLink(token)`; `<ks-sign-in>` takes it from there and asks for the
 *   new password (the store cannot: it needs the password first).
 * - Tokens are never logged, never written to web storage, and a token taken once is not taken
 *   again on this page (should a router put the old URL back).
 */
import type { AccountStore } from './store.js';

export const CONFIRM_PARAM = 'ks-confirm';
export const RESET_PARAM = 'ks-reset';

interface LinkTokens {
  confirm?: string;
  reset?: string;
}

/** `location.search` as last read; `undefined` before the first read. */
let lastSearch: string | undefined;
/** Tokens taken off the URL that no store with a backend has received yet. */
let waiting: LinkTokens | null = null;
/** Tokens taken on this page, so that none is used twice. */
const taken = new Set<string>();
/** Stores without a backend that wait for one to receive the tokens. */
const stores = new WeakSet<AccountStore>();

/**
 * Gives the tokens of an e-mail link in the page's URL to `store`, if it is the first store with
 * a backend to ask; see the module comment. Cheap when the URL has not changed.
 */
export function followEmailLinks(store: AccountStore): void {
  const search = location.search;
  if (search !== lastSearch) {
    const tokens = search.includes('ks-') ? takeTokensFromUrl() : null;
    lastSearch = location.search;
    if (tokens) waiting = { ...waiting, ...tokens };
  }
  if (!waiting) return;
  if (store.snapshot.configured) deliver(store);
  else waitForBackend(store);
}

function deliver(store: AccountStore): void {
  const tokens = waiting;
  waiting = null;
  if (tokens?.reset !== undefined) store.receivePasswordResetLink(tokens.reset);
  if (tokens?.confirm !== undefined) void store.confirmEmail(tokens.confirm);
}

function waitForBackend(store: AccountStore): void {
  if (stores.has(store)) return;
  stores.add(store);
  const stop = store.subscribe((snapshot) => {
    if (waiting && !snapshot.configured) return;
    stop();
    stores.delete(store);
    // Not from inside the store's notification: the delivery changes the snapshot again.
    queueMicrotask(() => {
      if (waiting && store.snapshot.configured) deliver(store);
    });
  });
}

/** Removes both parameters from the URL and returns their first values not taken before. */
function takeTokensFromUrl(): LinkTokens | null {
  const query = location.search.slice(1);
  const kept: string[] = [];
  const tokens: LinkTokens = {};
  let found = false;
  for (const part of query.split('&')) {
    const [entry] = new URLSearchParams(part);
    const name = entry?.[0];
    if (name !== CONFIRM_PARAM && name !== RESET_PARAM) {
      if (part !== '') kept.push(part);
      continue;
    }
    found = true;
    const token = entry![1];
    const kind = name === CONFIRM_PARAM ? 'confirm' : 'reset';
    if (tokens[kind] === undefined && !taken.has(token)) {
      tokens[kind] = token;
      taken.add(token);
    }
  }
  if (!found) return null;
  const search = kept.length > 0 ? `?${kept.join('&')}` : '';
  try {
    history.replaceState(history.state, '', `${location.pathname}${search}${location.hash}`);
  } catch {
    // A sandboxed or opaque-origin page may not rewrite its address; the tokens still work once.
  }
  return tokens.confirm === undefined && tokens.reset === undefined ? null : tokens;
}
