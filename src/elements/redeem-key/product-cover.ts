/**
 * A product's cover: its image when the backend sends one, else a cover drawn from the title as
 * inline SVG (a monogram, the volume number, a pattern and a colour chosen by the product id), so a
 * product without artwork still looks like a book on a shelf, without any request.
 */
import { css, html, nothing, svg, type SVGTemplateResult, type TemplateResult } from 'lit';
import { toSafeUrl } from '../../core/safe-url.js';
import type { Product } from '../../core/schemas.js';

export const COVER_TONES = 8;
const PATTERNS = 3;

/** FNV-1a, 32 bit: a stable, well-spread number for a string. */
export function hashString(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

export interface CoverArt {
  /** Up to two initials of the title's words: "Mathematik heute 7" → "MH". */
  readonly monogram: string;
  /** The volume or grade in the title, if any: "7", "9/10". */
  readonly number: string;
  readonly tone: number;
  readonly pattern: number;
}

/** What the drawn cover shows for a product. */
export function coverArt(product: Pick<Product, 'id' | 'title'>, locale: string): CoverArt {
  const words = product.title.split(/\s+/u).filter(Boolean);
  const initials = words
    .map((word) => [...word][0] ?? '')
    .filter((first) => /\p{L}/u.test(first))
    .slice(0, 2)
    .join('');
  const number = words.find((word) => /^\d+(?:[/.-]\d+)*$/u.test(word))?.slice(0, 5) ?? '';
  const hash = hashString(product.id);
  return {
    monogram: initials.toLocaleUpperCase(locale),
    number,
    tone: hash % COVER_TONES,
    pattern: Math.floor(hash / COVER_TONES) % PATTERNS,
  };
}

function pattern(kind: number): SVGTemplateResult {
  switch (kind) {
    case 0:
      return svg`<path class="shape" d="M-10 30 L70 -10 L70 6 L-10 46 Z M-10 58 L70 18 L70 26 L-10 66 Z" />`;
    case 1:
      return svg`<circle class="shape" cx="52" cy="10" r="26" /><circle class="shape-strong" cx="52" cy="10" r="12" />`;
    default:
      return svg`<rect class="shape" x="6" y="6" width="48" height="48" rx="24" /><rect class="shape-strong" x="18" y="18" width="24" height="24" />`;
  }
}

/**
 * The cover, decorative: the card's title says what it is. Its image only from an `https:` or
 * same-origin URL (a publisher's own `Backend` need not have run the schemas that drop others);
 * else the cover drawn from the title.
 */
export function productCover(product: Product, locale: string): TemplateResult {
  const src = typeof product.coverUrl === 'string' ? toSafeUrl(product.coverUrl) : undefined;
  if (src) {
    return html`<img class="cover-image" src=${src} alt="" loading="lazy" decoding="async" />`;
  }
  const art = coverArt(product, locale);
  return html`<svg class="cover-art tone-${art.tone}" viewBox="0 0 60 84" aria-hidden="true" focusable="false">
    ${svg`<rect class="background" width="60" height="84" />
      ${pattern(art.pattern)}
      <rect class="band" y="56" width="60" height="28" />
      <text class="monogram" x="30" y="40" text-anchor="middle">${art.monogram}</text>
      ${art.number ? svg`<text class="number" x="30" y="75" text-anchor="middle">${art.number}</text>` : nothing}`}
  </svg>`;
}

/** Eight tones, each with text that keeps at least 4.5:1 against its background. */
export const productCoverStyles = css`
  .cover-image,
  .cover-art {
    display: block;
    width: 100%;
    height: auto;
    aspect-ratio: 5 / 7;
    object-fit: cover;
    border-radius: calc(var(--_ks-radius) / 2);
  }

  .cover-art {
    --_cover-background: #1d5ba6;
    --_cover-band: #0f3a6e;
    --_cover-text: #ffffff;
    --_cover-shape: rgb(255 255 255 / 0.14);
    --_cover-shape-strong: rgb(255 255 255 / 0.24);
  }

  .tone-1 { --_cover-background: #a3123a; --_cover-band: #6b0b26; }
  .tone-2 { --_cover-background: #1e6b34; --_cover-band: #0f4420; }
  .tone-3 { --_cover-background: #6a3d9a; --_cover-band: #44256a; }
  .tone-4 { --_cover-background: #b3541e; --_cover-band: #7a3510; }
  .tone-5 { --_cover-background: #0f6e78; --_cover-band: #08474e; }
  .tone-6 { --_cover-background: #4a5560; --_cover-band: #2b3239; }
  .tone-7 { --_cover-background: #8a5a00; --_cover-band: #5a3a00; }

  .cover-art .background {
    fill: var(--_cover-background);
  }

  .cover-art .shape {
    fill: var(--_cover-shape);
  }

  .cover-art .shape-strong {
    fill: var(--_cover-shape-strong);
  }

  .cover-art .band {
    fill: var(--_cover-band);
  }

  .cover-art text {
    fill: var(--_cover-text);
    font-family: var(--_ks-font);
    font-weight: 700;
  }

  .cover-art .monogram {
    font-size: 20px;
    letter-spacing: 0.5px;
  }

  .cover-art .number {
    font-size: 13px;
  }
`;
