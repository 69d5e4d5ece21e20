/**
 * Redeeming an online key. A malformed key → `key-invalid-format`, an unknown one →
 * `key-not-found`; every other answer comes from `judgeRedemption` (src/core/redemption-rules.ts,
 * shared with `MemoryBackend`), decided on the key's row inside an IMMEDIATE transaction. The key
 * is claimed by a conditional UPDATE (`… WHERE redeemed_by IS NULL`) in the same transaction, which
 * holds the write lock from the read to the claim, so however many requests race for one key,
 * across threads or processes sharing the database file, exactly one claims it. The claim's
 * `changes` is checked as well: should the key be claimed between the read and the claim anyway,
 * the caller is told what a read now would tell them (theirs already, or someone else's) rather
 * than given a second activation.
 */
import { checkKey, normalizeKey } from '../src/core/online-key.js';
import { judgeRedemption } from '../src/core/redemption-rules.js';
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

export interface RedeemerOptions {
  /**
   * Test seam, never set in production: called inside the transaction after the key's row has been
   * read and judged `activated`, right before the conditional claim. One process on a synchronous
   * driver never runs anything in that gap, so a test uses this to claim the key from elsewhere first
   * (another connection, or a nested redeem) and check that the claim still cannot be won twice.
   * Must be synchronous: better-sqlite3 transactions cannot await.
   */
  betweenReadAndClaim?: (key: string) => void;
}

interface KeyRow {
  product_id: string;
  valid_from: string | null;
  valid_until: string | null;
  customer_types: string | null;
  redeemed_by: string | null;
}

export function createRedeemer(
  db: Db,
  catalogue: Catalogue,
  clock: Clock,
  keyFormat: KeyFormat,
  options: RedeemerOptions = {},
): Redeemer {
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
    const row = select.get(key);
    if (!row) return { ok: false, code: 'key-not-found' };
    const decision = judgeRedemption(
      {
        validFrom: row.valid_from ?? undefined,
        validUntil: row.valid_until ?? undefined,
        customerTypes: row.customer_types === null ? undefined : (JSON.parse(row.customer_types) as string[]),
      },
      {
        callerId: userId,
        callerCustomerType: customerType,
        redeemedBy: row.redeemed_by ?? undefined,
        callerOwnsProduct: owns.get(userId, row.product_id) !== undefined,
        today: isoDay(now),
      },
    );
    if ('code' in decision) return { ok: false, code: decision.code, extras: decision.extras };
    if (decision.outcome === 'activated') {
      options.betweenReadAndClaim?.(key);
      // The write lock is held since the read above, so the key should still be unclaimed; should it
      // not be, the other claim won, and this caller is told what a read now would tell them.
      if (claim.run(userId, now, key).changes !== 1) {
        return select.get(key)?.redeemed_by === userId
          ? owned(userId, row.product_id, now, 'already-owned')
          : { ok: false, code: 'key-already-redeemed', extras: { byYou: false } };
      }
    }
    return owned(userId, row.product_id, now, decision.outcome);
  });

  return {
    redeem(user, rawKey) {
      const key = normalizeKey(rawKey);
      if (!checkKey(key, keyFormat).valid) return { ok: false, code: 'key-invalid-format', key };
      return { ...transaction.immediate(user.id, user.customerType, key), key };
    },
  };
}
