import { expect, fixture, html } from '@open-wc/testing';
import { catalogues, formatDate, locales, resolveLocale, toLocale, translate } from '../../src/core/localize.js';
import type { MessageBundle } from '../../src/core/localize.js';

const pluralKeys = (catalogue: object) =>
  Object.entries(catalogue)
    .filter(([, value]) => typeof value === 'object')
    .map(([key]) => key)
    .sort();

describe('localize', () => {
  describe('completeness', () => {
    it('has every shared string in every locale, with the same plural forms and placeholders', () => {
      const ids = Object.keys(catalogues.de).sort();
      for (const locale of locales) {
        expect(Object.keys(catalogues[locale]).sort(), locale).to.deep.equal(ids);
        expect(pluralKeys(catalogues[locale]), locale).to.deep.equal(pluralKeys(catalogues.de));
        for (const id of ids) {
          const placeholders = (value: unknown) => [...JSON.stringify(value).matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
          const de = placeholders(catalogues.de[id as keyof typeof catalogues.de]);
          const other = placeholders(catalogues[locale][id as keyof typeof catalogues.de]);
          expect([...new Set(other)], `${locale}:${id}`).to.deep.equal([...new Set(de)]);
        }
      }
    });

    it('has no empty string anywhere', () => {
      for (const locale of locales) {
        for (const [id, value] of Object.entries(catalogues[locale])) {
          const texts = typeof value === 'string' ? [value] : Object.values(value);
          for (const text of texts) expect(text.trim(), `${locale}:${id}`).to.not.equal('');
        }
      }
    });
  });

  describe('translate', () => {
    it('interpolates placeholders and leaves unknown ones visible', () => {
      expect(translate('de', 'key.invalid-character', { position: 7, character: 'O' })).to.equal(
        'Bitte prüfen Sie Zeichen 7: „O“ kommt in Online-Schlüsseln nicht vor.',
      );
      expect(translate('en', 'product.validUntil', {})).to.equal('Valid until {date}');
    });

    it('chooses German and English plural forms by count', () => {
      expect(translate('de', 'common.retryIn', { count: 1 })).to.include('1 Sekunde erneut');
      expect(translate('de', 'common.retryIn', { count: 30 })).to.include('30 Sekunden erneut');
      expect(translate('en', 'common.retryIn', { count: 1 })).to.include('1 second.');
      expect(translate('en', 'common.retryIn', { count: 0 })).to.include('0 seconds.');
    });

    it('formats numbers and dates for the locale, without shifting a calendar day', () => {
      expect(translate('de', 'error.key-not-yet-valid', { date: formatDate('de', '2027-08-01') })).to.include('1. August 2027');
      expect(translate('en', 'error.key-not-yet-valid', { date: new Date(Date.UTC(2027, 7, 1, 12)) })).to.include('2027');
      expect(formatDate('en', '2027-08-01')).to.equal('August 1, 2027');
      expect(formatDate('de', 'not a date')).to.equal('not a date');
    });

    it("applies a publisher's override before the shipped string, per locale", () => {
      const overrides = { de: { 'key.label': 'Lizenzcode' } };
      expect(translate('de', 'key.label', {}, overrides)).to.equal('Lizenzcode');
      expect(translate('en', 'key.label', {}, overrides)).to.equal('Online key');
    });

    it("uses an element's own bundle, then the shared catalogue, then German, then the id", () => {
      // A bundle whose English misses an id (as a publisher's hand-written one might).
      const bundle = {
        de: { 'own.hello': 'Hallo {name}', 'own.onlyGerman': 'Nur Deutsch' },
        en: { 'own.hello': 'Hello {name}' },
      } as unknown as MessageBundle<'own.hello' | 'own.onlyGerman'>;
      expect(translate('en', 'own.hello', { name: 'Ben' }, {}, bundle)).to.equal('Hello Ben');
      expect(translate('en', 'product.open', {}, {}, bundle)).to.equal('Open');
      expect(translate('en', 'own.onlyGerman', {}, {}, bundle)).to.equal('Nur Deutsch');
      expect(translate('en', 'nothing.here', {}, {}, bundle)).to.equal('nothing.here');
    });
  });

  describe('resolveLocale', () => {
    afterEach(() => {
      document.documentElement.lang = 'de';
    });

    it('takes the nearest lang attribute, crossing shadow roots', async () => {
      const outer = await fixture(html`<div lang="en-GB"><section><span id="inner"></span></section></div>`);
      const inner = outer.querySelector('#inner')!;
      expect(resolveLocale(inner)).to.equal('en');
      const host = document.createElement('div');
      outer.append(host);
      const shadow = host.attachShadow({ mode: 'open' });
      const deep = document.createElement('p');
      shadow.append(deep);
      expect(resolveLocale(deep)).to.equal('en');
    });

    it('falls back to the configured locale, then <html lang>, then German', async () => {
      const element = await fixture(html`<p>ohne lang</p>`);
      document.documentElement.lang = 'en';
      expect(resolveLocale(element)).to.equal('en');
      expect(resolveLocale(element, 'de-AT')).to.equal('de');
      document.documentElement.lang = 'fr';
      expect(resolveLocale(element)).to.equal('de');
      expect(toLocale('EN_us')).to.equal('en');
      expect(toLocale(undefined)).to.equal(undefined);
    });
  });
});
