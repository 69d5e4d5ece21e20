// <ks-redeem-key multiple> over real HTTP against the reference server (test/servers/reference-server.mjs).
// The server's database is fresh per run and shared by all test files: every fresh demo key is
// taken by other files, so this batch uses the keys that show the other outcomes. The server
// counts failed redemptions per IP and per account (10 in 10 minutes, across all files; http.test.ts
// makes five, four of them as the teacher): this file makes three (taken, expired, not yet valid).
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { HttpBackend } from '../../../src/adapters/http/index.js';
import { AccountStore } from '../../../src/core/store.js';
import type { KsProvider } from '../../../src/elements/provider/provider.js';
import type { KsRedeemKey } from '../../../src/elements/redeem-key/redeem-key.js';
import { demoCredentials } from '../../support/fixture.js';
import { batchUi, finished, normalized, pasteInto, submitBatch } from './batch-helpers.js';
import { collect, spyOn } from '../../support/helpers.js';
import { keys } from './helpers.js';

async function referenceServerUrl(): Promise<string> {
  const response = await fetch('/__reference-server');
  return ((await response.json()) as { url: string }).url;
}

describe('<ks-redeem-key multiple> over HTTP, against the reference server', function () {
  this.timeout(30_000);

  it('redeems a batch one key after the other as the teacher, with a result per key and the summary', async () => {
    // Sign-in hashes with scrypt at full cost, on a machine shared with the browser.
    const backend = new HttpBackend({ baseUrl: `${await referenceServerUrl()}/api`, timeout: 20_000 });
    const store = new AccountStore({ backend, storage: null, channel: false });
    await store.signOut();
    expect((await store.signIn(demoCredentials('teacher'))).ok, 'sign-in as the teacher').to.equal(true);
    await store.loadRegistrationOptions();
    const provider = await fixture<KsProvider>(
      html`<ks-provider .store=${store} lang="de"><ks-redeem-key multiple products-href="#produkte"></ks-redeem-key></ks-provider>`,
    );
    const element = provider.firstElementChild as KsRedeemKey;
    await element.updateComplete;
    const redeemed = collect('ks-key-redeemed');

    pasteInto(element, [keys.yours.toLowerCase(), `${keys.taken}, ${keys.expired}`, keys.notYetValid, keys.yours, 'MATH-7A3B-4C6D-E7F7'].join('\n'));
    await element.updateComplete;
    expect(batchUi(element).count()).to.equal('6 Schlüssel erkannt, 1 doppelt, 1 fehlerhaft');
    await submitBatch(element);
    await finished(element, 25_000);
    redeemed.stop();

    expect(batchUi(element).results()).to.deep.equal([
      `${keys.yours} Bereits in Ihrem Konto: Mathematik heute 7. Zu „Meine Lizenzen“`,
      `${keys.taken} Dieser Online-Schlüssel wurde bereits mit einem anderen Kundenkonto eingelöst. Jeder Schlüssel kann nur einmal eingelöst werden.`,
      `${keys.expired} Dieser Online-Schlüssel ist abgelaufen.`,
      `${keys.notYetValid} Dieser Online-Schlüssel kann erst ab dem 1. August 2099 eingelöst werden.`,
      'MATH-7A3B-4C6D-E7F7 Nicht gesendet: Tippfehler, bitte Zeichen für Zeichen prüfen.',
    ]);
    expect(batchUi(element).statusText()).to.equal('Fertig. 1 bereits in Ihrem Konto, 1 bereits eingelöst, 1 ungültig, 1 abgelaufen, 1 noch nicht gültig.');
    expect(redeemed.events).to.have.length(0);
    expect(store.snapshot.pendingBatch).to.equal(null);
    await expect(element).to.be.accessible();
  });

  it('keeps the batch of a signed-out user without asking the server to redeem it', async () => {
    const backend = new HttpBackend({ baseUrl: `${await referenceServerUrl()}/api`, timeout: 20_000 });
    const store = new AccountStore({ backend, storage: null, channel: false });
    await store.signOut();
    const provider = await fixture<KsProvider>(html`<ks-provider .store=${store} lang="de"><ks-redeem-key multiple></ks-redeem-key></ks-provider>`);
    const element = provider.firstElementChild as KsRedeemKey;
    await element.updateComplete;
    const redeemCalls = spyOn(backend, 'redeemKey');
    const navigate = collect('ks-navigate', (event) => event.preventDefault());
    pasteInto(element, `${keys.licence}\n${keys.journal}`);
    await submitBatch(element);
    await waitUntil(() => navigate.events.length > 0, 'ks-navigate', { timeout: 20_000 });
    navigate.stop();
    expect(navigate.events.map((event) => event.detail.to)).to.deep.equal(['sign-in']);
    expect(store.snapshot.pendingBatch).to.deep.equal({ keys: [keys.licence, keys.journal].map(normalized), done: [] });
    expect(store.snapshot.pendingKey).to.equal(null);
    expect(redeemCalls.calls, 'redeem calls to the backend').to.have.length(0);
  });
});
