import { expect, fixture, html } from '@open-wc/testing';
import { LitElement, type TemplateResult } from 'lit';
import { baseStyles } from '../../../src/core/base-styles.js';
import { translate } from '../../../src/core/localize.js';
import type { Product } from '../../../src/core/schemas.js';
import { productCard, productCardStyles } from '../../../src/elements/redeem-key/product-card.js';
import { COVER_TONES, coverArt, hashString } from '../../../src/elements/redeem-key/product-cover.js';

/** An https: cover (a `data:` one, which the schemas drop, is drawn instead: see safe-urls.test.ts). */
const pixel = 'https://covers.example/praxis-deutsch.gif';

const product: Product = {
  id: 'biologie-erleben-9',
  title: 'Biologie erleben 9/10',
  subtitle: 'Unterrichtsmanager',
  kind: 'licence',
  licenceType: 'staff',
  validUntil: '2028-07-31',
  openUrl: '#ks-card-open',
};

/** A host that shows one card in its shadow root, as an element would. */
class CardHost extends LitElement {
  static override styles = [baseStyles, productCardStyles];
  card?: () => TemplateResult;
  protected override render() {
    return this.card?.();
  }
}
customElements.define('test-card-host', CardHost);

async function showCard(options: Partial<Parameters<typeof productCard>[0]> = {}) {
  const host = await fixture<CardHost>(html`<test-card-host></test-card-host>`);
  const opened: string[] = [];
  host.card = () =>
    productCard({
      product,
      locale: 'de',
      t: (id, params) => translate('de', id, params),
      onOpen: (event, _product, href) => {
        opened.push(href);
        event.preventDefault();
      },
      ...options,
    });
  host.requestUpdate();
  await host.updateComplete;
  return { host, root: host.shadowRoot!, opened };
}

describe('product card', () => {
  it('shows cover, title, subtitle, licence type, validity and "Zur Nutzung"', async () => {
    const { host, root, opened } = await showCard({ footer: html`<span>extra</span>` });
    const text = root.querySelector('[part=card]')!.textContent!.replace(/\s+/g, ' ').trim();
    expect(text).to.equal('BE 9/10 Biologie erleben 9/10 Unterrichtsmanager Kollegiumslizenz Gültig bis 31. Juli 2028 Zur Nutzung extra');
    const open = root.querySelector<HTMLAnchorElement>('[part=open]')!;
    expect(open.getAttribute('href')).to.equal('#ks-card-open');
    expect(root.getElementById(open.getAttribute('aria-describedby')!)?.textContent).to.equal('Biologie erleben 9/10');
    expect(root.querySelector('[part=cover] svg')!.getAttribute('aria-hidden')).to.equal('true');
    open.click();
    expect(opened).to.deep.equal(['#ks-card-open']);
    await expect(host).to.be.accessible();
  });

  it('uses the cover image when there is one, and leaves out what the product lacks', async () => {
    const { root } = await showCard({
      product: { id: 'x', title: 'Praxis Deutsch', kind: 'journal', licenceType: 'trial', coverUrl: pixel, openUrl: undefined as unknown as string },
    });
    const image = root.querySelector<HTMLImageElement>('[part=cover] img')!;
    expect(image.getAttribute('src')).to.equal(pixel);
    expect(image.alt).to.equal('');
    expect(root.querySelector('[part=card-subtitle]')).to.equal(null);
    expect(root.querySelector('[part=open]')).to.equal(null);
    expect(root.querySelector('[part=card-meta]')!.textContent!.trim()).to.equal('Testlizenz');
  });

  it('draws the same cover for the same product, from the title', () => {
    expect(coverArt({ id: 'mathe-heute-7', title: 'Mathematik heute 7' }, 'de')).to.deep.include({ monogram: 'MH', number: '7' });
    expect(coverArt({ id: 'a', title: 'über 9/10 alles' }, 'de')).to.deep.include({ monogram: 'ÜA', number: '9/10' });
    expect(coverArt({ id: 'a', title: '<img src=x onerror=alert(1)>' }, 'de').monogram).to.equal('SO');
    const art = coverArt({ id: 'mathe-heute-7', title: 'Mathematik heute 7' }, 'de');
    expect(art).to.deep.equal(coverArt({ id: 'mathe-heute-7', title: 'Mathematik heute 7' }, 'de'));
    expect(art.tone).to.be.within(0, COVER_TONES - 1);
  });

  it('spreads products over the tones', () => {
    const tones = new Set(Array.from({ length: 64 }, (_, i) => hashString(`product-${i}`) % COVER_TONES));
    expect(tones.size).to.equal(COVER_TONES);
  });
});
