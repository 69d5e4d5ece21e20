// The contract's schemas: defaults, bounds and the length cap of every registration field.
import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import { countryCodes } from '../../src/core/countries.js';
import { LIMITS } from '../../src/core/limits.js';
import * as schemas from '../../src/core/schemas.js';
import { passwordPolicySchema, productSchema, registrationRequestSchema } from '../../src/core/schemas.js';

const registration = {
  customerType: 'teacher',
  email: 'erika@example.de',
  password: 'ein langes Kennwort',
  acceptedTermsVersion: '2026-01',
  newsletter: false,
  address: { firstName: 'Erika', lastName: 'Muster', street: 'Hauptstr. 1', postcode: '10115', city: 'Berlin', country: 'DE' },
};

/** The registration with `value` at the dot `path`. */
function withField(path: string, value: unknown): Record<string, unknown> {
  const copy = structuredClone(registration) as Record<string, unknown>;
  const segments = path.split('.');
  let target = copy;
  for (const segment of segments.slice(0, -1)) target = target[segment] as Record<string, unknown>;
  target[segments.at(-1)!] = value;
  return copy;
}

describe('schemas', () => {
  describe('password policy', () => {
    it('defaults the minimum length to 12 and has no composition rules', () => {
      expect(passwordPolicySchema.parse({ maxLength: 128 })).to.deep.equal({ minLength: 12, maxLength: 128 });
    });

    it('refuses a maximum below 64 and accepts 64 to 128', () => {
      expect(passwordPolicySchema.safeParse({ maxLength: 63 }).success).to.equal(false);
      expect(passwordPolicySchema.safeParse({ maxLength: 64 }).success).to.equal(true);
      expect(passwordPolicySchema.safeParse({ maxLength: LIMITS.password + 1 }).success).to.equal(false);
    });
  });

  describe('registration request', () => {
    it('accepts a complete request', () => {
      expect(registrationRequestSchema.safeParse(registration).success).to.equal(true);
    });

    const capped: [path: string, max: number][] = [
      ['email', LIMITS.email],
      ['password', LIMITS.password],
      ['acceptedTermsVersion', LIMITS.label],
      ['customerNumber', LIMITS.customerNumber],
      ['address.firstName', LIMITS.name],
      ['address.lastName', LIMITS.name],
      ['address.street', LIMITS.street],
      ['address.postcode', LIMITS.postcode],
      ['address.city', LIMITS.city],
      ['address.institution', LIMITS.institution],
    ];
    for (const [path, max] of capped) {
      it(`caps ${path} at ${max} characters`, () => {
        const fitting = path === 'email' ? `${'a'.repeat(max - '@example.de'.length)}@example.de` : 'a'.repeat(max);
        const over = path === 'email' ? `a${fitting}` : `${fitting}a`;
        expect(registrationRequestSchema.safeParse(withField(path, fitting)).success, 'at the cap').to.equal(true);
        const result = registrationRequestSchema.safeParse(withField(path, over));
        expect(result.success, 'over the cap').to.equal(false);
        expect(result.error?.issues.map((issue) => issue.path.join('.'))).to.deep.equal([path]);
      });
    }

    it('accepts only assigned ISO 3166-1 alpha-2 countries, and XK (Kosovo)', () => {
      expect(countryCodes).to.have.length(250);
      expect(new Set(countryCodes).size).to.equal(countryCodes.length);
      for (const country of ['DE', 'AT', 'CH', 'LU', 'XK']) expect(registrationRequestSchema.safeParse(withField('address.country', country)).success, country).to.equal(true);
      for (const country of ['de', 'XX', 'UK', 'DEU', 'Deutschland', '']) {
        expect(registrationRequestSchema.safeParse(withField('address.country', country)).success, country).to.equal(false);
      }
    });

    it('refuses unknown fields', () => {
      expect(registrationRequestSchema.safeParse({ ...registration, isAdmin: true }).success).to.equal(false);
      expect(registrationRequestSchema.safeParse(withField('address.extra', 'x')).success).to.equal(false);
    });
  });

  describe('product', () => {
    const product = { id: 'p1', title: 'Mathematik heute 7', kind: 'download', licenceType: 'single', openUrl: '/open/p1' };

    it('keeps https and same-origin URLs and drops unsafe ones without failing the product', () => {
      const parsed = productSchema.parse({ ...product, downloadUrl: 'javascript:alert(1)', coverUrl: 'https://cdn.example.org/c.png' });
      expect(parsed.downloadUrl).to.equal(undefined);
      expect(parsed.coverUrl).to.equal('https://cdn.example.org/c.png');
      expect(productSchema.parse({ ...product, downloadUrl: '/downloads/p1.pdf' }).downloadUrl).to.equal('/downloads/p1.pdf');
    });

    it('accepts only the known kinds and licence types', () => {
      expect(productSchema.safeParse({ ...product, kind: 'video' }).success).to.equal(false);
      expect(productSchema.safeParse({ ...product, licenceType: 'forever' }).success).to.equal(false);
    });
  });
});

describe('schemas (property)', () => {
  const all = Object.entries(schemas).filter((entry): entry is [string, typeof productSchema] => entry[0].endsWith('Schema'));

  it('answer any JSON value with a result, never an exception, and never pass on an own __proto__ key', () => {
    expect(all.length).to.be.greaterThan(20);
    fc.assert(
      fc.property(fc.jsonValue(), fc.constantFrom(...all), (value, [, schema]) => {
        const result = schema.safeParse(value);
        if (result.success && typeof result.data === 'object' && result.data !== null) {
          expect(Object.getPrototypeOf(result.data) === Object.prototype || Array.isArray(result.data)).to.equal(true);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('keep no server URL that is not https or same-origin relative, whatever the product says', () => {
    const url = fc.oneof(fc.webUrl(), fc.string(), fc.constantFrom('javascript:alert(1)', 'data:text/html,x', '//evil.example', '/\\evil.example'));
    fc.assert(
      fc.property(url, url, url, (openUrl, coverUrl, downloadUrl) => {
        const result = productSchema.safeParse({ id: 'p', title: 'T', kind: 'download', licenceType: 'single', openUrl, coverUrl, downloadUrl });
        if (!result.success) return;
        for (const kept of [result.data.openUrl, result.data.coverUrl, result.data.downloadUrl]) {
          if (kept === undefined) continue;
          expect(new URL(kept, 'https://shop.example/seite').protocol, kept).to.equal('https:');
        }
      }),
      { numRuns: 2000 },
    );
  });
});
