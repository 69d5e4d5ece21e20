// <ks-redeem-key> when the session could not be read: the store answers with that failure, the
// form reports it with a retry, and the key is nobody's pending key.
import { expect, html } from '@open-wc/testing';
import { MemoryBackend } from '../../../src/adapters/memory/index.js';
import { batchUi, pasteInto, submitBatch, finished } from './batch-helpers.js';
import { collect } from '../../support/helpers.js';
import { keys, mountRedeemKey, redeem, settled, ui } from './helpers.js';

/** A backend whose next `count` session reads fail with `offline`. */
function flakySessionBackend(count: number): MemoryBackend {
  const backend = new MemoryBackend();
  for (let i = 0; i < count; i += 1) backend.failNext('getSession', 'offline');
  return backend;
}

describe('<ks-redeem-key> while the session cannot be read', () => {
  it('says why and offers a retry, instead of leading to sign-in and keeping the key', async () => {
    // The first read (on mount) and the store's second read (on submit) fail.
    const { element, store } = await mountRedeemKey(undefined, { signedInAs: 'teacher', backend: flakySessionBackend(2) });
    expect(store.snapshot.sessionError?.code).to.equal('offline');
    const navigate = collect('ks-navigate');
    await redeem(element, keys.licence);
    navigate.stop();
    expect(ui(element).alertText()).to.equal(
      'Keine Verbindung. Bitte prüfen Sie Ihre Internetverbindung und versuchen Sie es erneut. Ihr Schlüssel bleibt eingetragen.',
    );
    expect(ui(element).submit()!.textContent?.trim()).to.equal('Erneut versuchen');
    expect(navigate.events).to.have.length(0);
    expect(element.querySelector('ks-sign-in')).to.equal(null);
    expect(store.snapshot.pendingKey).to.equal(null);
    await expect(element).to.be.accessible();

    // The connection is back: the retry reads the session and redeems.
    ui(element).submit()!.click();
    await settled(element);
    expect(ui(element).statusText()).to.match(/^Die Lizenz ist aktiviert\./);
  });

  it('marks the keys of a batch "nicht eingelöst" for a retry, instead of asking to sign in', async () => {
    const { element, store } = await mountRedeemKey(html`<ks-redeem-key multiple></ks-redeem-key>`, {
      signedInAs: 'teacher',
      backend: flakySessionBackend(2),
    });
    pasteInto(element, keys.licence);
    await submitBatch(element);
    await finished(element);
    expect(batchUi(element).results()[0]).to.include('Nicht eingelöst');
    expect(batchUi(element).button('Fehlgeschlagene erneut versuchen')).to.not.equal(null);
    expect(store.snapshot.pendingKey).to.equal(null);
  });
});
