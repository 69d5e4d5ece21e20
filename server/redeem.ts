/**
 * Redeeming an online key. The key is claimed by one conditional UPDATE (`… WHERE redeemed_by IS
 * NULL`) inside an IMMEDIATE transaction, so however many requests race for one key, across
 * threads or processes sharing the database file, exactly one claims it.
 *
 * Outcomes, checked in this order:
 * not well-formed → `key-invalid-format`; unknown → `key-not-found`; redeemed earlier by the caller
 * → `already-owned` (200); by someone else → `key-already-redeemed` (`byYou: false`); past its last
 * day → `key-expired`; before its first day → `key-not-yet-valid` (`validFrom`); not for the
 * caller's customer type → `key-not-for-customer-type` (`customerTypes`); the caller owns the product
 * already (through another key) → `already-owned` (200) and the key stays unredeemed, so it can still
 * be passed on (as `MemoryBackend` does); else `activated` (201).
 */
import { checkKey, normalizeKey } from '../src/core/online-key.js';
import type { ServerErrorCode } from '../src/core/rest-contract.js';
import type { KeyFormat, ProductWire } from '../src/core/schemas.js';
import type { Catalogue } from './catalogue.js';
import type { Clock } from './clock.js';
import { isoDay } from './clock.js';
import type { Db } from './db/index.js';
import type { ProblemExtras } from './problem.js';

export type RedeemOutcome =
  | { ok: true; outcome: 'activated' | 'already-owned'; product: ProductWire }
  | { ok: false; code: Extract<ServerErrorCode, `key-${string}`>; extras?: ProblemExtras };

export interface Redeemer {
  redeem(user: { id: string; customerType: string }, rawKey: string): RedeemOutcome & { key: string };
}

interface KeyRow {
  product_id: string;
  valid_from: string | null;
  valid_until: string | null;
  customer_types: string | null;
  redeemed_by: string | null;
}

export function createRedeemer(db: Db, catalogue: Catalogue, clock: Clock, keyFormat: KeyFormat): Redeemer {
  const select = db.prepare<[string], KeyRow>(
    'SELECT product_id, valid_from, valid_until, customer_types, redeemed_by FROM online_keys WHERE key = ?',
  );
  const claim = db.prepare('UPDATE online_keys SET redeemed_by = ?, redeemed_at = ? WHERE key = ? AND redeemed_by IS NULL');
  const owns = db.prepare<[string, string], { one: number }>('SELECT 1 AS one FROM ownerships WHERE user_id = ? AND product_id = ?');

  const owned = (userId: string, productId: string, now: number, outcome: 'activated' | 'already-owned'): RedeemOutcome => {
    catalogue.grant(userId, productId, now);
    const product = catalogue.product(productId);
    if (!product) throw new Error('online key refers to a missing product');
    return { ok: true, outcome, product };
  };

  const transaction = db.transaction((userId: string, customerType: string, key: string): RedeemOutcome => {
    const now = clock.now();
    const today = isoDay(now);
    const row = select.get(key);
    if (!row) return { ok: false, code: 'key-not-found' };
    if (row.redeemed_by === userId) return owned(userId, row.product_id, now, 'already-owned');
    if (row.redeemed_by !== null) return { ok: false, code: 'key-already-redeemed', extras: { byYou: false } };
    if (row.valid_until !== null && today > row.valid_until) return { ok: false, code: 'key-expired' };
    if (row.valid_from !== null && today < row.valid_from) {
      return { ok: false, code: 'key-not-yet-valid', extras: { validFrom: row.valid_from } };
    }
    if (row.customer_types !== null) {
      const allowed = JSON.parse(row.customer_types) as string[];
      if (!allowed.includes(customerType)) return { ok: false, code: 'key-not-for-customer-type', extras: { customerTypes: allowed } };
    }
    if (owns.get(userId, row.product_id)) return owned(userId, row.product_id, now, 'already-owned');
    if (claim.run(userId, now, key).changes !== 1) {
      // Unreachable within one process (the transaction holds the write lock), kept for clarity.
      const winner = select.get(key)?.redeemed_by;
      if (winner === userId) return owned(userId, row.product_id, now, 'already-owned');
      return { ok: false, code: 'key-already-redeemed', extras: { byYou: false } };
    }
    return owned(userId, row.product_id, now, 'activated');
  });

  return {
    redeem(user, rawKey) {
      const key = normalizeKey(rawKey);
      if (!checkKey(key, keyFormat).valid) return { ok: false, code: 'key-invalid-format', key };
      return { ...transaction.immediate(user.id, user.customerType, key), key };
    },
  };
}
