// Its own page: nothing else has loaded <ks-sign-in> here.
import { expect, waitUntil } from '@open-wc/testing';
import { keys, mountRedeemKey, redeem, ui } from './helpers.js';

describe('<ks-redeem-key> and the sign-in form', () => {
  it('loads <ks-sign-in> only once a signed-out user submits a key', async () => {
    const { element: signedIn } = await mountRedeemKey(undefined, { signedInAs: 'teacher' });
    await redeem(signedIn, keys.licence);
    expect(ui(signedIn).statusText()).to.include('Die Lizenz ist aktiviert.');
    const { element: signedOut } = await mountRedeemKey();
    expect(customElements.get('ks-sign-in')).to.equal(undefined);
    await redeem(signedOut, keys.licence);
    await waitUntil(() => customElements.get('ks-sign-in') !== undefined, '<ks-sign-in> was not loaded');
    await waitUntil(() => signedOut.querySelector('ks-sign-in input'), 'the form did not appear');
  });
});
