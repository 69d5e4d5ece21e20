// <ks-redeem-key multiple>: the batch field, a run with mixed results, what is announced, keyboard use.
import { expect, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { MemoryBackend } from '../../../src/adapters/memory/index.js';
import { DEFAULT_KEY_ALPHABET, formatForDisplay, withCheckCharacter } from '../../../src/core/online-key.js';
import { MAX_BATCH_KEYS } from '../../../src/elements/redeem-key/batch-keys.js';
import {
  batchUi,
  classSetBackend,
  finished,
  holdEachRedeem,
  mountBatch,
  normalized,
  pasteInto,
  submitBatch,
} from './batch-helpers.js';
import { collect, deepActiveElement } from '../../support/helpers.js';
import { keys, spyOnRedeem } from './helpers.js';

const teacher = { signedInAs: 'teacher' as const };

describe('<ks-redeem-key multiple>', () => {
  describe('the batch field', () => {
    it('is a labelled text area in the shadow root, with a hint and a submit button; the attribute is reflected', async () => {
      const { element } = await mountBatch(teacher);
      const ui = batchUi(element);
      const textarea = ui.textarea()!;
      expect(element.multiple).to.equal(true);
      expect(textarea.labels?.[0]?.textContent?.trim()).to.equal('Online-Schlüssel, einer pro Zeile');
      expect(textarea.getAttribute('autocapitalize')).to.equal('characters');
      expect(textarea.getAttribute('autocomplete')).to.equal('off');
      expect(textarea.getAttribute('spellcheck')).to.equal('false');
      expect(textarea.getAttribute('aria-describedby')).to.equal('hint');
      expect(ui.hint()).to.equal(
        'Jeder Schlüssel hat 16 Zeichen. Sie können die Schlüssel auch durch Kommas, Semikolons oder Leerzeichen trennen.',
      );
      expect(ui.input()).to.equal(null);
      expect(ui.submit()!.textContent?.trim()).to.equal('Schlüssel einlösen');
      expect(ui.preview()).to.deep.equal([]);
      await expect(element).to.be.accessible();

      element.multiple = false;
      await element.updateComplete;
      expect(element.hasAttribute('multiple')).to.equal(false);
      expect(batchUi(element).input()).to.not.equal(null);
      element.multiple = true;
      await element.updateComplete;
      expect(element.hasAttribute('multiple')).to.equal(true);
    });

    it('shows how it read the text before anything is sent: each key grouped, duplicates and malformed keys marked', async () => {
      const { element, backend } = await mountBatch(teacher);
      const spy = spyOnRedeem(backend);
      pasteInto(element, [
        'math 7a3b 4c6d e7f6',
        `${keys.download}, ${keys.journal}; ${keys.expired}`,
        'MATH-7A3B-4C6D-E7F6',
        'MATH-7AOB-4C6D-E7F6',
        'DATA 8K3M',
      ].join('\n'));
      await element.updateComplete;
      const ui = batchUi(element);
      expect(ui.preview()).to.deep.equal([
        keys.licence,
        keys.download,
        keys.journal,
        keys.expired,
        `${keys.licence} doppelt`,
        'MATH-7AOB-4C6D-E7F6 Zeichen 7 prüfen',
        'DATA-8K3M unvollständig',
      ]);
      expect(ui.count()).to.equal('7 Schlüssel erkannt, 1 doppelt, 2 fehlerhaft');
      expect(ui.submit()!.textContent?.trim()).to.equal('4 Schlüssel einlösen');
      expect(ui.textarea()!.getAttribute('aria-describedby')).to.equal('hint count');
      // The list is not a live region: nothing is read out while the user types.
      expect(element.shadowRoot!.querySelector('[part=preview]')!.closest('[role=status], [role=alert], [aria-live]')).to.equal(null);
      expect(spy.calls).to.have.length(0);
      await expect(element).to.be.accessible();
    });

    it('says so and keeps focus in the field when there is no key to send', async () => {
      const { element, backend } = await mountBatch(teacher);
      const spy = spyOnRedeem(backend);
      pasteInto(element, 'MATH-7A3B\nMATH-7A3B');
      await submitBatch(element);
      const ui = batchUi(element);
      expect(ui.problemText()).to.equal('Bitte geben Sie mindestens einen vollständigen Online-Schlüssel ein.');
      expect(ui.textarea()!.getAttribute('aria-invalid')).to.equal('true');
      expect(ui.textarea()!.getAttribute('aria-describedby')).to.equal('hint problem count');
      await waitUntil(() => deepActiveElement() === ui.textarea(), 'focus on the field');
      await expect(element).to.be.accessible();
      pasteInto(element, keys.licence);
      await element.updateComplete;
      expect(ui.problemText()).to.equal('');
      expect(spy.calls).to.have.length(0);
    });

    it('says when there are more keys than it takes at once, linked to the field', async () => {
      const { element, backend } = await mountBatch(teacher);
      const spy = spyOnRedeem(backend);
      // Well-formed, all different: key i spells i in the key alphabet.
      const alphabet = DEFAULT_KEY_ALPHABET;
      const keyNumber = (i: number) =>
        formatForDisplay(withCheckCharacter(`KNMR${[...Array(11)].map((_, digit) => alphabet[Math.floor(i / alphabet.length ** digit) % alphabet.length]).join('')}`));
      const many = (count: number) => Array.from({ length: count }, (_, i) => keyNumber(i)).join('\n');
      pasteInto(element, many(MAX_BATCH_KEYS + 3));
      await element.updateComplete;
      const ui = batchUi(element);
      const textarea = ui.textarea()!;
      expect(ui.count()).to.equal(`${MAX_BATCH_KEYS} Schlüssel erkannt`);
      expect(ui.preview()).to.have.length(MAX_BATCH_KEYS);
      expect(ui.submit()!.textContent?.trim()).to.equal(`${MAX_BATCH_KEYS} Schlüssel einlösen`);
      const overflow = element.shadowRoot!.getElementById('overflow')!;
      expect(overflow.textContent?.trim()).to.equal(`Es werden höchstens ${MAX_BATCH_KEYS} Schlüssel auf einmal übernommen: 3 weitere wurden nicht übernommen.`);
      expect(overflow.getAttribute('part')).to.equal('problem');
      expect(textarea.getAttribute('aria-describedby')).to.equal('hint count overflow');
      await expect(element).to.be.accessible();

      pasteInto(element, many(MAX_BATCH_KEYS + 1));
      await element.updateComplete;
      expect(element.shadowRoot!.getElementById('overflow')!.textContent?.trim()).to.match(/: 1 weiterer wurde nicht übernommen\.$/);
      pasteInto(element, many(MAX_BATCH_KEYS));
      await element.updateComplete;
      expect(element.shadowRoot!.getElementById('overflow')).to.equal(null);
      expect(textarea.getAttribute('aria-describedby')).to.equal('hint count');
      expect(spy.calls).to.have.length(0);
    });

    it('speaks English under lang="en"', async () => {
      const { element } = await mountBatch({ ...teacher, lang: 'en' });
      pasteInto(element, `${keys.licence}\n${keys.licence}\nDATA`);
      await element.updateComplete;
      const ui = batchUi(element);
      expect(ui.textarea()!.labels?.[0]?.textContent?.trim()).to.equal('Online keys, one per line');
      expect(ui.count()).to.equal('3 keys recognised, 1 duplicate, 1 malformed');
      expect(ui.preview()).to.deep.equal([keys.licence, `${keys.licence} duplicate`, 'DATA incomplete']);
      expect(ui.submit()!.textContent?.trim()).to.equal('Redeem 1 key');
      await submitBatch(element);
      await finished(element);
      expect(ui.statusText()).to.equal('Done. 1 activated, 1 invalid.');
      expect(ui.results()).to.deep.equal([`${keys.licence} Activated: Deutsch kompetent 8. Found in “My licences”`, 'DATA Not sent: incomplete.']);
      await expect(element).to.be.accessible();
    });
  });

  describe('a run', () => {
    it('redeems a class set with mixed results, one key after the other, each with its result and a summary', async () => {
      const { element, store, backend } = await mountBatch({ ...teacher, productsHref: '#produkte', supportHref: '#hilfe' });
      await store.ensureProducts();
      const held = holdEachRedeem(backend);
      const redeemed = collect('ks-key-redeemed');
      const list = [keys.licence, keys.download, keys.journal, keys.teacherOnly, keys.yours, keys.taken, keys.expired, keys.notYetValid, keys.unknown];
      pasteInto(element, [...list, keys.licence, 'MATH-7A3B-4C6D-E7F'].join('\n'));
      await element.updateComplete;
      expect(batchUi(element).count()).to.equal('11 Schlüssel erkannt, 1 doppelt, 1 fehlerhaft');
      batchUi(element).submit()!.focus();
      await submitBatch(element);
      const ui = batchUi(element);

      // One request at a time, in the order of the list.
      for (let n = 1; n <= list.length; n += 1) {
        await held.arrived(n);
        await element.updateComplete;
        expect(held.calls).to.have.length(n);
        expect(ui.results()[n - 1], `key ${n} while in flight`).to.equal(`${list[n - 1]} wird eingelöst …`);
        if (n === 1) {
          expect(ui.results().slice(1)).to.deep.equal([...list.slice(1).map((key) => `${key} wartet`), 'MATH-7A3B-4C6D-E7F Nicht gesendet: unvollständig.']);
          expect(ui.statusText()).to.equal('Die Schlüssel werden nacheinander eingelöst. Sie können jederzeit anhalten.');
          expect(ui.control()!.textContent?.trim()).to.equal('Anhalten');
          expect(element.matches(':state(busy)')).to.equal(true);
          // The form made way for the run: focus is on "Anhalten".
          await waitUntil(() => deepActiveElement() === ui.control(), 'focus on "Anhalten"');
          await expect(element).to.be.accessible();
        }
        held.calls[n - 1]!.release();
      }
      await finished(element);
      redeemed.stop();

      expect(held.mostInFlight).to.equal(1);
      expect(held.calls.map((call) => call.key)).to.deep.equal(list.map(normalized));
      expect(ui.results()).to.deep.equal([
        `${keys.licence} Aktiviert: Deutsch kompetent 8. Zu „Meine Lizenzen“`,
        `${keys.download} Aktiviert: Arbeitsblätter Bruchrechnung. Zu „Meine Downloads“`,
        `${keys.journal} Aktiviert: Mathematik lehren. Zu „Fachzeitschriften“`,
        `${keys.teacherOnly} Aktiviert: Physik entdecken 8. Zu „Meine Lizenzen“`,
        `${keys.yours} Bereits in Ihrem Konto: Mathematik heute 7. Zu „Meine Lizenzen“`,
        `${keys.taken} Dieser Online-Schlüssel wurde bereits mit einem anderen Kundenkonto eingelöst. Jeder Schlüssel kann nur einmal eingelöst werden.`,
        `${keys.expired} Dieser Online-Schlüssel ist abgelaufen.`,
        `${keys.notYetValid} Dieser Online-Schlüssel kann erst ab dem 1. August 2099 eingelöst werden.`,
        `${keys.unknown} Diesen Online-Schlüssel kennen wir nicht. Bitte prüfen Sie ihn Zeichen für Zeichen.`,
        'MATH-7A3B-4C6D-E7F Nicht gesendet: unvollständig.',
      ]);
      expect(ui.statusText()).to.equal('Fertig. 4 aktiviert, 1 bereits in Ihrem Konto, 1 bereits eingelöst, 2 ungültig, 1 abgelaufen, 1 noch nicht gültig.');
      expect(ui.resultList()!.getAttribute('aria-label')).to.equal('Ergebnisse');
      expect(ui.button('Zu „Fachzeitschriften“')!.getAttribute('href')).to.equal('#produkte');
      const navigate = collect('ks-navigate', (event) => event.preventDefault());
      ui.button('Zu „Fachzeitschriften“')!.click();
      navigate.stop();
      expect(navigate.events.map((event) => event.detail)).to.deep.equal([{ to: 'products', href: '#produkte' }]);
      expect(ui.button('Kundenservice kontaktieren')!.getAttribute('href')).to.equal('#hilfe');
      expect(ui.button('Fehlgeschlagene erneut versuchen')).to.equal(null);
      expect(ui.control()).to.equal(null);
      expect(element.matches(':state(busy)')).to.equal(false);

      expect(redeemed.events.map((event) => [event.detail.product.id, event.detail.list])).to.deep.equal([
        ['deutsch-kompetent-8', 'licence'],
        ['bruchrechnung-pdf', 'download'],
        ['mathematik-lehren', 'journal'],
        ['physik-entdecken-8', 'licence'],
      ]);
      // Each activated product is in the store's list at once, once.
      const products = store.snapshot.products;
      const ids = products.state === 'loaded' ? products.data.map((product) => product.id) : [];
      expect(ids).to.include.members(['deutsch-kompetent-8', 'bruchrechnung-pdf', 'mathematik-lehren', 'physik-entdecken-8']);
      expect(new Set(ids).size).to.equal(ids.length);
      expect(store.snapshot.pendingBatch).to.equal(null);
      // "Anhalten" went away with the run: focus moved to the summary that took its place.
      await waitUntil(() => deepActiveElement() === ui.status(), 'focus on the summary');
      await expect(element).to.be.accessible();
    });

    it('announces the course of the run and its progress every five keys, never once per key', async () => {
      const { backend, classSet } = classSetBackend();
      const { element } = await mountBatch({ ...teacher, backend });
      const set = classSet.slice(0, 12);
      const spoken: string[] = [];
      const observer = new MutationObserver(() => {
        for (const region of element.shadowRoot!.querySelectorAll('[role=status]')) {
          const text = region.textContent!.replace(/\s+/g, ' ').trim();
          if (text && spoken.at(-1) !== text && !spoken.includes(text)) spoken.push(text);
        }
      });
      observer.observe(element.shadowRoot!, { subtree: true, childList: true, characterData: true });
      pasteInto(element, set.join('\n'));
      await submitBatch(element);
      await finished(element);
      observer.disconnect();
      expect(spoken).to.deep.equal([
        'Die Schlüssel werden nacheinander eingelöst. Sie können jederzeit anhalten.',
        '5 von 12 Schlüsseln bearbeitet: 5 aktiviert.',
        '10 von 12 Schlüsseln bearbeitet: 10 aktiviert.',
        'Fertig. 12 aktiviert.',
      ]);
      expect(batchUi(element).results().every((text) => text.includes('Aktiviert:'))).to.equal(true);
      // The visible progress line, which is not live, followed every key.
      expect(element.shadowRoot!.querySelector('[part=progress]')).to.equal(null);
    });

    it('shows the progress while it runs', async () => {
      const { element, backend } = await mountBatch(teacher);
      const held = holdEachRedeem(backend);
      pasteInto(element, [keys.licence, keys.expired, keys.journal].join('\n'));
      await submitBatch(element);
      const ui = batchUi(element);
      await held.arrived(1);
      await element.updateComplete;
      expect(ui.progress()).to.equal('0 von 3 Schlüsseln bearbeitet.');
      held.calls[0]!.release();
      await held.arrived(2);
      held.calls[1]!.release();
      await held.arrived(3);
      await element.updateComplete;
      expect(ui.progress()).to.equal('2 von 3 Schlüsseln bearbeitet: 1 aktiviert, 1 abgelaufen.');
      expect(element.shadowRoot!.querySelector('[part=progress]')!.closest('[role=status], [aria-live]')).to.equal(null);
      held.calls[2]!.release();
      await finished(element);
    });

    it('"Weitere Schlüssel einlösen" clears the field and the results and focuses the field', async () => {
      const { element, store } = await mountBatch(teacher);
      pasteInto(element, `${keys.licence}\n${keys.expired}`);
      await submitBatch(element);
      await finished(element);
      batchUi(element).button('Weitere Schlüssel einlösen')!.click();
      await element.updateComplete;
      const ui = batchUi(element);
      await waitUntil(() => deepActiveElement() === ui.textarea(), 'focus on the empty field');
      expect(ui.textarea()!.value).to.equal('');
      expect(ui.results()).to.deep.equal([]);
      expect(ui.statusText()).to.equal('');
      expect(store.snapshot.pendingBatch).to.equal(null);
      await expect(element).to.be.accessible();
    });

    it('fires ks-key-redeemed on the run the user started, not when attributes, the session or the pending batch change', async () => {
      const { element, store } = await mountBatch();
      const events = (['ks-key-redeemed', 'ks-open-product'] as const).map((type) => collect(type));
      element.setAttribute('products-href', '#p');
      element.toggleAttribute('multiple', false);
      await element.updateComplete;
      element.toggleAttribute('multiple', true);
      store.setPendingBatch([keys.licence, keys.journal]);
      await store.signIn({ email: 'lehrkraft@keyshelf.example', password: 'Kennwort-Demo-2026' });
      await element.updateComplete;
      expect(batchUi(element).statusText()).to.equal('2 Online-Schlüssel sind eingetragen. Jetzt einlösen?');
      expect(events.flatMap((each) => each.events)).to.have.length(0);
      batchUi(element).control()!.click();
      await finished(element);
      for (const each of events) each.stop();
      expect(events[0]!.events.map((event) => event.detail.product.id)).to.deep.equal(['deutsch-kompetent-8', 'mathematik-lehren']);
      expect(events[1]!.events).to.have.length(0);
    });

    it('names a list without products-href, and what a key is meant for', async () => {
      const { element, store } = await mountBatch({ signedInAs: 'pupil' });
      await waitUntil(() => store.snapshot.registrationOptions.state === 'loaded');
      pasteInto(element, `${keys.teacherOnly}\n${keys.licence}`);
      await submitBatch(element);
      await finished(element);
      expect(batchUi(element).results()).to.deep.equal([
        `${keys.teacherOnly} Dieser Online-Schlüssel ist nur für diese Kundentypen bestimmt: Lehrkraft oder Referendar/in.`,
        `${keys.licence} Aktiviert: Deutsch kompetent 8. Zu finden unter „Meine Lizenzen“`,
      ]);
      expect(batchUi(element).statusText()).to.equal('Fertig. 1 aktiviert, 1 nicht für Ihren Kundentyp.');
    });

    it('never sends a malformed key, even among a hundred lines of noise', async () => {
      const { element, backend } = await mountBatch(teacher);
      const spy = spyOnRedeem(backend);
      const noise = Array.from({ length: 100 }, (_, i) => `<img src=x onerror=alert(${i})> ${'Ä'.repeat(i % 7)} ${i}`).join('\n');
      pasteInto(element, `${noise}\n${keys.licence}`);
      await element.updateComplete;
      expect(element.shadowRoot!.querySelector('img')).to.equal(null);
      await submitBatch(element);
      await finished(element);
      expect(spy.calls.map((call) => call.key)).to.deep.equal([normalized(keys.licence)]);
    });
  });

  describe('by keyboard only', () => {
    it('types the keys, starts with the button, pauses and goes on with the same control, and starts again', async () => {
      const backend = new MemoryBackend();
      const { element } = await mountBatch({ ...teacher, backend });
      const held = holdEachRedeem(backend);
      const ui = batchUi(element);
      ui.textarea()!.focus();
      await sendKeys({ type: 'math 7a3b 4c6d e7f6' });
      await sendKeys({ press: 'Enter' });
      await sendKeys({ type: keys.journal });
      await element.updateComplete;
      expect(ui.count()).to.equal('2 Schlüssel erkannt');
      await sendKeys({ press: 'Tab' });
      expect(deepActiveElement()).to.equal(ui.submit());
      await sendKeys({ press: 'Enter' });
      await held.arrived(1);
      await waitUntil(() => deepActiveElement() === ui.control(), 'focus on "Anhalten"');
      const control = ui.control()!;
      await sendKeys({ press: 'Space' });
      await element.updateComplete;
      expect(control.textContent?.trim()).to.equal('Anhalten');
      expect(control.getAttribute('aria-disabled')).to.equal('true');
      expect(ui.statusText()).to.equal('Wird angehalten, sobald der laufende Schlüssel eingelöst ist …');
      held.calls[0]!.release();
      await waitUntil(() => ui.statusText() === 'Angehalten. 1 Schlüssel wartet noch.', 'paused');
      // The same button, still focused, now goes on.
      expect(ui.control()).to.equal(control);
      expect(deepActiveElement()).to.equal(control);
      expect(control.textContent?.trim()).to.equal('Fortsetzen');
      await sendKeys({ press: 'Enter' });
      await held.arrived(2);
      expect(deepActiveElement()).to.equal(control);
      held.calls[1]!.release();
      await finished(element);
      expect(deepActiveElement()).to.equal(ui.status());
      await sendKeys({ press: 'Tab' });
      expect(deepActiveElement()).to.equal(ui.button('Weitere Schlüssel einlösen'));
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => deepActiveElement() === ui.textarea(), 'focus on the field');
      await sendKeys({ type: keys.download });
      // Ctrl+Enter submits from the field; a plain Enter only starts a new line.
      await sendKeys({ press: 'Enter' });
      expect(ui.textarea()).to.not.equal(null);
      await sendKeys({ down: 'Control' });
      await sendKeys({ press: 'Enter' });
      await sendKeys({ up: 'Control' });
      await held.arrived(3);
      held.calls[2]!.release();
      await finished(element);
      expect(ui.results()).to.deep.equal([`${keys.download} Aktiviert: Arbeitsblätter Bruchrechnung. Zu finden unter „Meine Downloads“`]);
    });
  });

  it('follows the key format of the registration options', async () => {
    const keyFormat = { groups: 2, groupLength: 5, alphabet: 'ABCDEFGHJK', checkCharacter: false };
    const { demoRegistrationOptions } = await import('../../../src/adapters/memory/index.js');
    const backend = new MemoryBackend({ seed: { registrationOptions: { ...demoRegistrationOptions, keyFormat } } });
    const { element, store } = await mountBatch({ ...teacher, backend });
    await waitUntil(() => store.snapshot.registrationOptions.state === 'loaded');
    await element.updateComplete;
    pasteInto(element, 'abcde fghjk abcde');
    await element.updateComplete;
    expect(batchUi(element).preview()).to.deep.equal(['ABCDE-FGHJK', 'ABCDE unvollständig']);
    expect(batchUi(element).hint()).to.match(/^Jeder Schlüssel hat 10 Zeichen\./);
  });
});
