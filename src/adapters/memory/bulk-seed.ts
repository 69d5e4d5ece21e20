/** A large seed for benchmarks and size tests: one account owning `count` generated products. */
import { productKinds, licenceTypes, type ProductWire } from '../../core/schemas.js';
import type { MemorySeed } from './catalogue.js';
import { demoRegistrationOptions, type DemoAccount } from './demo-catalogue.js';

export const bulkAccount: DemoAccount = {
  id: 'u-bulk',
  email: 'viele-produkte@keyshelf.example',
  password: 'Kennwort-Bulk-2026',
  displayName: 'Bea Bulk',
  customerType: 'teacher',
  emailConfirmed: true,
  productIds: [],
};

export function createBulkSeed(count: number): Required<Pick<MemorySeed, 'products' | 'accounts' | 'keys' | 'registrationOptions'>> {
  if (!Number.isInteger(count) || count < 0) throw new RangeError('count must be a non-negative integer');
  const products: ProductWire[] = Array.from({ length: count }, (_, index) => {
    const id = `bulk-${index + 1}`;
    const kind = productKinds[index % productKinds.length] ?? 'licence';
    return {
      id,
      title: `Produkt ${index + 1}`,
      subtitle: 'Benchmark',
      kind,
      licenceType: licenceTypes[index % licenceTypes.length] ?? 'single',
      openUrl: `/product.html?id=${id}`,
      ...(kind === 'download' ? { downloadUrl: `/downloads/${id}.pdf` } : {}),
    };
  });
  return {
    products,
    accounts: [{ ...bulkAccount, productIds: products.map((product) => product.id) }],
    keys: [],
    registrationOptions: demoRegistrationOptions,
  };
}
