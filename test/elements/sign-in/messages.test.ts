import { expect } from '@open-wc/testing';
import { locales } from '../../../src/core/localize.js';
import { signInMessages } from '../../../src/elements/sign-in/sign-in.messages.js';

const placeholders = (value: unknown) => [...new Set([...JSON.stringify(value).matchAll(/\{(\w+)\}/g)].map((m) => m[1]))].sort();

describe('<ks-sign-in> messages', () => {
  it('has the same ids, plural forms and placeholders in every locale', () => {
    const ids = Object.keys(signInMessages.de).sort();
    for (const locale of locales) {
      const bundle = signInMessages[locale] as Readonly<Record<string, unknown>>;
      expect(Object.keys(bundle).sort(), locale).to.deep.equal(ids);
      for (const id of ids) {
        const de = (signInMessages.de as Readonly<Record<string, unknown>>)[id];
        expect(typeof bundle[id], `${locale}:${id} form`).to.equal(typeof de);
        expect(placeholders(bundle[id]), `${locale}:${id} placeholders`).to.deep.equal(placeholders(de));
      }
    }
  });

  it('has no empty string', () => {
    for (const locale of locales) {
      for (const [id, value] of Object.entries(signInMessages[locale])) {
        for (const text of typeof value === 'string' ? [value] : Object.values(value)) {
          expect(text.trim(), `${locale}:${id}`).to.not.equal('');
        }
      }
    }
  });

  it("uses the seed's words in German", () => {
    const de = signInMessages.de;
    expect(de['signIn.submit']).to.equal('Anmelden');
    expect(de['signIn.password']).to.equal('Kennwort');
    expect(de['signIn.forgot']).to.equal('Passwort vergessen?');
    expect(de['signIn.register']).to.equal('Neues Konto erstellen');
  });
});
