import { createContext } from '@lit/context';
import type { AccountStore } from './store.js';

/**
 * Carries the `AccountStore` from a `<ks-provider>` (or the page default) to every element below.
 * A global symbol, so that two copies of keyshelf on one page (npm and CDN) still find each other.
 */
export const accountContext = createContext<AccountStore>(Symbol.for('keyshelf.account-store'));
