// Batch mode's code is loaded only when `multiple` is set; until it is there, the element says so.
import { expect, html } from '@open-wc/testing';
import { mountRedeemKey, ui } from './helpers.js';

const batchModeLoaded = () => performance.getEntriesByType('resource').some((entry) => /\/batch-(mode|view|controller)\.ts/.test(entry.name));

describe('<ks-redeem-key> loading batch mode', () => {
  it('does not load it for the single form', async () => {
    const { element } = await mountRedeemKey();
    expect(ui(element).input()).to.not.equal(null);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(batchModeLoaded()).to.equal(false);
  });

  it('loads it when multiple is set, saying so meanwhile, and updateComplete waits for it', async () => {
    const { element } = await mountRedeemKey(html`<ks-redeem-key></ks-redeem-key>`);
    const seen = new Set<string>();
    const observer = new MutationObserver(() => seen.add(ui(element).statusText()));
    observer.observe(element.shadowRoot!, { childList: true, subtree: true, characterData: true });
    element.multiple = true;
    await element.updateComplete;
    expect(element.shadowRoot!.querySelector('textarea')).to.not.equal(null);
    observer.disconnect();
    expect(batchModeLoaded()).to.equal(true);
    // The first render of batch mode, before its code was there, said so politely.
    expect([...seen]).to.include('Das Feld für mehrere Schlüssel wird geladen …');
    await expect(element).to.be.accessible();
  });
});
