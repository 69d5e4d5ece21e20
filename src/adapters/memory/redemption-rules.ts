/**
 * Whether a known, well-formed key can be redeemed by the caller, decided in this order:
 *
 * 1. redeemed earlier by the caller → resolves `already-owned` (the UI shows the product card:
 *    "Sie besitzen dieses Produkt bereits"); the contract's `key-already-redeemed` with
 *    `byYou: true` is therefore never produced by MemoryBackend;
 * 2. redeemed by someone else → `key-already-redeemed` with `byYou: false`;
 * 3. not valid yet → `key-not-yet-valid` with `validFrom`; past `validUntil` (inclusive) → `key-expired`;
 * 4. meant for other customer types → `key-not-for-customer-type` with `customerTypes`;
 * 5. the caller owns the product already (through another key) → `already-owned`, and the key
 *    stays unredeemed so it can still be passed on;
 * 6. otherwise → `activated`.
 */
import { BackendError } from '../../core/errors.js';
import type { DemoKey } from './demo-catalogue.js';

export type Verdict = { outcome: 'activated' | 'already-owned' } | { error: BackendError };

export interface RedemptionContext {
  callerId: string;
  callerCustomerType: string;
  /** Account that redeemed the key, if anyone did. */
  redeemedBy: string | undefined;
  callerOwnsProduct: boolean;
  /** `YYYY-MM-DD`, the day the validity dates are compared with. */
  today: string;
}

export function judgeRedemption(key: DemoKey, context: RedemptionContext): Verdict {
  if (context.redeemedBy === context.callerId) return { outcome: 'already-owned' };
  if (context.redeemedBy !== undefined) return { error: new BackendError('key-already-redeemed', { byYou: false }) };
  if (key.validFrom !== undefined && key.validFrom > context.today) {
    return { error: new BackendError('key-not-yet-valid', { validFrom: key.validFrom }) };
  }
  if (key.validUntil !== undefined && key.validUntil < context.today) return { error: new BackendError('key-expired') };
  if (key.customerTypes !== undefined && !key.customerTypes.includes(context.callerCustomerType)) {
    return { error: new BackendError('key-not-for-customer-type', { customerTypes: [...key.customerTypes] }) };
  }
  if (context.callerOwnsProduct) return { outcome: 'already-owned' };
  return { outcome: 'activated' };
}
