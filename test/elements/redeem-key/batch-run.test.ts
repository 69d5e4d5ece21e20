// <ks-redeem-key multiple>: pausing and resuming (also after a reload), rate limits, transient
// failures and their retry, the session ending mid-run, and the signed-out detour.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { MemoryBackend, demoAccounts } from '../../../src/adapters/memory/index.js';
import { accountTag } from '../../../src/core/owed-sign-out.js';
import { BackendError } from '../../../src/core/errors.js';
import { AccountStore } from '../../../src/core/store.js';
import type { KsProvider } from '../../../src/elements/provider/provider.js';
import type { KsRedeemKey } from '../../../src/elements/redeem-key/redeem-key.js';
import { demoCredentials } from '../../support/fixture.js';
import { batchUi, finished, holdEachRedeem, mountBatch, normalized, pasteInto, submitBatch } from './batch-helpers.js';
import { collect, deepActiveElement, MemoryStorage } from '../../support/helpers.js';
import { inlineSignIn, keys, mountRedeemKey, signInInline, spyOnRedeem } from './helpers.js';

const teacher = { signedInAs: 'teacher' as const };
const PENDING_BATCH_STORAGE = 'keyshelf:pending-batch';
/** Whose a run's results are, as the store keeps it: the demo teacher's account tag. */
const TEACHER = accountTag(demoAccounts[0]!.id);
const signal = () => new AbortController().signal;

/** Mounts `<ks-redeem-key multiple>` under a provider with `store`, as a page (or the same page after a reload) would. */
async function mountWith(store: AccountStore): Promise<KsRedeemKey> {
  const provider = await fixture<KsProvider>(html`<ks-provider .store=${store} lang="de"><ks-redeem-key multiple></ks-redeem-key></ks-provider>`);
  const element = provider.firstElementChild as KsRedeemKey;
  await element.updateComplete;
  return element;
}

describe('<ks-redeem-key multiple>: the course of a run', () => {
  describe('pausing', () => {
    it('"Anhalten" lets the key in flight finish, then pauses; "Fortsetzen" goes on with the rest', async () => {
      const { element, backend, store } = await mountBatch(teacher);
      const held = holdEachRedeem(backend);
      pasteInto(element, [keys.licence, keys.download, keys.journal].join('\n'));
      await submitBatch(element);
      const ui = batchUi(element);
      await held.arrived(1);
      ui.control()!.click();
      await element.updateComplete;
      expect(ui.statusText()).to.equal('Wird angehalten, sobald der laufende Schlüssel eingelöst ist …');
      expect(ui.control()!.getAttribute('aria-disabled')).to.equal('true');
      await expect(element).to.be.accessible();
      held.calls[0]!.release();
      await waitUntil(() => ui.statusText() === 'Angehalten. 2 Schlüssel warten noch.', 'paused');
      expect(ui.results()).to.deep.equal([
        `${keys.licence} Aktiviert: Deutsch kompetent 8. Zu finden unter „Meine Lizenzen“`,
        `${keys.download} wartet`,
        `${keys.journal} wartet`,
      ]);
      expect(ui.control()!.textContent?.trim()).to.equal('Fortsetzen');
      expect(ui.control()!.getAttribute('aria-disabled')).to.equal('false');
      expect(ui.button('Liste verwerfen')).to.not.equal(null);
      expect(element.matches(':state(busy)')).to.equal(false);
      expect(store.snapshot.pendingBatch).to.deep.equal({
        keys: [normalized(keys.download), normalized(keys.journal)],
        done: [{ key: normalized(keys.licence), result: 'activated' }],
        owner: TEACHER,
      });
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(held.calls, 'nothing sent while paused').to.have.length(1);
      await expect(element).to.be.accessible();

      ui.control()!.click();
      await held.arrived(2);
      held.calls[1]!.release();
      await held.arrived(3);
      held.calls[2]!.release();
      await finished(element);
      expect(ui.statusText()).to.equal('Fertig. 3 aktiviert.');
      expect(store.snapshot.pendingBatch).to.equal(null);
    });

    it('the busy "Anhalten" does nothing more while the run pauses; "Fortsetzen" goes on', async () => {
      const { element, backend } = await mountBatch(teacher);
      const held = holdEachRedeem(backend);
      pasteInto(element, `${keys.licence}\n${keys.download}`);
      await submitBatch(element);
      await held.arrived(1);
      const ui = batchUi(element);
      ui.control()!.click();
      await element.updateComplete;
      // Pressing the busy control does nothing; the run is paused once the key is back.
      ui.control()!.click();
      held.calls[0]!.release();
      await waitUntil(() => ui.control()?.textContent?.trim() === 'Fortsetzen', 'paused');
      ui.control()!.click();
      await held.arrived(2);
      held.calls[1]!.release();
      await finished(element);
      expect(ui.statusText()).to.equal('Fertig. 2 aktiviert.');
    });

    it('"Liste verwerfen" forgets the keys that wait and focuses the empty field', async () => {
      const { element, backend, store } = await mountBatch(teacher);
      const held = holdEachRedeem(backend);
      pasteInto(element, `${keys.licence}\n${keys.download}`);
      await submitBatch(element);
      await held.arrived(1);
      batchUi(element).control()!.click();
      held.calls[0]!.release();
      await waitUntil(() => batchUi(element).button('Liste verwerfen'), 'paused');
      batchUi(element).button('Liste verwerfen')!.click();
      await element.updateComplete;
      await waitUntil(() => deepActiveElement() === batchUi(element).textarea(), 'focus on the field');
      expect(batchUi(element).textarea()!.value).to.equal('');
      expect(store.snapshot.pendingBatch).to.equal(null);
      expect(held.calls).to.have.length(1);
    });

    it('resumes after a reload: the keys not finished wait in session storage, and the run goes on when asked', async () => {
      const backend = new MemoryBackend();
      await backend.signIn(demoCredentials('teacher'), { signal: signal() });
      const storage = new MemoryStorage();
      const first = new AccountStore({ backend, storage, channel: false });
      const before = await mountWith(first);
      const held = holdEachRedeem(backend);
      pasteInto(before, [keys.licence, keys.download, 'MATH-7A3B', keys.journal, keys.licence].join('\n'));
      await submitBatch(before);
      await held.arrived(1);
      batchUi(before).control()!.click();
      held.calls[0]!.release();
      await waitUntil(() => batchUi(before).control()?.textContent?.trim() === 'Fortsetzen', 'paused');
      expect(JSON.parse(storage.getItem(PENDING_BATCH_STORAGE)!)).to.deep.equal({
        keys: [normalized(keys.download), normalized(keys.journal)],
        done: [
          { key: normalized(keys.licence), result: 'activated' },
          { key: 'MATH7A3B', result: 'malformed' },
        ],
        owner: TEACHER,
      });

      // The reload: a new store over the same session storage, a new element; the backend keeps its state.
      before.closest('ks-provider')!.remove();
      const after = new AccountStore({ backend, storage, channel: false });
      const redeemed = collect('ks-key-redeemed');
      const element = await mountWith(after);
      await waitUntil(() => batchUi(element).statusText() === '2 Online-Schlüssel sind eingetragen. Jetzt einlösen?', 'the batch did not come back');
      const ui = batchUi(element);
      expect(ui.results()).to.deep.equal([
        `${keys.licence} Aktiviert (vor dem Neuladen der Seite).`,
        'MATH-7A3B Nicht gesendet, fehlerhaft (vor dem Neuladen der Seite).',
        `${keys.download} wartet`,
        `${keys.journal} wartet`,
      ]);
      expect(ui.control()!.textContent?.trim()).to.equal('Jetzt einlösen');
      await expect(element).to.be.accessible();
      expect(held.calls).to.have.length(1);
      expect(redeemed.events).to.have.length(0);

      ui.control()!.click();
      await held.arrived(2);
      held.calls[1]!.release();
      await held.arrived(3);
      held.calls[2]!.release();
      await finished(element);
      redeemed.stop();
      expect(held.calls.map((call) => call.key)).to.deep.equal([keys.licence, keys.download, keys.journal].map(normalized));
      // The summary counts the whole run, the keys done before the reload too.
      expect(ui.statusText()).to.equal('Fertig. 3 aktiviert, 1 ungültig.');
      expect(redeemed.events.map((event) => event.detail.product.id)).to.deep.equal(['bruchrechnung-pdf', 'mathematik-lehren']);
      expect(storage.getItem(PENDING_BATCH_STORAGE)).to.equal(null);
    });

    it('pauses when it is taken off the page, rather than run unseen', async () => {
      const { element, backend, provider } = await mountBatch(teacher);
      const held = holdEachRedeem(backend);
      pasteInto(element, `${keys.licence}\n${keys.download}`);
      await submitBatch(element);
      await held.arrived(1);
      element.remove();
      held.calls[0]!.release();
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(held.calls).to.have.length(1);
      // Put back (moved within the page), it goes on.
      provider.append(element);
      await held.arrived(2);
      held.calls[1]!.release();
      await finished(element);
      expect(batchUi(element).statusText()).to.equal('Fertig. 2 aktiviert.');
    });
  });

  describe('when the backend asks to wait', () => {
    it('pauses with a countdown, keeps the key waiting, and goes on by itself with the same Idempotency-Key', async () => {
      const { element, backend } = await mountBatch(teacher);
      const spy = spyOnRedeem(backend);
      backend.failNext('redeemKey', 'rate-limited', { retryAfter: 1 });
      pasteInto(element, `${keys.licence}\n${keys.download}`);
      await submitBatch(element);
      const ui = batchUi(element);
      await waitUntil(() => ui.countdownText() !== '', 'the countdown did not show');
      expect(ui.statusText()).to.equal('Zu viele Versuche. Das Einlösen geht nach einer kurzen Pause von selbst weiter.');
      expect(ui.countdownText()).to.equal('Es geht in 1 Sekunde weiter.');
      // Not the key's result: it waits.
      expect(ui.results()).to.deep.equal([`${keys.licence} wartet`, `${keys.download} wartet`]);
      expect(element.matches(':state(blocked)')).to.equal(true);
      expect(ui.control()!.textContent?.trim()).to.equal('Anhalten');
      await expect(element).to.be.accessible();
      await finished(element, 6000);
      expect(ui.statusText()).to.equal('Fertig. 2 aktiviert.');
      expect(spy.calls.map((call) => call.key)).to.deep.equal([keys.licence, keys.licence, keys.download].map(normalized));
      expect(spy.calls[1]!.idempotencyKey).to.equal(spy.calls[0]!.idempotencyKey);
      expect(element.matches(':state(blocked)')).to.equal(false);
    });

    it('"Anhalten" during the wait stops the countdown; nothing goes on until "Fortsetzen"', async () => {
      const { element, backend } = await mountBatch(teacher);
      const spy = spyOnRedeem(backend);
      backend.failNext('redeemKey', 'rate-limited', { retryAfter: 1 });
      pasteInto(element, keys.licence);
      await submitBatch(element);
      const ui = batchUi(element);
      await waitUntil(() => ui.countdownText() !== '', 'the countdown did not show');
      ui.control()!.click();
      await element.updateComplete;
      expect(ui.statusText()).to.equal('Angehalten. 1 Schlüssel wartet noch.');
      expect(ui.countdownText()).to.equal('');
      await new Promise((resolve) => setTimeout(resolve, 1300));
      expect(spy.calls).to.have.length(1);
      expect(ui.statusText()).to.equal('Angehalten. 1 Schlüssel wartet noch.');
      ui.control()!.click();
      await finished(element);
      expect(spy.calls).to.have.length(2);
    });
  });

  describe('when a key fails for now', () => {
    for (const code of ['offline', 'timeout', 'server', 'bad-response'] as const) {
      it(`marks a key "nicht eingelöst" after ${code}, goes on with the others, and offers to try it again`, async () => {
        const { element, backend } = await mountBatch(teacher);
        const spy = spyOnRedeem(backend);
        const redeemed = collect('ks-key-redeemed');
        pasteInto(element, [keys.licence, keys.download, keys.journal].join('\n'));
        // The first key answers, the second fails.
        const redeemKey = backend.redeemKey;
        backend.redeemKey = async (key, options) => {
          if (key === normalized(keys.download)) {
            backend.redeemKey = redeemKey;
            backend.failNext('redeemKey', code);
          }
          return redeemKey(key, options);
        };
        await submitBatch(element);
        await finished(element);
        const ui = batchUi(element);
        const messages = {
          offline: 'Keine Verbindung. Bitte prüfen Sie Ihre Internetverbindung und versuchen Sie es erneut.',
          timeout: 'Der Dienst antwortet gerade nicht. Bitte versuchen Sie es erneut.',
          server: 'Beim Dienst ist ein Fehler aufgetreten. Bitte versuchen Sie es später erneut.',
          'bad-response': 'Der Dienst hat unerwartet geantwortet. Bitte versuchen Sie es erneut.',
        };
        expect(ui.results()[1]).to.equal(`${keys.download} Nicht eingelöst, bitte erneut versuchen. ${messages[code]}`);
        expect(ui.results()[2]).to.match(/Aktiviert: Mathematik lehren/);
        expect(ui.statusText()).to.equal(
          'Fertig. 2 aktiviert, 1 nicht eingelöst. 1 Schlüssel konnte wegen einer Störung nicht eingelöst werden. Sie können es erneut versuchen.',
        );
        await expect(element).to.be.accessible();

        // The retry runs with its control focused, as the first run did.
        const held = holdEachRedeem(backend);
        ui.button('Fehlgeschlagene erneut versuchen')!.focus();
        ui.button('Fehlgeschlagene erneut versuchen')!.click();
        await held.arrived(1);
        await waitUntil(() => deepActiveElement() === ui.control(), 'focus on "Anhalten"');
        expect(ui.results()[1]).to.equal(`${keys.download} wird eingelöst …`);
        held.calls[0]!.release();
        await finished(element);
        redeemed.stop();
        expect(ui.results()[1]).to.equal(`${keys.download} Aktiviert: Arbeitsblätter Bruchrechnung. Zu finden unter „Meine Downloads“`);
        expect(ui.statusText()).to.equal('Fertig. 3 aktiviert.');
        expect(ui.button('Fehlgeschlagene erneut versuchen')).to.equal(null);
        expect(spy.calls.map((call) => call.key)).to.deep.equal([keys.licence, keys.download, keys.journal, keys.download].map(normalized));
        expect(redeemed.events.map((event) => event.detail.product.id)).to.deep.equal(['deutsch-kompetent-8', 'mathematik-lehren', 'bruchrechnung-pdf']);
      });
    }

    it('retries with the same Idempotency-Key, so a key whose answer was lost is redeemed once', async () => {
      const { element, backend, store } = await mountBatch(teacher);
      await store.ensureProducts();
      const redeemKey = backend.redeemKey.bind(backend);
      const received: { key: string; idempotencyKey: string }[] = [];
      let loseAnswer = true;
      backend.redeemKey = async (key, options) => {
        received.push({ key, idempotencyKey: options.idempotencyKey });
        const result = await redeemKey(key, options);
        if (loseAnswer && key === normalized(keys.licence)) {
          loseAnswer = false;
          throw new BackendError('timeout');
        }
        return result;
      };
      const redeemed = collect('ks-key-redeemed');
      pasteInto(element, `${keys.licence}\n${keys.journal}`);
      await submitBatch(element);
      await finished(element);
      batchUi(element).button('Fehlgeschlagene erneut versuchen')!.click();
      await finished(element);
      redeemed.stop();
      const licence = received.filter((call) => call.key === normalized(keys.licence));
      expect(licence).to.have.length(2);
      expect(licence[1]!.idempotencyKey).to.equal(licence[0]!.idempotencyKey);
      // The backend replays its first answer: activated, not "already owned".
      expect(batchUi(element).results()[0]).to.match(/Aktiviert: Deutsch kompetent 8/);
      expect(redeemed.events.map((event) => event.detail.product.id)).to.deep.equal(['mathematik-lehren', 'deutsch-kompetent-8']);
      const products = store.snapshot.products;
      expect(products.state === 'loaded' && products.data.filter((product) => product.id === 'deutsch-kompetent-8')).to.have.length(1);
    });

    it('keeps keys that failed for now pending: a reload offers them again', async () => {
      const backend = new MemoryBackend();
      await backend.signIn(demoCredentials('teacher'), { signal: signal() });
      const storage = new MemoryStorage();
      const store = new AccountStore({ backend, storage, channel: false });
      const before = await mountWith(store);
      backend.failNext('redeemKey', 'offline');
      pasteInto(before, `${keys.licence}\n${keys.journal}`);
      await submitBatch(before);
      await finished(before);
      expect(store.snapshot.pendingBatch).to.deep.equal({
        keys: [normalized(keys.licence)],
        done: [{ key: normalized(keys.journal), result: 'activated' }],
        owner: TEACHER,
      });
      before.closest('ks-provider')!.remove();
      const element = await mountWith(new AccountStore({ backend, storage, channel: false }));
      await waitUntil(() => batchUi(element).statusText() === '1 Online-Schlüssel ist eingetragen. Jetzt einlösen?', 'the failed key did not come back');
      batchUi(element).control()!.click();
      await finished(element);
      expect(batchUi(element).statusText()).to.equal('Fertig. 2 aktiviert.');
      expect(storage.getItem(PENDING_BATCH_STORAGE)).to.equal(null);
    });
  });

  describe('signing in', () => {
    it('stops when the session ends mid-run, keeps the rest pending, and goes on after signing in again', async () => {
      const { element, backend, store } = await mountBatch(teacher);
      const spy = spyOnRedeem(backend);
      const navigate = collect('ks-navigate');
      pasteInto(element, [keys.licence, keys.download, keys.journal].join('\n'));
      const redeemKey = backend.redeemKey;
      backend.redeemKey = async (key, options) => {
        // The session ends on the server just before the second key arrives.
        if (key === normalized(keys.download)) {
          backend.redeemKey = redeemKey;
          await backend.signOut({ signal: signal() });
        }
        return redeemKey(key, options);
      };
      await submitBatch(element);
      const signIn = await inlineSignIn(element);
      navigate.stop();
      const ui = batchUi(element);
      expect(navigate.events.map((event) => event.detail)).to.deep.equal([{ to: 'sign-in' }]);
      expect(store.snapshot.status).to.equal('signed-out');
      expect(ui.statusText()).to.equal('Bitte melden Sie sich an, um die 2 Online-Schlüssel einzulösen. Ihre Schlüssel bleiben eingetragen.');
      expect(ui.results()).to.deep.equal([
        `${keys.licence} Aktiviert: Deutsch kompetent 8. Zu finden unter „Meine Lizenzen“`,
        `${keys.download} wartet`,
        `${keys.journal} wartet`,
      ]);
      // Signed out, the store keeps the keys, not the results: they are the user's.
      expect(store.snapshot.pendingBatch).to.deep.equal({ keys: [normalized(keys.download), normalized(keys.journal)], done: [] });
      // The batch keeps them: no single pending key for the other forms on the page.
      expect(store.snapshot.pendingKey).to.equal(null);
      expect(signIn.assignedSlot?.name).to.equal('sign-in');
      await waitUntil(() => document.activeElement === signIn.querySelector('input[autocomplete=username]'), 'focus on the e-mail field');
      await expect(element).to.be.accessible();

      signInInline(signIn, 'teacher');
      await waitUntil(() => ui.statusText() === '2 Online-Schlüssel sind eingetragen. Jetzt einlösen?', 'asks to redeem');
      await waitUntil(() => deepActiveElement() === ui.control(), 'focus on "Jetzt einlösen"');
      expect(element.shadowRoot!.querySelector('slot[name=sign-in]')).to.equal(null);
      expect(spy.calls).to.have.length(2);
      // Signed in again, the results are kept for a reload once more.
      await waitUntil(() => store.snapshot.pendingBatch?.done.length === 1, 'the results are kept again');
      expect(store.snapshot.pendingBatch!.done).to.deep.equal([{ key: normalized(keys.licence), result: 'activated' }]);
      ui.control()!.click();
      await finished(element);
      expect(ui.statusText()).to.equal('Fertig. 3 aktiviert.');
      expect(spy.calls.map((call) => call.key)).to.deep.equal([keys.licence, keys.download, keys.download, keys.journal].map(normalized));
    });

    it('signed out, accepts the list, keeps it across a reload and a sign-in, then asks "Jetzt einlösen?"', async () => {
      const backend = new MemoryBackend();
      const storage = new MemoryStorage();
      const store = new AccountStore({ backend, storage, channel: false });
      await store.ensureSession();
      const before = await mountWith(store);
      const spy = spyOnRedeem(backend);
      const redeemed = collect('ks-key-redeemed');
      pasteInto(before, `${keys.licence}\n${keys.licence}\n${keys.journal}\nDATA`);
      await submitBatch(before);
      await inlineSignIn(before);
      expect(batchUi(before).statusText()).to.equal(
        'Bitte melden Sie sich an, um die 2 Online-Schlüssel einzulösen. Ihre Schlüssel bleiben eingetragen.',
      );
      expect(batchUi(before).button('Liste verwerfen')).to.not.equal(null);
      expect(spy.calls).to.have.length(0);
      expect(store.snapshot.pendingKey).to.equal(null);
      expect(JSON.parse(storage.getItem(PENDING_BATCH_STORAGE)!)).to.deep.equal({ keys: [normalized(keys.licence), normalized(keys.journal)], done: [] });
      await expect(before).to.be.accessible();

      // A reload before signing in: the keys are there, waiting.
      before.closest('ks-provider')!.remove();
      const after = new AccountStore({ backend, storage, channel: false });
      await after.ensureSession();
      const element = await mountWith(after);
      const ui = batchUi(element);
      expect(ui.statusText()).to.equal('2 Online-Schlüssel sind eingetragen. Jetzt einlösen?');
      // Pressed while signed out, it leads to sign-in again.
      ui.control()!.click();
      signInInline(await inlineSignIn(element), 'teacher');
      await waitUntil(() => ui.statusText() === '2 Online-Schlüssel sind eingetragen. Jetzt einlösen?' && after.snapshot.status === 'signed-in', 'asks to redeem');
      expect(spy.calls).to.have.length(0);
      expect(redeemed.events).to.have.length(0);
      await expect(element).to.be.accessible();
      ui.control()!.click();
      await finished(element);
      redeemed.stop();
      expect(spy.calls.map((call) => call.key)).to.deep.equal([keys.licence, keys.journal].map(normalized));
      expect(redeemed.events).to.have.length(2);
      expect(after.snapshot.pendingBatch).to.equal(null);
    });

    it("does not show one user's results to the next", async () => {
      const { element, store } = await mountBatch(teacher);
      pasteInto(element, `${keys.licence}\n${keys.yours}`);
      await submitBatch(element);
      await finished(element);
      await store.signOut();
      await element.updateComplete;
      expect(batchUi(element).results()).to.deep.equal([]);
      expect(batchUi(element).textarea()!.value).to.equal('');
    });

    it('goes to sign-in-href after a cancelable ks-navigate instead, with the keys pending', async () => {
      const { element, store } = await mountRedeemKey(html`<ks-redeem-key multiple sign-in-href="#ks-sign-in-page"></ks-redeem-key>`);
      const navigate = collect('ks-navigate', (event) => event.preventDefault());
      pasteInto(element, keys.licence);
      await submitBatch(element);
      await waitUntil(() => navigate.events.length > 0, 'ks-navigate');
      navigate.stop();
      await element.updateComplete;
      expect(navigate.events.map((event) => event.detail)).to.deep.equal([{ to: 'sign-in', href: '#ks-sign-in-page' }]);
      expect(element.querySelector('ks-sign-in')).to.equal(null);
      expect(store.snapshot.pendingBatch).to.deep.equal({ keys: [normalized(keys.licence)], done: [] });
      expect(batchUi(element).statusText()).to.match(/^Bitte melden Sie sich an/);
      expect(batchUi(element).alertText()).to.equal('');
      expect(element.shadowRoot!.querySelector('slot[name=sign-in]')).to.equal(null);
      await expect(element).to.be.accessible();
    });
  });
});
