/**
 * The demo data, from the same module `MemoryBackend` uses: catalogue, customer numbers, accounts
 * (with their documented passwords) and one online key per outcome. Products are refreshed on every
 * start; accounts, ownerships and keys are only added when missing, so redemptions survive restarts.
 */
import {
  demoAccounts,
  demoCustomerNumbers,
  demoKeys,
  demoProducts,
} from '../../src/adapters/memory/demo-catalogue.js';
import type { PasswordHasher } from '../passwords.js';
import { UNUSABLE_PASSWORD_HASH } from '../passwords.js';
import { normalizeEmail } from '../users.js';
import type { Db } from './index.js';

export async function seedDemo(db: Db, hasher: PasswordHasher, now: number): Promise<void> {
  const missingAccounts = demoAccounts.filter(
    (account) => !db.prepare('SELECT 1 FROM users WHERE id = ?').get(account.id),
  );
  // Hash outside the transaction: scrypt is asynchronous and slow on purpose.
  const hashes = new Map<string, string>();
  for (const account of missingAccounts) hashes.set(account.id, await hasher.hash(account.password));

  const upsertProduct = db.prepare(
    `INSERT INTO products (id, title, subtitle, cover_url, kind, licence_type, valid_from, valid_until, open_url, download_url, position)
     VALUES (@id, @title, @subtitle, @coverUrl, @kind, @licenceType, @validFrom, @validUntil, @openUrl, @downloadUrl, @position)
     ON CONFLICT (id) DO UPDATE SET title = excluded.title, subtitle = excluded.subtitle, cover_url = excluded.cover_url,
       kind = excluded.kind, licence_type = excluded.licence_type, valid_from = excluded.valid_from,
       valid_until = excluded.valid_until, open_url = excluded.open_url, download_url = excluded.download_url,
       position = excluded.position`,
  );
  const insertCustomer = db.prepare('INSERT INTO customers (number) VALUES (?) ON CONFLICT DO NOTHING');
  const insertUser = db.prepare(
    `INSERT INTO users (id, email, email_norm, password_hash, display_name, customer_type, customer_number, email_confirmed, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
  );
  const insertOwnership = db.prepare('INSERT INTO ownerships (user_id, product_id, acquired_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING');
  const insertKey = db.prepare(
    `INSERT INTO online_keys (key, product_id, valid_from, valid_until, customer_types, redeemed_by, redeemed_at)
     VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
  );

  db.transaction(() => {
    demoProducts.forEach((product, position) =>
      upsertProduct.run({
        id: product.id,
        title: product.title,
        subtitle: product.subtitle ?? null,
        coverUrl: product.coverUrl ?? null,
        kind: product.kind,
        licenceType: product.licenceType,
        validFrom: product.validFrom ?? null,
        validUntil: product.validUntil ?? null,
        openUrl: product.openUrl,
        downloadUrl: product.downloadUrl ?? null,
        position,
      }),
    );
    for (const number of demoCustomerNumbers) insertCustomer.run(number);
    for (const account of missingAccounts) {
      insertUser.run(
        account.id,
        account.email,
        normalizeEmail(account.email),
        hashes.get(account.id)!,
        account.displayName,
        account.customerType,
        account.customerNumber ?? null,
        account.emailConfirmed ? 1 : 0,
        now,
      );
      for (const productId of account.productIds) insertOwnership.run(account.id, productId, now);
    }
    // Keys may name an owner that is not a demo account ("someone else"): a placeholder that cannot sign in.
    for (const key of demoKeys) {
      if (key.redeemedBy && !db.prepare('SELECT 1 FROM users WHERE id = ?').get(key.redeemedBy)) {
        const email = `${key.redeemedBy}@placeholder.keyshelf.example`;
        insertUser.run(key.redeemedBy, email, normalizeEmail(email), UNUSABLE_PASSWORD_HASH, 'Placeholder', 'private', null, 1, now);
      }
      insertKey.run(
        key.key,
        key.productId,
        key.validFrom ?? null,
        key.validUntil ?? null,
        key.customerTypes ? JSON.stringify(key.customerTypes) : null,
        key.redeemedBy ?? null,
        key.redeemedBy ? now : null,
      );
      if (key.redeemedBy) insertOwnership.run(key.redeemedBy, key.productId, now);
    }
    db.prepare(`INSERT INTO meta (name, value) VALUES ('seeded_at', ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value`).run(
      new Date(now).toISOString(),
    );
  }).immediate();
}
