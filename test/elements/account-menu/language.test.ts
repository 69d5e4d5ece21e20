// <ks-account-menu> follows the page's language: what its live region said, and the segmenter
// that finds a name's first character.
import { expect, html } from '@open-wc/testing';
import { resetMouse } from '@web/test-runner-commands';
import { initials } from '../../../src/elements/account-menu/initials.js';
import { mount } from '../../support/fixture.js';
import { type Menu, click, item, liveRegion, settled, trigger } from './helpers.js';

describe('<ks-account-menu> and the language', () => {
  afterEach(() => resetMouse());

  it('says "signed out" again in the new language after a language switch', async () => {
    const { element: menu, provider } = await mount<Menu>(html`<ks-account-menu></ks-account-menu>`, { signedInAs: 'teacher' });
    await click(trigger(menu));
    await settled(menu);
    await click(item(menu, 'Abmelden'));
    await settled(menu);
    expect(liveRegion(menu).textContent!.trim()).to.equal('Sie wurden abgemeldet.');
    provider.setAttribute('lang', 'en');
    await new Promise((resolve) => setTimeout(resolve, 0));
    await settled(menu);
    expect(liveRegion(menu).textContent!.trim()).to.equal('You have been signed out.');
  });

  describe('initials', () => {
    const original = Intl.Segmenter;
    const replaceSegmenter = (segmenter: unknown) => Object.defineProperty(Intl, 'Segmenter', { configurable: true, writable: true, value: segmenter });
    afterEach(() => replaceSegmenter(original));

    it('segments a name in the locale asked for, with a segmenter made when first needed', () => {
      const made: (string | undefined)[] = [];
      replaceSegmenter(
        class extends original {
          constructor(locale?: Intl.LocalesArgument, options?: Intl.SegmenterOptions) {
            super(locale, options);
            made.push(typeof locale === 'string' ? locale : undefined);
          }
        },
      );
      expect(initials('Émile Zola', 'en')).to.equal('ÉZ');
      expect(initials('Ärger Öl', 'en')).to.equal('ÄÖ');
      expect(made).to.deep.equal(['en']);
    });

    it('falls back to the first code point where Intl.Segmenter is missing', () => {
      replaceSegmenter(undefined);
      expect(initials('Émile Zola', 'de')).to.equal('ÉZ');
    });
  });
});
