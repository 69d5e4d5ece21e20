// Hostile and random input into the key field: it never throws, shows text only (markup never
// becomes an element), and never sends a request for a key that is not well-formed.
import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import { formatForDisplay, isWellFormed, normalizeKey } from '../../../src/core/online-key.js';
import type { KsRedeemKey } from '../../../src/elements/redeem-key/redeem-key.js';
import { keys, mountRedeemKey, settled, spyOnRedeem, submit, ui } from './helpers.js';

declare global {
  interface Window {
    __ksPwned?: unknown;
  }
}

const markup = fc.constantFrom(
  '<img src=x onerror="window.__ksPwned=1">',
  '<script>window.__ksPwned=1</script>',
  '"><svg onload=window.__ksPwned=1>',
  '<b>MATH</b>-7A3B',
  '<!-- -->&lt;i&gt;&#x3C;',
  '{{constructor.constructor("window.__ksPwned=1")()}}',
  '${window.__ksPwned=1}',
  'javascript:window.__ksPwned=1',
);

const hostile = fc.oneof(
  { arbitrary: fc.string({ unit: 'binary', maxLength: 300 }), weight: 4 },
  { arbitrary: fc.string({ unit: 'grapheme', maxLength: 120 }), weight: 4 },
  { arbitrary: fc.tuple(fc.string({ unit: 'grapheme', maxLength: 20 }), markup, fc.string({ maxLength: 20 })).map((parts) => parts.join('')), weight: 3 },
  { arbitrary: fc.string({ unit: 'binary', minLength: 5_000, maxLength: 10_000 }), weight: 1 },
  // Near misses: a real key with one character changed, added or removed.
  {
    arbitrary: fc.tuple(fc.nat(18), fc.string({ unit: 'binary', maxLength: 2 })).map(([at, text]) => keys.licence.slice(0, at) + text + keys.licence.slice(at + 1)),
    weight: 2,
  },
);

/** What the shadow root may hold: the element's own markup, never anything from the input. */
const OWN_ELEMENTS = new Set(['div', 'form', 'label', 'p', 'input', 'button']);

function expectTextOnly(element: KsRedeemKey, errors: unknown[]): void {
  expect(errors).to.deep.equal([]);
  const names = [...element.shadowRoot!.querySelectorAll('*')].map((each) => each.localName);
  expect(names.filter((name) => !OWN_ELEMENTS.has(name))).to.deep.equal([]);
  expect(element.children).to.have.length(0);
  expect(window.__ksPwned).to.equal(undefined);
}

async function setup() {
  const mounted = await mountRedeemKey(undefined, { signedInAs: 'teacher' });
  const errors: unknown[] = [];
  const onError = (event: ErrorEvent) => errors.push(event.error ?? event.message);
  const onRejection = (event: PromiseRejectionEvent) => errors.push(event.reason);
  window.addEventListener('error', onError);
  window.addEventListener('unhandledrejection', onRejection);
  const spy = spyOnRedeem(mounted.backend);
  return {
    ...mounted,
    errors,
    spy,
    stop: () => {
      window.removeEventListener('error', onError);
      window.removeEventListener('unhandledrejection', onRejection);
    },
  };
}

describe('<ks-redeem-key> fuzzed', () => {
  it('shows whatever is set as `value` as text, normalized and grouped', async () => {
    const { element, errors, spy, stop } = await setup();
    try {
      await fc.assert(
        fc.asyncProperty(hostile, async (text) => {
          element.value = text;
          await element.updateComplete;
          expect(ui(element).input()!.value).to.equal(formatForDisplay(normalizeKey(text)));
          expectTextOnly(element, errors);
        }),
        { numRuns: 150 },
      );
      expect(spy.calls).to.have.length(0);
    } finally {
      stop();
    }
  });

  it('shows a waiting key as text in its question "Jetzt einlösen?"', async () => {
    const { element, store, errors, spy, stop } = await setup();
    try {
      await fc.assert(
        fc.asyncProperty(hostile, async (text) => {
          store.setPendingKey(null);
          element.value = '';
          // Rendered without a waiting key first: the same key twice in a row is a new one to ask about.
          await element.updateComplete;
          store.setPendingKey(text);
          await element.updateComplete;
          const key = normalizeKey(text);
          expect(ui(element).input()!.value).to.equal(formatForDisplay(key));
          if (key !== '') expect(ui(element).statusText()).to.include(formatForDisplay(key));
          expectTextOnly(element, errors);
        }),
        // The same key twice in a row first, as random runs sometimes draw it.
        { numRuns: 100, examples: [[keys.licence], [keys.licence]] },
      );
      expect(spy.calls).to.have.length(0);
    } finally {
      stop();
    }
  });

  it('takes typing and pasting anywhere in the field without throwing, and keeps the caret inside it', async () => {
    const { element, errors, stop } = await setup();
    try {
      await fc.assert(
        fc.asyncProperty(
          fc.string({ maxLength: 19 }),
          hostile,
          fc.nat(),
          fc.constantFrom('insertText', 'insertFromPaste', 'insertReplacementText', 'deleteContentBackward', 'deleteContentForward'),
          async (before, inserted, at, inputType) => {
            element.value = before;
            await element.updateComplete;
            const input = ui(element).input()!;
            input.focus();
            const caret = at % (input.value.length + 1);
            input.value = input.value.slice(0, caret) + inserted + input.value.slice(caret);
            input.setSelectionRange(caret + inserted.length, caret + inserted.length);
            input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true, inputType, data: inserted }));
            await element.updateComplete;
            expect(input.value).to.equal(formatForDisplay(element.value));
            expect(input.selectionStart).to.be.within(0, input.value.length);
            expectTextOnly(element, errors);
          },
        ),
        { numRuns: 150 },
      );
    } finally {
      stop();
    }
  });

  it('goes through the browser’s own editing (insertText) without throwing', async () => {
    const { element, errors, stop } = await setup();
    try {
      await fc.assert(
        fc.asyncProperty(fc.oneof(fc.string({ unit: 'grapheme', maxLength: 60 }), markup), async (text) => {
          element.value = '';
          await element.updateComplete;
          ui(element).input()!.focus();
          document.execCommand('insertText', false, text);
          await element.updateComplete;
          expect(ui(element).input()!.value).to.equal(formatForDisplay(normalizeKey(text)));
          expectTextOnly(element, errors);
        }),
        { numRuns: 60 },
      );
    } finally {
      stop();
    }
  });

  it('never sends a request for a key that is not well-formed', async () => {
    const { element, errors, spy, stop } = await setup();
    try {
      await fc.assert(
        fc.asyncProperty(hostile, async (text) => {
          const sentBefore = spy.calls.length;
          element.value = text;
          await element.updateComplete;
          expectTextOnly(element, errors);
          await submit(element);
          await settled(element);
          const wellFormed = isWellFormed(normalizeKey(text));
          expect(spy.calls.length - sentBefore).to.equal(wellFormed ? 1 : 0);
          expect(errors).to.deep.equal([]);
          expect(window.__ksPwned).to.equal(undefined);
          if (ui(element).control('Weiteren Schlüssel einlösen')) {
            ui(element).control('Weiteren Schlüssel einlösen')!.click();
            await element.updateComplete;
          }
        }),
        { numRuns: 150 },
      );
    } finally {
      stop();
    }
  });
});
