// Its own page: batch mode's code has not loaded here yet (it is loaded once per page), so the
// import this file's element makes is the first, and the one that fails.
import { expect, html, waitUntil } from '@open-wc/testing';
import { KsRedeemKey } from '../../../src/elements/redeem-key/redeem-key.js';
import { deepActiveElement } from '../../support/helpers.js';
import { batchUi } from './batch-helpers.js';
import { mountRedeemKey } from './helpers.js';

/** A `<ks-redeem-key>` whose first import of batch mode fails, as it does when the connection is gone. */
class KsTestUnreachableBatch extends KsRedeemKey {
  imports = 0;

  protected override importBatchMode(): ReturnType<KsRedeemKey['importBatchMode']> {
    this.imports += 1;
    if (this.imports === 1) return Promise.reject(new TypeError('Failed to fetch dynamically imported module'));
    return super.importBatchMode();
  }
}
customElements.define('ks-test-unreachable-batch', KsTestUnreachableBatch);

describe('<ks-redeem-key multiple> when batch mode cannot be loaded', () => {
  it('says so, offers "Erneut versuchen", and loads it then, with focus in the field', async () => {
    const { element } = await mountRedeemKey(html`<ks-test-unreachable-batch multiple></ks-test-unreachable-batch>`, {
      signedInAs: 'teacher',
    });
    const unreachable = element as KsTestUnreachableBatch;
    const ui = batchUi(element);
    // updateComplete does not wait for ever: the load failed.
    expect(unreachable.imports).to.equal(1);
    expect(ui.alertText()).to.equal('Das Feld für mehrere Schlüssel konnte nicht geladen werden. Bitte prüfen Sie Ihre Internetverbindung.');
    expect(ui.statusText()).to.equal('');
    expect(ui.textarea()).to.equal(null);
    expect(ui.form()).to.equal(null);
    expect(element.matches(':state(busy)')).to.equal(false);
    const retry = ui.button('Erneut versuchen')!;
    expect(retry.getAttribute('type')).to.equal('button');
    await expect(element).to.be.accessible();

    retry.focus();
    retry.click();
    await element.updateComplete;
    expect(unreachable.imports).to.equal(2);
    expect(ui.alertText()).to.equal('');
    expect(ui.button('Erneut versuchen')).to.equal(null);
    expect(ui.textarea()).to.not.equal(null);
    expect(ui.textarea()!.labels?.[0]?.textContent?.trim()).to.equal('Online-Schlüssel, einer pro Zeile');
    // Batch mode's own strings came with it.
    expect(ui.hint()).to.equal('Jeder Schlüssel hat 16 Zeichen. Sie können die Schlüssel auch durch Kommas, Semikolons oder Leerzeichen trennen.');
    // The button the user was on went away: focus goes to the field it brought.
    await waitUntil(() => deepActiveElement() === ui.textarea(), 'focus on the batch field');
    await expect(element).to.be.accessible();
  });
});
