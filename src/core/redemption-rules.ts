/**
 * Whether a known, well-formed online key can be redeemed by the caller. `MemoryBackend` and the
 * reference server both decide here (the server inside the transaction that claims the key), so
 * the two cannot answer the same key differently. Decided in this order:
 *
 * 1. redeemed earlier by the caller → `already-owned` (the UI shows the product card: "Sie besitzen
 *    dieses Produkt bereits"); the contract's `key-already-redeemed` with `byYou: true` is therefore
 *    never produced;
 * 2. redeemed by someone else → `key-already-redeemed` with `byYou: false`;
 * 3. past `validUntil` (the day itself still counts) → `key-expired`;
 * 4. before `validFrom` (the day itself counts) → `key-not-yet-valid` with `validFrom`;
 * 5. meant for other customer types → `key-not-for-customer-type` with `customerTypes`;
 * 6. the caller owns the product already (through another key) → `already-owned`, and the key
 *    stays unredeemed so it can still be passed on;
 * 7. otherwise → `activated`.
 *
 * Why expired before not-yet-valid: the two only disagree for a key whose window is empty
 * (`validUntil` before today before `validFrom`). That key can never be redeemed; "valid from …"
 * would send the user back on a day when the answer is "expired", so the final answer comes first.
 *
 * Browser-safe: no Node APIs. Dates are `YYYY-MM-DD` strings, compared as strings.
 */
import type { ServerErrorCode } from './rest-contract.js';

/** What the rules need to know about a key. */
export interface RedeemableKey {
  /** First day it can be redeemed, `YYYY-MM-DD`. */
  validFrom?: string | undefined;
  /** Last day it can be redeemed, `YYYY-MM-DD`. */
  validUntil?: string | undefined;
  /** Only these customer types may redeem it. */
  customerTypes?: readonly string[] | undefined;
}

export interface RedemptionContext {
  callerId: string;
  callerCustomerType: string;
  /** Account that redeemed the key, if anyone did. */
  redeemedBy: string | undefined;
  callerOwnsProduct: boolean;
  /** `YYYY-MM-DD`, the day the validity dates are compared with. */
  today: string;
}

/** The members a refusal carries besides its code (named as in the problem body and `BackendError`). */
export interface RefusalExtras {
  byYou?: boolean;
  validFrom?: string;
  customerTypes?: string[];
}

export type RedemptionDecision =
  | { outcome: 'activated' | 'already-owned' }
  | { code: Extract<ServerErrorCode, `key-${string}`>; extras: RefusalExtras };

export function judgeRedemption(key: RedeemableKey, context: RedemptionContext): RedemptionDecision {
  if (context.redeemedBy === context.callerId) return { outcome: 'already-owned' };
  if (context.redeemedBy !== undefined) return { code: 'key-already-redeemed', extras: { byYou: false } };
  if (key.validUntil !== undefined && key.validUntil < context.today) return { code: 'key-expired', extras: {} };
  if (key.validFrom !== undefined && key.validFrom > context.today) {
    return { code: 'key-not-yet-valid', extras: { validFrom: key.validFrom } };
  }
  if (key.customerTypes !== undefined && !key.customerTypes.includes(context.callerCustomerType)) {
    return { code: 'key-not-for-customer-type', extras: { customerTypes: [...key.customerTypes] } };
  }
  if (context.callerOwnsProduct) return { outcome: 'already-owned' };
  return { outcome: 'activated' };
}
