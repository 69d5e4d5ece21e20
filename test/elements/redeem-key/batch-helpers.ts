import { html, waitUntil } from '@open-wc/testing';
import type { MemoryBackend } from '../../../src/adapters/memory/index.js';
import { MemoryBackend as Backend, demoAccounts, demoKeys, demoProducts } from '../../../src/adapters/memory/index.js';
import { DEFAULT_KEY_ALPHABET, formatForDisplay, withCheckCharacter } from '../../../src/core/online-key.js';
import type { KsRedeemKey } from '../../../src/elements/redeem-key/redeem-key.js';
import type { MountOptions } from '../../support/fixture.js';
import { mountRedeemKey, ui } from './helpers.js';

/** Mounts `<ks-redeem-key multiple>` (with `attributes`) under a provider, like `mountRedeemKey`. */
export function mountBatch(options: MountOptions & { productsHref?: string; supportHref?: string } = {}) {
  return mountRedeemKey(
    html`<ks-redeem-key multiple products-href=${options.productsHref ?? ''} support-href=${options.supportHref ?? ''}></ks-redeem-key>`,
    options,
  );
}

/**
 * A MemoryBackend with one more fresh key for each product the teacher does not own yet, on top of
 * the demo keys: enough different products for a class set that activates a dozen.
 */
export function classSetBackend(): { backend: MemoryBackend; classSet: string[] } {
  const owned = new Set(demoAccounts[0]!.productIds);
  const fresh = demoProducts.filter((product) => !owned.has(product.id));
  const extra = fresh.map((product, index) => {
    const body = `KNMR${[...Array(11)].map((_, i) => DEFAULT_KEY_ALPHABET[(index * 7 + i * 3) % DEFAULT_KEY_ALPHABET.length]).join('')}`;
    return { key: withCheckCharacter(body), productId: product.id, demonstrates: 'a class set' };
  });
  const backend = new Backend({ seed: { keys: [...demoKeys, ...extra] } });
  return { backend, classSet: extra.map((each) => formatForDisplay(each.key)) };
}

/** The batch view's parts, found in the shadow root as a user would find them. */
export function batchUi(element: KsRedeemKey) {
  const root = element.shadowRoot!;
  const base = ui(element);
  const text = (node: Element | null | undefined) => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();
  return {
    ...base,
    textarea: () => root.querySelector<HTMLTextAreaElement>('textarea'),
    count: () => text(root.querySelector('[part=count]')),
    /** The preview's entries, each as its text. */
    preview: () => [...root.querySelectorAll('[part=preview] li')].map((li) => text(li)),
    problemText: () => text(root.querySelector('[part=problem]')),
    progress: () => text(root.querySelector('[part=progress]')),
    countdownText: () => text(root.querySelector('[part=countdown]')),
    control: () => root.querySelector<HTMLButtonElement>('[part=control]'),
    /** The results, each as its text. */
    results: () => [...root.querySelectorAll('[part=results] > li')].map((li) => text(li)),
    resultList: () => root.querySelector<HTMLOListElement>('[part=results]'),
    announcer: () => text(root.querySelector('#announcer')),
    /** A button or link by its visible text. */
    button: (name: string) => [...root.querySelectorAll<HTMLElement>('button, a')].find((each) => text(each) === name) ?? null,
  };
}

/** Types `text` into the batch field the way a browser reports a paste. */
export function pasteInto(element: KsRedeemKey, value: string): HTMLTextAreaElement {
  const textarea = batchUi(element).textarea()!;
  textarea.focus();
  textarea.value = value;
  textarea.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true, inputType: 'insertFromPaste' }));
  return textarea;
}

/** Submits the batch form as its button would. */
export async function submitBatch(element: KsRedeemKey): Promise<void> {
  batchUi(element).form()!.requestSubmit();
  await element.updateComplete;
}

/** Waits until the run has its summary ("Fertig. …"). */
export async function finished(element: KsRedeemKey, timeout = 5000): Promise<void> {
  // What a click just started renders first, so that an earlier summary is not taken for this one.
  await element.updateComplete;
  await waitUntil(() => batchUi(element).statusText().startsWith('Fertig.') || batchUi(element).statusText().startsWith('Done.'), 'the run did not finish', {
    timeout,
  });
  await element.updateComplete;
}

export interface HeldCall {
  key: string;
  idempotencyKey: string;
  release: () => void;
}

/**
 * Records every `redeemKey` call; each one waits until it is released on its own (`calls[i].release()`),
 * so a test sees exactly which requests are in flight at once.
 */
export function holdEachRedeem(backend: MemoryBackend) {
  const original = backend.redeemKey.bind(backend);
  const calls: HeldCall[] = [];
  let inFlight = 0;
  let mostInFlight = 0;
  backend.redeemKey = async (key, options) => {
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    calls.push({ key, idempotencyKey: options.idempotencyKey, release });
    inFlight += 1;
    mostInFlight = Math.max(mostInFlight, inFlight);
    try {
      await gate;
      return await original(key, options);
    } finally {
      inFlight -= 1;
    }
  };
  return {
    calls,
    get mostInFlight() {
      return mostInFlight;
    },
    /** Waits for the `n`-th call (1-based) to arrive. */
    arrived: (n: number) => waitUntil(() => calls.length >= n, `redeem call ${n} did not arrive`),
  };
}

export const normalized = (key: string) => key.replace(/-/g, '');
