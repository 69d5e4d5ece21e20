import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import { toSafeUrl } from '../../src/core/safe-url.js';

describe('toSafeUrl', () => {
  it('keeps https and same-origin relative URLs', () => {
    expect(toSafeUrl('https://example.org/a?b=c')).to.equal('https://example.org/a?b=c');
    expect(toSafeUrl('/products/42')).to.equal('/products/42');
    expect(toSafeUrl('products/42')).to.equal('products/42');
  });

  it('drops script, data, http and other-origin URLs', () => {
    for (const url of [
      'javascript:alert(1)',
      ' JavaScript:alert(1)',
      'java\tscript:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'http://example.org/',
      '//evil.example/x',
      '/\\evil.example/x',
      'vbscript:msgbox',
      // Browsers strip tabs and line breaks: each of these would open evil.example.
      '/\t/evil.example/x',
      '/\n/evil.example/x',
      '/\r\n/evil.example/x',
      '\t//evil.example/x',
      'products\n/42',
      '/products/\u0000',
      '',
    ]) {
      expect(toSafeUrl(url), url).to.equal(undefined);
    }
  });
});

describe('toSafeUrl (property)', () => {
  const page = 'https://shop.example/konto/einloesen';
  // Pieces browsers treat specially in URLs, mixed into arbitrary text.
  const piece = fc.oneof(
    fc.string(),
    fc.constantFrom('/', '//', '\\', ':', 'javascript:', 'JaVaScRiPt:', 'data:', 'http:', 'https:', 'https://', '\t', '\n', '\r', ' ', '\u0000', '\u00a0', '%09', '@', '#', '?', '.', 'evil.example'),
  );
  const url = fc.array(piece, { maxLength: 8 }).map((pieces) => pieces.join(''));

  it('keeps a URL only when the browser would open it over https, on the page\'s origin or another https one', () => {
    fc.assert(
      fc.property(url, (candidate) => {
        const kept = toSafeUrl(candidate);
        if (kept === undefined) return;
        // Where a link with this value on the publisher's page leads (the browser's own URL parser).
        const resolved = new URL(kept, page);
        expect(resolved.protocol, JSON.stringify(candidate)).to.equal('https:');
        const isAbsolute = /^[a-z][a-z0-9+.-]*:/i.test(kept);
        if (!isAbsolute) expect(new URL(kept, page).origin, `relative ${JSON.stringify(candidate)}`).to.equal(new URL(page).origin);
      }),
      { numRuns: 3000 },
    );
  });
});
