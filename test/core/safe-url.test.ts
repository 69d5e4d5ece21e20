import { expect } from '@open-wc/testing';
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
