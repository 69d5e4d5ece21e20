import { expect } from '@open-wc/testing';
import { formatForDisplay, isWellFormed, normalizeKey } from '../../../src/core/online-key.js';
import { productSchema } from '../../../src/core/schemas.js';
import { bulkAccount, createBulkSeed } from '../../../src/adapters/memory/bulk-seed.js';
import {
  MemoryBackend,
  demoAccounts,
  demoKeys,
  demoProducts,
  demoRegistrationOptions,
} from '../../../src/adapters/memory/index.js';
import { call } from './helpers.js';

describe('demo catalogue', () => {
  it('has only well-formed, normalized, distinct keys', () => {
    for (const { key } of demoKeys) {
      expect(isWellFormed(key, demoRegistrationOptions.keyFormat), key).to.equal(true);
      expect(normalizeKey(key), key).to.equal(key);
    }
    expect(new Set(demoKeys.map((key) => key.key)).size).to.equal(demoKeys.length);
  });

  it('has only schema-valid products, unchanged by the schema', () => {
    for (const product of demoProducts) {
      const result = productSchema.safeParse(product);
      expect(result.success, product.id).to.equal(true);
      expect(result.data, product.id).to.deep.equal(product);
    }
  });

  it('has at least 8 licences, 4 downloads and 3 journals, and a key for each list', () => {
    const count = (kind: string) => demoProducts.filter((product) => product.kind === kind).length;
    expect(count('licence')).to.be.at.least(8);
    expect(count('download')).to.be.at.least(4);
    expect(count('journal')).to.be.at.least(3);
    const plainKeyKinds = demoKeys
      .filter((key) => !key.redeemedBy && !key.validFrom && !key.validUntil && !key.customerTypes)
      .map((key) => demoProducts.find((product) => product.id === key.productId)?.kind);
    expect(new Set(plainKeyKinds)).to.deep.equal(new Set(['licence', 'download', 'journal']));
  });

  it('refers only to products it contains', () => {
    const ids = new Set(demoProducts.map((product) => product.id));
    for (const key of demoKeys) expect(ids.has(key.productId), key.key).to.equal(true);
    for (const account of demoAccounts) for (const id of account.productIds) expect(ids.has(id), id).to.equal(true);
  });
});

describe('MemoryBackend: seed', () => {
  it('refuses a seed that refers to a product it does not contain', () => {
    expect(() => new MemoryBackend({ seed: { products: demoProducts.slice(1) } })).to.throw(TypeError, /unknown product/);
  });

  it('refuses a seed product that breaks the schema', () => {
    const broken = { ...demoProducts[0]!, kind: 'poster' as never };
    expect(() => new MemoryBackend({ seed: { products: [broken], accounts: [], keys: [] } })).to.throw(TypeError, /invalid product/);
  });

  it('refuses two accounts with the same e-mail in any case', () => {
    const [first] = demoAccounts;
    const twin = { ...first!, id: 'u-twin', email: first!.email.toUpperCase() };
    expect(() => new MemoryBackend({ seed: { accounts: [first!, twin] } })).to.throw(TypeError, /duplicate account/);
  });

  it('holds 10,000 products for one account', async () => {
    const seed = createBulkSeed(10_000);
    const backend = new MemoryBackend({ seed });
    await backend.signIn({ email: bulkAccount.email, password: bulkAccount.password }, call());
    const products = await backend.listProducts(call());
    expect(products).to.have.length(10_000);
    expect(products[0]?.id).to.equal('bulk-1');
    expect(products[9_999]?.id).to.equal('bulk-10000');
    expect(new Set(products.map((product) => product.kind))).to.deep.equal(new Set(['licence', 'download', 'journal']));
    expect(products[0]).not.to.equal(seed.products[0]);
  });

  it('generates schema-valid bulk products', () => {
    for (const product of createBulkSeed(12).products) expect(productSchema.safeParse(product).success, product.id).to.equal(true);
    expect(() => createBulkSeed(-1)).to.throw(RangeError);
  });
});

describe('docs/demo-keys.md', () => {
  it('lists every demo account and every demo key in display form', async () => {
    const response = await fetch('/docs/demo-keys.md');
    expect(response.ok).to.equal(true);
    const text = await response.text();
    for (const account of demoAccounts) expect(text, account.email).to.include(`\`${account.email}\``);
    for (const { key } of demoKeys) expect(text, key).to.include(`\`${formatForDisplay(key)}\``);
  });

  it('shows an unknown key that is well-formed and really unknown', async () => {
    const text = await (await fetch('/docs/demo-keys.md')).text();
    const example = /Unknown key.*?`([A-Z0-9-]+)`/s.exec(text)?.[1] ?? '';
    const key = normalizeKey(example);
    expect(isWellFormed(key), example).to.equal(true);
    expect(demoKeys.map((demo) => demo.key)).not.to.include(key);
  });
});
