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
  'batch-empty',
  'batch-parsed',
  'batch-running',
  'batch-rate-limited',
  'batch-finished',
  'batch-resumed',
] as const;
export type RedeemKeyScenario = (typeof redeemKeyScenarios)[number];

/** The scenarios of batch mode (`<ks-redeem-key multiple>`). */
export const isBatchScenario = (scenario: RedeemKeyScenario): boolean => scenario.startsWith('batch-');

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

/** What each batch scenario pastes into the field (one key per line, or separated otherwise). */
const batchTexts: Partial<Record<RedeemKeyScenario, string>> = {
  'batch-parsed': [
    `${keyOf('deutsch-kompetent-8')}, ${keyOf('bruchrechnung-pdf')}`,
    'math 7a3b 4c6d e7f6',
    keyOf('mathematik-lehren'),
    'MATH-7AOB-4C6D-E7F6',
    'DATA-8K3M-4N6P',
  ].join('\n'),
  'batch-running': [keyOf('deutsch-kompetent-8'), keyOf('bruchrechnung-pdf'), keyOf('mathematik-lehren'), keyOf('weltatlas-digital')].join('\n'),
  'batch-rate-limited': [keyOf('deutsch-kompetent-8'), keyOf('bruchrechnung-pdf'), keyOf('mathematik-lehren')].join('\n'),
  'batch-finished': [
    keyOf('deutsch-kompetent-8'),
    keyOf('bruchrechnung-pdf'),
    keyOf('mathematik-lehren'),
    keyOf('weltatlas-digital'),
    keyOf('mathe-heute-7'),
    keyOf('englisch-klar-6'),
    keyOf('biologie-erleben-9'),
    keyOf('chemie-im-kontext'),
    'ABCD-EFGH-JKMN-PRTD',
    keyOf('deutsch-kompetent-8'),
    'DATA-8K3M-4N6P',
  ].join('\n'),
};

/**
 * Makes the `n`-th redeem (1-based) of a batch fail as the scenario needs, or never answer: the
 * batch stops there, in the state the story shows.
 */
const batchFaults: Partial<Record<RedeemKeyScenario, { call: number; fault: BackendError | 'hang' }>> = {
  'batch-running': { call: 3, fault: 'hang' },
  'batch-rate-limited': { call: 2, fault: new BackendError('rate-limited', { retryAfter: 120 }) },
  'batch-finished': { call: 4, fault: new BackendError('offline') },
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
  const batchFault = batchFaults[scenario];
  if (batchFault) {
    const redeemKey = backend.redeemKey.bind(backend);
    let calls = 0;
    backend.redeemKey = (key, options) => {
      calls += 1;
      if (calls !== batchFault.call) return redeemKey(key, options);
      const { fault } = batchFault;
      if (fault !== 'hang') return Promise.reject(fault);
      return new Promise((_resolve, reject) => options.signal.addEventListener('abort', () => reject(new BackendError('aborted'))));
    };
  }
  const store = new AccountStore({ backend, storage: null, channel: false });
  await Promise.all([store.ensureSession(), store.loadRegistrationOptions()]);
  if (scenario === 'pending-key') store.setPendingKey(keyOf('weltatlas-digital'));
  // What a reload mid-run leaves in the tab: the keys still to do, and a word for each key done.
  if (scenario === 'batch-resumed') {
    store.setPendingBatch({
      keys: [keyOf('bruchrechnung-pdf'), keyOf('mathematik-lehren'), keyOf('weltatlas-digital')],
      done: [
        { key: keyOf('deutsch-kompetent-8'), result: 'activated' },
        { key: keyOf('mathe-heute-7'), result: 'owned' },
        { key: keyOf('englisch-klar-6'), result: 'taken' },
        { key: 'DATA-8K3M-4N6P', result: 'malformed' },
      ],
    });
  }
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
  if (isBatchScenario(scenario)) return driveBatch(element, scenario);
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

/** Pastes the scenario's keys into the batch field and, but for `batch-parsed`, starts the run. */
async function driveBatch(element: KsRedeemKey, scenario: RedeemKeyScenario): Promise<void> {
  const text = batchTexts[scenario];
  if (!text) return;
  const textarea = element.shadowRoot!.querySelector('textarea')!;
  textarea.value = text;
  textarea.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true, inputType: 'insertFromPaste' }));
  if (scenario === 'batch-parsed') return;
  await element.updateComplete;
  element.shadowRoot!.querySelector('form')!.requestSubmit();
  const results = () => [...element.shadowRoot!.querySelectorAll('[part=results] > li')].map((li) => li.textContent ?? '');
  await until(() =>
    scenario === 'batch-running'
      ? results().filter((text) => /aktiviert|activated/i.test(text)).length >= 2
      : scenario === 'batch-rate-limited'
        ? element.matches(':state(blocked)')
        : element.shadowRoot!.querySelector('[part=actions]'),
  );
}

async function until(condition: () => unknown, timeout = 3000): Promise<void> {
  const end = Date.now() + timeout;
  while (!condition() && Date.now() < end) await new Promise((resolve) => setTimeout(resolve, 10));
}
