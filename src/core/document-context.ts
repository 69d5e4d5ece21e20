/**
 * The page's default store, for elements with no `<ks-provider>` above them: a CMS editor may put
 * each tag into its own content block. Elements that connected before it was configured get it
 * too, because a ContextRoot and a document-level fallback answer their context requests whatever
 * the order of definition.
 *
 * Kept apart from `configure()` (page-default.ts), which builds an `HttpBackend` for `api`: the
 * elements need only this, so a page on `MemoryBackend` or its own backend never loads the HTTP
 * adapter through them.
 */
import { ContextRoot, type ContextEvent } from '@lit/context';
import { accountContext } from './context.js';
import { AccountStore } from './store.js';

let pageDefault: AccountStore | undefined;
let contextWired = false;

export function getPageDefaultStore(): AccountStore {
  pageDefault ??= new AccountStore();
  return pageDefault;
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
