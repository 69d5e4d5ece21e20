import { expect } from '@open-wc/testing';
import { locales } from '../../../src/core/localize.js';
import { redeemKeyMessages } from '../../../src/elements/redeem-key/redeem-key.messages.js';

const placeholders = (value: unknown) => [...new Set([...JSON.stringify(value).matchAll(/\{(\w+)\}/g)].map((m) => m[1]))].sort();

describe('<ks-redeem-key> messages', () => {
  it('has the same ids, plural forms and placeholders in every locale', () => {
    const ids = Object.keys(redeemKeyMessages.de).sort();
    for (const locale of locales) {
      const bundle = redeemKeyMessages[locale] as Readonly<Record<string, unknown>>;
      expect(Object.keys(bundle).sort(), locale).to.deep.equal(ids);
      for (const id of ids) {
        const de = (redeemKeyMessages.de as Readonly<Record<string, unknown>>)[id];
        expect(typeof bundle[id], `${locale}:${id} form`).to.equal(typeof de);
        expect(placeholders(bundle[id]), `${locale}:${id} placeholders`).to.deep.equal(placeholders(de));
      }
    }
  });

  it('has no empty string', () => {
    for (const locale of locales) {
      for (const [id, value] of Object.entries(redeemKeyMessages[locale])) {
        for (const text of typeof value === 'string' ? [value] : Object.values(value)) {
          expect(text.trim(), `${locale}:${id}`).to.not.equal('');
        }
      }
    }
  });

  it("uses the seed's words in German", () => {
    const de = redeemKeyMessages.de;
    expect(de['redeemKey.submit']).to.equal('Online-Schlüssel einlösen');
    expect(de['redeemKey.activated']).to.equal('Die Lizenz ist aktiviert.');
    expect(de['redeemKey.alreadyOwned']).to.equal('Sie besitzen dieses Produkt bereits.');
    expect(de['redeemKey.retry']).to.equal('Erneut versuchen');
    expect(de['redeemKey.another']).to.equal('Weiteren Schlüssel einlösen');
    expect(de['redeemKey.pending']).to.include('Jetzt einlösen?');
  });
});
