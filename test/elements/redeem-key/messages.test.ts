import { expect } from '@open-wc/testing';
import { translate } from '../../../src/core/localize.js';
import { redeemKeyMessages } from '../../../src/elements/redeem-key/redeem-key.messages.js';
import { itHasCompleteTranslations } from '../../support/messages-suite.js';

describe('<ks-redeem-key> messages', () => {
  itHasCompleteTranslations(redeemKeyMessages);

  it("uses the seed's words in German", () => {
    const de = redeemKeyMessages.de;
    expect(de['redeemKey.submit']).to.equal('Online-Schlüssel einlösen');
    expect(de['redeemKey.activated']).to.equal('Die Lizenz ist aktiviert.');
    expect(de['redeemKey.alreadyOwned']).to.equal('Sie besitzen dieses Produkt bereits.');
    expect(translate('de', 'common.retry')).to.equal('Erneut versuchen');
    expect(de['redeemKey.another']).to.equal('Weiteren Schlüssel einlösen');
    expect(de['redeemKey.pending']).to.include('Jetzt einlösen?');
  });
});
