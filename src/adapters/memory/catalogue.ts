/**
 * The seed, validated once and indexed for constant-time lookups. It never changes after
 * construction: everything that happens later (registrations, redemptions, confirmations, the
 * session) lives in `MemoryState`.
 */
import { normalizeKey } from '../../core/online-key.js';
import type { Product, ProductWire, RegistrationOptions, RegistrationOptionsWire } from '../../core/schemas.js';
import { productSchema, registrationOptionsSchema } from '../../core/schemas.js';
import * as z from '../../core/zod.js';
import {
  demoAccounts,
  demoCustomerNumbers,
  demoKeys,
  demoProducts,
  demoRegistrationOptions,
  type DemoAccount,
  type DemoKey,
} from './demo-catalogue.js';

/** What `MemoryBackend` starts with; each part left out is taken from the demo catalogue. */
export interface MemorySeed {
  products?: readonly ProductWire[];
  accounts?: readonly DemoAccount[];
  keys?: readonly DemoKey[];
  registrationOptions?: RegistrationOptionsWire;
  /** Customer numbers a registration may link to. */
  customerNumbers?: readonly string[];
}

export interface SeedAccount extends DemoAccount {
  readonly owned: ReadonlySet<string>;
}

export class Catalogue {
  readonly options: RegistrationOptions;
  readonly customerNumbers: ReadonlySet<string>;
  /** In catalogue order. */
  readonly #products = new Map<string, Product>();
  readonly #positions = new Map<string, number>();
  readonly #accountsById = new Map<string, SeedAccount>();
  readonly #accountsByEmail = new Map<string, SeedAccount>();
  readonly #keys = new Map<string, DemoKey>();

  /** @throws TypeError when the seed breaks the schemas or refers to a product it does not contain. */
  constructor(seed: MemorySeed = {}) {
    this.options = parseSeed(registrationOptionsSchema, seed.registrationOptions ?? demoRegistrationOptions, 'registrationOptions');
    this.customerNumbers = new Set(seed.customerNumbers ?? demoCustomerNumbers);

    for (const product of seed.products ?? demoProducts) {
      const parsed = parseSeed(productSchema, product, `product ${product.id}`);
      if (this.#products.has(parsed.id)) throw new TypeError(`MemoryBackend seed: duplicate product ${parsed.id}`);
      this.#positions.set(parsed.id, this.#products.size);
      this.#products.set(parsed.id, Object.freeze(parsed));
    }

    for (const account of seed.accounts ?? demoAccounts) {
      const email = emailKey(account.email);
      if (this.#accountsById.has(account.id) || this.#accountsByEmail.has(email)) {
        throw new TypeError(`MemoryBackend seed: duplicate account ${account.id} <${account.email}>`);
      }
      account.productIds.forEach((id) => this.#requireProduct(id, `account ${account.id}`));
      const indexed: SeedAccount = Object.freeze({ ...account, owned: new Set(account.productIds) });
      this.#accountsById.set(account.id, indexed);
      this.#accountsByEmail.set(email, indexed);
    }

    for (const key of seed.keys ?? demoKeys) {
      this.#requireProduct(key.productId, `key ${key.key}`);
      this.#keys.set(normalizeKey(key.key), Object.freeze({ ...key }));
    }
  }

  product(id: string): Product | undefined {
    return this.#products.get(id);
  }

  /** The products with these ids, in catalogue order (the order the reference server lists them in). */
  productsInOrder(ids: Iterable<string>): Product[] {
    const known = [...ids].filter((id) => this.#positions.has(id));
    known.sort((a, b) => this.#positions.get(a)! - this.#positions.get(b)!);
    return known.map((id) => this.#products.get(id)!);
  }

  account(id: string): SeedAccount | undefined {
    return this.#accountsById.get(id);
  }

  accountByEmail(email: string): SeedAccount | undefined {
    return this.#accountsByEmail.get(emailKey(email));
  }

  key(normalized: string): DemoKey | undefined {
    return this.#keys.get(normalized);
  }

  #requireProduct(id: string, owner: string): void {
    if (!this.#products.has(id)) throw new TypeError(`MemoryBackend seed: ${owner} refers to unknown product ${id}`);
  }
}

/** E-mail addresses are matched case-insensitively. */
export function emailKey(email: string): string {
  return email.toLowerCase();
}

function parseSeed<S extends z.ZodMiniType>(schema: S, value: unknown, what: string): z.output<S> {
  const result = z.safeParse(schema, value);
  if (!result.success) throw new TypeError(`MemoryBackend seed: invalid ${what}`, { cause: result.error });
  return result.data;
}
