/**
 * A product as a card: cover, title, subtitle, licence type, validity and "Zur Nutzung". A template
 * function with its styles, for any element that shows products (the redeem form's result now,
 * the product lists later). Its strings are the shared `product.*` ones.
 */
import { css, html, nothing, type TemplateResult } from 'lit';
import { type Locale, type MessageId, type MessageParams, formatDate } from '../../core/localize.js';
import { toSafeUrl } from '../../core/safe-url.js';
import type { Product } from '../../core/schemas.js';
import { productCover, productCoverStyles } from './product-cover.js';

export interface ProductCardOptions {
  readonly product: Product;
  readonly locale: Locale;
  readonly t: (id: MessageId, params?: MessageParams) => string;
  /**
   * A click on "Zur Nutzung" (a link to the product's open URL, shown only when it is `https:` or
   * same-origin: see `toSafeUrl`). Call `event.preventDefault()` to
   * keep the browser from following it, e.g. when the host handles `ks-open-product` itself.
   */
  readonly onOpen: (event: MouseEvent, product: Product, href: string) => void;
  /** More for the end of the card, e.g. which list the product is in. */
  readonly footer?: TemplateResult | typeof nothing;
}

/** An id for the card's title that is a valid single IDREF. */
function titleId(product: Product): string {
  return `product-${product.id.replace(/[^\w-]/g, '_')}-title`;
}

export function productCard(options: ProductCardOptions): TemplateResult {
  const { product, locale, t } = options;
  const id = titleId(product);
  // Checked again here: a publisher's own `Backend` need not have run the schemas that drop unsafe URLs.
  const href = typeof product.openUrl === 'string' ? toSafeUrl(product.openUrl) : undefined;
  return html`
    <div part="card" class="card">
      <div part="cover" class="cover">${productCover(product, locale)}</div>
      <div class="card-body">
        <p part="card-title" class="card-title" id=${id}>${product.title}</p>
        ${product.subtitle ? html`<p part="card-subtitle" class="card-subtitle">${product.subtitle}</p>` : nothing}
        <ul part="card-meta" class="card-meta">
          <li>${t(`product.licence.${product.licenceType}`)}</li>
          ${product.validUntil ? html`<li>${t('product.validUntil', { date: formatDate(locale, product.validUntil) })}</li>` : nothing}
        </ul>
        <div class="card-actions">
          ${href
            ? html`<a part="open" class="open" href=${href} aria-describedby=${id} @click=${(event: MouseEvent) => options.onOpen(event, product, href)}
                >${t('product.open')}</a
              >`
            : nothing}
          ${options.footer ?? nothing}
        </div>
      </div>
    </div>
  `;
}

export const productCardStyles = [
  productCoverStyles,
  css`
    .card {
      display: grid;
      grid-template-columns: var(--ks-product-card-cover-width, 5.5rem) minmax(0, 1fr);
      gap: var(--_ks-space);
      align-items: start;
      padding: var(--_ks-space);
      color: var(--_ks-text);
      background: var(--_ks-surface);
      border: 1px solid var(--_ks-border);
      border-radius: var(--_ks-radius);
    }

    .card-body {
      display: grid;
      gap: 0.25rem;
      min-width: 0;
    }

    .card-title {
      margin: 0;
      font-size: 1.125rem;
      font-weight: 700;
      overflow-wrap: anywhere;
    }

    .card-subtitle {
      margin: 0;
      overflow-wrap: anywhere;
    }

    .card-meta {
      display: flex;
      flex-wrap: wrap;
      gap: 0 1rem;
      margin: 0;
      padding: 0;
      list-style: none;
      font-size: 0.9375rem;
      color: var(--_ks-muted);
    }

    .card-actions {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem 1rem;
      align-items: center;
      margin-top: 0.5rem;
    }

    .open {
      display: inline-flex;
      align-items: center;
      min-height: 2.75rem;
      padding: 0.5rem 1.25rem;
      font-weight: 600;
      color: var(--_ks-on-primary);
      text-decoration: none;
      background: var(--_ks-primary);
      border-radius: var(--_ks-radius);
    }

    @media (max-width: 24rem) {
      .card {
        grid-template-columns: minmax(0, 1fr);
      }

      .cover {
        max-width: var(--ks-product-card-cover-width, 5.5rem);
      }
    }
  `,
];
