// Runs in its own page: nothing else has defined elements here.
import { expect } from '@open-wc/testing';
import * as keyshelf from '../src/index.js';

describe('the public API (keyshelf)', () => {
  const tags = ['ks-provider', 'ks-account-menu', 'ks-sign-in', 'ks-redeem-key'];

  it('defines no custom element on import', () => {
    for (const tag of tags) expect(customElements.get(tag), tag).to.equal(undefined);
  });

  it('exports the store, configure, the adapters, the key rules and the element classes', () => {
    for (const name of ['AccountStore', 'configure', 'HttpBackend', 'MemoryBackend', 'BackendError', 'normalizeKey', 'KsProvider', 'KsElement']) {
      expect(keyshelf, name).to.have.property(name);
    }
  });

  it('registers the elements through keyshelf/define', async () => {
    await import('../src/define.js');
    expect(customElements.get('ks-provider')).to.equal(keyshelf.KsProvider);
    for (const tag of tags) expect(customElements.get(tag), tag).to.not.equal(undefined);
  });
});
