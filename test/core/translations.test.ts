// What the shipped catalogue holds: the strings the elements share, each once, and nothing that
// only stories or tests used.
import { expect } from '@open-wc/testing';
import { catalogues, locales } from '../../src/core/localize.js';
import { accountMenuMessages } from '../../src/elements/account-menu/account-menu.messages.js';
import { batchMessages } from '../../src/elements/redeem-key/batch.messages.js';
import { redeemKeyMessages } from '../../src/elements/redeem-key/redeem-key.messages.js';
import { signInMessages } from '../../src/elements/sign-in/sign-in.messages.js';

const bundles = { accountMenuMessages, batchMessages, redeemKeyMessages, signInMessages };

describe('translations', () => {
  it('keep the strings every element says about retries and rate limits in the shared catalogue', () => {
    expect(catalogues.de['common.retry']).to.equal('Erneut versuchen');
    expect(catalogues.de['common.tooMany']).to.equal('Zu viele Versuche. Bitte warten Sie einen Moment.');
    expect(catalogues.de['common.retryNow']).to.equal('Sie können es jetzt erneut versuchen.');
    expect(catalogues.de['common.signInUnavailable']).to.equal('Die Anmeldung konnte nicht geladen werden. Bitte prüfen Sie Ihre Internetverbindung.');
  });

  it('are not repeated by the elements\' own bundles', () => {
    const shared = ['common.retry', 'common.tooMany', 'common.retryIn', 'common.retryNow'] as const;
    for (const [name, bundle] of Object.entries(bundles)) {
      for (const locale of locales) {
        const own = Object.entries(bundle[locale] as Record<string, unknown>);
        for (const id of shared) {
          const text = JSON.stringify(catalogues[locale][id]);
          expect(own.filter(([, value]) => JSON.stringify(value) === text).map(([ownId]) => ownId), `${name} ${locale}: ${id}`).to.deep.equal([]);
        }
        expect(own.map(([id]) => id).filter((id) => id.endsWith('.signInUnavailable')), `${name} ${locale}`).to.deep.equal([]);
      }
    }
  });

  it('ship no string that only stories or tests used', () => {
    for (const locale of locales) {
      for (const id of ['provider.loading', 'provider.signedOut', 'provider.signedIn', 'error.rate-limited']) {
        expect(Object.keys(catalogues[locale]), `${locale}: ${id}`).to.not.include(id);
      }
    }
  });
});
