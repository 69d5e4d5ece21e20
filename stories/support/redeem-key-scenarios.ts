import { MemoryBackend, demoAccounts, demoKeys } from '../../src/adapters/memory/index.js';
import { BackendError } from '../../src/core/errors.js';
import { formatForDisplay } from '../../src/core/online-key.js';
import { AccountStore } from '../../src/core/store.js';
import type { KsRedeemKey } from '../../src/elements/redeem-key/redeem-key.js';

/**
 * Story support only: puts a `<ks-redeem-key>` into one of its states through the real store and
 * an in-memory backend (with injected failures), the way a user gets there: typing a demo key,
 * submitting it. No `play` function, so the state is there in the docs page as well.
 */
export const redeemKeyScenarios = [
  'empty',
  'typing',
  'typo',
  'in-flight',
  'activated',
  'activated-download',
  'activated-journal',
  'already-owned',
  'redeemed-by-someone-else',
  'not-found',
  'expired',
  'not-yet-valid',
  'not-for-customer-type',
  'rate-limited',
  'offline',
  'timeout',
  'server-error',
  'bad-response',
  'signed-out',
  'pending-key',
] as const;
export type RedeemKeyScenario = (typeof redeemKeyScenarios)[number];

const keyOf = (productId: string) => formatForDisplay(demoKeys.find((key) => key.productId === productId)!.key);

/** The key each scenario types (docs/demo-keys.md). */
const keys: Partial<Record<RedeemKeyScenario, string>> = {
  typing: 'MATH-7A3B-4C',
  typo: 'MATH-7AOB-4C6D-E7F6',
  'in-flight': keyOf('deutsch-kompetent-8'),
  activated: keyOf('deutsch-kompetent-8'),
  'activated-download': keyOf('bruchrechnung-pdf'),
  'activated-journal': keyOf('mathematik-lehren'),
  'already-owned': keyOf('mathe-heute-7'),
  'redeemed-by-someone-else': keyOf('englisch-klar-6'),
  'not-found': 'ABCD-EFGH-JKMN-PRTD',
  expired: keyOf('biologie-erleben-9'),
  'not-yet-valid': keyOf('chemie-im-kontext'),
  'not-for-customer-type': keyOf('physik-entdecken-8'),
  'rate-limited': keyOf('deutsch-kompetent-8'),
  offline: keyOf('deutsch-kompetent-8'),
  timeout: keyOf('deutsch-kompetent-8'),
  'server-error': keyOf('deutsch-kompetent-8'),
  'bad-response': keyOf('deutsch-kompetent-8'),
  'signed-out': keyOf('deutsch-kompetent-8'),
};

const failures: Partial<Record<RedeemKeyScenario, Parameters<MemoryBackend['failNext']>>> = {
  'rate-limited': ['redeemKey', 'rate-limited', { retryAfter: 120 }],
  offline: ['redeemKey', 'offline'],
  timeout: ['redeemKey', 'timeout'],
  'server-error': ['redeemKey', 'server'],
  'bad-response': ['redeemKey', 'bad-response'],
};

/** A store whose backend answers the scenario's redemption as the scenario needs. */
export async function redeemKeyStore(scenario: RedeemKeyScenario): Promise<AccountStore> {
  const backend = new MemoryBackend();
  const [teacher, pupil] = demoAccounts;
  const account = scenario === 'not-for-customer-type' ? pupil! : scenario === 'signed-out' ? null : teacher!;
  if (account) await backend.signIn({ email: account.email, password: account.password }, { signal: new AbortController().signal });
  const failure = failures[scenario];
  if (failure) backend.failNext(...failure);
  if (scenario === 'in-flight') {
    // Never answers (until the story goes away): the busy state stays on screen.
    backend.redeemKey = (_key, { signal }) =>
      new Promise((_resolve, reject) => signal.addEventListener('abort', () => reject(new BackendError('aborted'))));
  }
  const store = new AccountStore({ backend, storage: null, channel: false });
  await Promise.all([store.ensureSession(), store.loadRegistrationOptions()]);
  if (scenario === 'pending-key') store.setPendingKey(keyOf('weltatlas-digital'));
  return store;
}

const driven = new WeakSet<Element>();

/** Drives `element` into the scenario's state, once per element. */
export function driveRedeemKey(element: Element | undefined, scenario: RedeemKeyScenario): void {
  if (!element || driven.has(element)) return;
  driven.add(element);
  // Moving focus (into the inline sign-in form) must not scroll the docs page.
  const { scrollX, scrollY } = window;
  void drive(element as KsRedeemKey, scenario).then(() => window.scrollTo(scrollX, scrollY));
}

async function drive(element: KsRedeemKey, scenario: RedeemKeyScenario): Promise<void> {
  await element.updateComplete;
  const key = keys[scenario];
  if (!key) return;
  const input = element.shadowRoot!.querySelector('input')!;
  input.value = key;
  input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true, inputType: 'insertFromPaste' }));
  // As a user who typed and moved on: the check speaks, nothing is sent.
  input.dispatchEvent(new FocusEvent('blur'));
  if (scenario === 'typing' || scenario === 'typo') return;
  await element.updateComplete;
  element.shadowRoot!.querySelector('form')!.requestSubmit();
  await until(() =>
    scenario === 'in-flight'
      ? element.matches(':state(busy)')
      : scenario === 'signed-out'
        ? element.contains(document.activeElement)
        : element.matches(':state(success), :state(error)'),
  );
}

async function until(condition: () => unknown, timeout = 3000): Promise<void> {
  const end = Date.now() + timeout;
  while (!condition() && Date.now() < end) await new Promise((resolve) => setTimeout(resolve, 10));
}
