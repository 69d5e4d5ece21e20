// <ks-redeem-key multiple> resumed after a reload: the keys done before it keep their results (in
// one word each, no product), the progress and the summary count the whole run, and web storage
// holds keys and those words only.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { MemoryBackend, demoAccounts, demoProducts } from '../../../src/adapters/memory/index.js';
import { accountTag } from '../../../src/core/owed-sign-out.js';
import { AccountStore, type PendingBatch } from '../../../src/core/store.js';
import type { KsProvider } from '../../../src/elements/provider/provider.js';
import type { KsRedeemKey } from '../../../src/elements/redeem-key/redeem-key.js';
import { collect, MemoryStorage } from '../../support/helpers.js';
import { demoCredentials } from '../../support/fixture.js';
import { batchUi, classSetBackend, finished, holdEachRedeem, normalized, pasteInto, submitBatch } from './batch-helpers.js';
import { keys } from './helpers.js';

const PENDING_BATCH_STORAGE = 'keyshelf:pending-batch';
/** Whose the results are, as the store keeps them: the demo teacher's account tag. */
const TEACHER = accountTag(demoAccounts[0]!.id);
const signal = () => new AbortController().signal;
const MALFORMED = 'MATH-7A3B-4C6D-E7F7';
const BEFORE = '(vor dem Neuladen der Seite).';

/** Mounts `<ks-redeem-key multiple>` under a provider with `store`, as a page (or the same page after a reload) would. */
async function mountWith(store: AccountStore, options: { lang?: 'de' | 'en'; supportHref?: string } = {}): Promise<KsRedeemKey> {
  const provider = await fixture<KsProvider>(
    html`<ks-provider .store=${store} lang=${options.lang ?? 'de'}
      ><ks-redeem-key multiple support-href=${options.supportHref ?? ''}></ks-redeem-key
    ></ks-provider>`,
  );
  const element = provider.firstElementChild as KsRedeemKey;
  await element.updateComplete;
  return element;
}

/** The page goes away (a reload): its element and store with it; the tab's storage and the backend stay. */
function unload(element: KsRedeemKey, store: AccountStore): void {
  element.closest('ks-provider')!.remove();
  store.dispose();
}

/** Everything in `storage`, as one text, and whether any of the catalogue's product data is in it. */
function productDataIn(storage: MemoryStorage): string[] {
  const stored = storage.values().join('\n');
  return demoProducts.flatMap((product) => [product.id, product.title, product.openUrl, product.subtitle ?? ''].filter((value) => value !== '' && stored.includes(value)));
}

async function signedInBackend(backend = new MemoryBackend(), user: 'teacher' | 'pupil' = 'teacher'): Promise<MemoryBackend> {
  await backend.signIn(demoCredentials(user), { signal: signal() });
  return backend;
}

describe('<ks-redeem-key multiple> after a reload', () => {
  it('lists every key of a mixed run, those done before the reload too, and counts the whole run', async () => {
    const { backend, classSet } = classSetBackend();
    await signedInBackend(backend);
    const storage = new MemoryStorage();
    const first = new AccountStore({ backend, storage, channel: false });
    const before = await mountWith(first);
    const held = holdEachRedeem(backend);
    const [a0, a1, a2, a3, a4, a5, a6, a7] = classSet as [string, string, string, string, string, string, string, string];
    const list = [a0, keys.yours, a1, keys.taken, MALFORMED, keys.expired, a2, keys.notYetValid, keys.unknown, a3, a4, a5, a6, a7];
    pasteInto(before, list.join('\n'));
    await submitBatch(before);
    // Six keys come back; the seventh is in flight when the page is reloaded, its answer never arrives.
    for (let call = 1; call <= 6; call++) {
      await held.arrived(call);
      held.calls[call - 1]!.release();
    }
    await held.arrived(7);
    await waitUntil(() => batchUi(before).results()[6]?.includes('Aktiviert:'), 'six keys done');
    const stored: PendingBatch = {
      keys: [keys.notYetValid, keys.unknown, a3, a4, a5, a6, a7].map(normalized),
      done: [
        { key: normalized(a0), result: 'activated' },
        { key: normalized(keys.yours), result: 'owned' },
        { key: normalized(a1), result: 'activated' },
        { key: normalized(keys.taken), result: 'taken' },
        { key: normalized(MALFORMED), result: 'malformed' },
        { key: normalized(keys.expired), result: 'expired' },
        { key: normalized(a2), result: 'activated' },
      ],
      owner: TEACHER,
    };
    expect(JSON.parse(storage.getItem(PENDING_BATCH_STORAGE)!)).to.deep.equal(stored);
    expect(productDataIn(storage), 'product data in web storage').to.deep.equal([]);

    unload(before, first);
    const after = new AccountStore({ backend, storage, channel: false });
    const redeemed = collect('ks-key-redeemed');
    const element = await mountWith(after);
    const ui = batchUi(element);
    await waitUntil(() => ui.statusText() === '7 Online-Schlüssel sind eingetragen. Jetzt einlösen?', 'the run did not come back');
    expect(ui.results()).to.deep.equal([
      `${a0} Aktiviert ${BEFORE}`,
      `${keys.yours} Bereits in Ihrem Konto ${BEFORE}`,
      `${a1} Aktiviert ${BEFORE}`,
      `${keys.taken} Bereits mit einem anderen Kundenkonto eingelöst ${BEFORE}`,
      `${MALFORMED} Nicht gesendet, fehlerhaft ${BEFORE}`,
      `${keys.expired} Abgelaufen ${BEFORE}`,
      `${a2} Aktiviert ${BEFORE}`,
      ...[keys.notYetValid, keys.unknown, a3, a4, a5, a6, a7].map((key) => `${key} wartet`),
    ]);
    // No product was kept: no card, no link for those keys.
    expect(element.shadowRoot!.querySelectorAll('[part=results] .earlier a, [part=results] .earlier [part=card]')).to.have.length(0);
    expect(ui.progress()).to.equal('6 von 13 Schlüsseln bearbeitet: 3 aktiviert, 1 bereits in Ihrem Konto, 1 bereits eingelöst, 1 ungültig, 1 abgelaufen.');
    await expect(element).to.be.accessible();

    ui.control()!.click();
    // The key in flight at the reload is sent again, then the rest.
    for (let call = 8; call <= 11; call++) {
      await held.arrived(call);
      held.calls[call - 1]!.release();
    }
    // Ten keys done, those before the reload with them: the announcement counts the whole run.
    await held.arrived(12);
    await element.updateComplete;
    expect(ui.announcer()).to.equal(
      '10 von 13 Schlüsseln bearbeitet: 5 aktiviert, 1 bereits in Ihrem Konto, 1 bereits eingelöst, 2 ungültig, 1 abgelaufen, 1 noch nicht gültig.',
    );
    for (let call = 12; call <= 14; call++) {
      await held.arrived(call);
      held.calls[call - 1]!.release();
    }
    await finished(element);
    redeemed.stop();

    const results = ui.results();
    expect(results).to.have.length(list.length);
    expect(results.slice(0, 7).every((text) => text.endsWith(BEFORE))).to.equal(true);
    expect(results[7]).to.match(new RegExp(`^${keys.notYetValid} Dieser Online-Schlüssel kann erst ab dem `));
    expect(results[8]).to.equal(`${keys.unknown} Diesen Online-Schlüssel kennen wir nicht. Bitte prüfen Sie ihn Zeichen für Zeichen.`);
    expect(results.slice(9).every((text) => text.includes('Aktiviert:'))).to.equal(true);
    expect(ui.statusText()).to.equal('Fertig. 8 aktiviert, 1 bereits in Ihrem Konto, 1 bereits eingelöst, 2 ungültig, 1 abgelaufen, 1 noch nicht gültig.');
    // Only the keys this page redeemed fire the event; those before the reload fired theirs then.
    expect(redeemed.events).to.have.length(5);
    expect(held.calls.map((call) => call.key).slice(7)).to.deep.equal([keys.notYetValid, keys.unknown, a3, a4, a5, a6, a7].map(normalized));
    // The run is over: nothing is kept.
    expect(storage.getItem(PENDING_BATCH_STORAGE)).to.equal(null);
    await expect(element).to.be.accessible();
  });

  it('says it in English too, and offers the support link for a result from before the reload', async () => {
    const backend = await signedInBackend();
    const storage = new MemoryStorage();
    storage.setItem(
      PENDING_BATCH_STORAGE,
      JSON.stringify({
        keys: [normalized(keys.journal)],
        done: [{ key: normalized(keys.licence), result: 'activated' }, { key: normalized(keys.taken), result: 'taken' }],
        owner: TEACHER,
      }),
    );
    const store = new AccountStore({ backend, storage, channel: false });
    const element = await mountWith(store, { lang: 'en', supportHref: '#support' });
    const ui = batchUi(element);
    await waitUntil(() => ui.statusText() === '1 online key is filled in. Redeem it now?', 'the run did not come back');
    expect(ui.results()).to.deep.equal([
      `${keys.licence} Activated (before the page was reloaded).`,
      `${keys.taken} Already redeemed with another account (before the page was reloaded).`,
      `${keys.journal} waiting`,
    ]);
    expect(ui.progress()).to.equal('2 of 3 keys done: 1 activated, 1 already redeemed.');
    await expect(element).to.be.accessible();
    ui.control()!.click();
    await finished(element);
    expect(ui.statusText()).to.equal('Done. 2 activated, 1 already redeemed.');
    expect(ui.button('Contact customer service')).to.not.equal(null);
    await expect(element).to.be.accessible();
  });

  it('shows the keys, not the results, when the session read after the reload finds nobody signed in', async () => {
    const backend = new MemoryBackend();
    const storage = new MemoryStorage();
    storage.setItem(PENDING_BATCH_STORAGE, JSON.stringify({ keys: [normalized(keys.journal)], done: [{ key: normalized(keys.licence), result: 'activated' }], owner: TEACHER }));
    const store = new AccountStore({ backend, storage, channel: false });
    const element = await mountWith(store);
    await store.ensureSession();
    await element.updateComplete;
    expect(store.snapshot.status).to.equal('signed-out');
    expect(batchUi(element).results()).to.deep.equal([`${keys.journal} wartet`]);
    expect(JSON.parse(storage.getItem(PENDING_BATCH_STORAGE)!)).to.deep.equal({ keys: [normalized(keys.journal)], done: [] });
    await expect(element).to.be.accessible();
  });

  it('forgets the results from before the reload when the list is discarded, or with the user who signs out', async () => {
    const seeded = JSON.stringify({ keys: [normalized(keys.journal)], done: [{ key: normalized(keys.licence), result: 'activated' }], owner: TEACHER });
    const backend = await signedInBackend();
    const storage = new MemoryStorage();
    storage.setItem(PENDING_BATCH_STORAGE, seeded);
    const store = new AccountStore({ backend, storage, channel: false });
    const element = await mountWith(store);
    const ui = batchUi(element);
    await waitUntil(() => ui.button('Liste verwerfen'), 'the run did not come back');
    ui.button('Liste verwerfen')!.click();
    await element.updateComplete;
    expect(ui.results()).to.deep.equal([]);
    expect(storage.getItem(PENDING_BATCH_STORAGE)).to.equal(null);
    unload(element, store);

    // Signed out: the keys wait for the next sign-in, the results go; the next user does not see them.
    storage.setItem(PENDING_BATCH_STORAGE, seeded);
    const again = new AccountStore({ backend, storage, channel: false });
    const resumed = await mountWith(again);
    await waitUntil(() => batchUi(resumed).results().length === 2, 'the run did not come back');
    await again.signOut();
    expect(JSON.parse(storage.getItem(PENDING_BATCH_STORAGE)!)).to.deep.equal({ keys: [normalized(keys.journal)], done: [] });
    // They leave the screen at once too: the next person at this computer does not see them.
    await resumed.updateComplete;
    expect(batchUi(resumed).results()).to.deep.equal([`${keys.journal} wartet`]);
    await again.signIn(demoCredentials('pupil'));
    await resumed.updateComplete;
    expect(batchUi(resumed).results()).to.deep.equal([`${keys.journal} wartet`]);
    expect(batchUi(resumed).statusText()).to.equal('1 Online-Schlüssel ist eingetragen. Jetzt einlösen?');
  });
});
