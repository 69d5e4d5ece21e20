/** The checks every element's message bundle must pass, as one reusable suite. */
import { expect } from '@open-wc/testing';
import { locales, type MessageBundle, type MessageValue } from '../../src/core/localize.js';

const placeholders = (value: unknown) => [...new Set([...JSON.stringify(value).matchAll(/\{(\w+)\}/g)].map((m) => m[1]))].sort();
const texts = (value: MessageValue) => (typeof value === 'string' ? [value] : Object.values(value));

/** Call inside the bundle's `describe`: same ids, plural forms and placeholders in every locale, no empty text. */
export function itHasCompleteTranslations(bundle: MessageBundle<string>): void {
  it('has the same ids, plural forms and placeholders in every locale', () => {
    const ids = Object.keys(bundle.de).sort();
    for (const locale of locales) {
      expect(Object.keys(bundle[locale]).sort(), locale).to.deep.equal(ids);
      for (const id of ids) {
        const value = bundle[locale][id]!;
        expect(typeof value, `${locale}:${id} form`).to.equal(typeof bundle.de[id]);
        expect(placeholders(value), `${locale}:${id} placeholders`).to.deep.equal(placeholders(bundle.de[id]));
      }
    }
  });

  it('has no empty string', () => {
    for (const locale of locales) {
      for (const [id, value] of Object.entries(bundle[locale])) {
        for (const text of texts(value)) expect(text.trim(), `${locale}:${id}`).to.not.equal('');
      }
    }
  });
}
