/**
 * What a redemption came to, and what the form says about it: pure functions from the store's
 * answer to an outcome, and from an outcome to the message ids and the next steps the user has.
 * Kept apart from the element so that a list of results (several keys) can use them too.
 */
import { type TransientCode, isTransientError, retrySeconds } from '../../core/errors.js';
import { type Locale, type MessageId, type MessageParams, formatDate } from '../../core/localize.js';
import type { ActionResult } from '../../core/store.js';
import type { Product, RedeemResult } from '../../core/schemas.js';
import type { RedeemKeyMessageId } from './redeem-key.messages.js';

export type RedeemOutcome =
  | { readonly kind: 'activated' | 'already-owned'; readonly product: Product }
  | { readonly kind: 'redeemed-by-you' | 'redeemed-by-other' | 'not-found' | 'invalid-format' | 'expired' }
  | { readonly kind: 'not-yet-valid'; readonly validFrom?: string | undefined }
  | { readonly kind: 'not-for-customer-type'; readonly customerTypes: readonly string[] }
  | { readonly kind: 'rate-limited'; readonly seconds: number }
  /** The outcome is unknown (the answer was lost or broken): the same request may be sent again. */
  | { readonly kind: 'transient'; readonly code: TransientCode }
  /** Nobody is signed in: the store kept the key as the pending key. */
  | { readonly kind: 'sign-in' }
  /** The session changed while the request ran; the store shows that, the form says nothing. */
  | { readonly kind: 'ignored' }
  /** Anything a redeem should never answer (a validation error of the request, …). */
  | { readonly kind: 'failed' };

export type OutcomeKind = RedeemOutcome['kind'];

export function outcomeOf(result: ActionResult<RedeemResult>): RedeemOutcome {
  if (result.ok) return { kind: result.value.outcome, product: result.value.product };
  const error = result.error;
  switch (error.code) {
    case 'key-already-redeemed':
      return { kind: error.byYou ? 'redeemed-by-you' : 'redeemed-by-other' };
    case 'key-not-found':
      return { kind: 'not-found' };
    case 'key-invalid-format':
      return { kind: 'invalid-format' };
    case 'key-expired':
      return { kind: 'expired' };
    case 'key-not-yet-valid':
      return { kind: 'not-yet-valid', validFrom: error.validFrom };
    case 'key-not-for-customer-type':
      return { kind: 'not-for-customer-type', customerTypes: error.customerTypes ?? [] };
    case 'rate-limited':
      return { kind: 'rate-limited', seconds: retrySeconds(error) };
    case 'unauthenticated':
      return { kind: 'sign-in' };
    case 'aborted':
      return { kind: 'ignored' };
    default:
      return isTransientError(error) ? { kind: 'transient', code: error.code } : { kind: 'failed' };
  }
}

/**
 * What each outcome says about the key, one entry per kind (a new kind must be placed here):
 * - `used`: the key is the user's now; the form gives way to the product;
 * - `refused`: the backend refused it for good ("unbekannt", "abgelaufen", …): sending it again
 *   would get the same answer, with a new Idempotency-Key, and count as one more failed attempt;
 * - `unexplained`: an answer a redeem should never get ("Bitte versuchen Sie es später erneut"),
 *   which settles this request but says nothing about the key;
 * - `open`: the same request may still be sent (after a wait, a retry, a sign-in).
 */
const keyFate: Readonly<Record<OutcomeKind, 'used' | 'refused' | 'unexplained' | 'open'>> = {
  activated: 'used',
  'already-owned': 'used',
  'redeemed-by-you': 'used',
  'redeemed-by-other': 'refused',
  'not-found': 'refused',
  'invalid-format': 'refused',
  expired: 'refused',
  'not-yet-valid': 'refused',
  'not-for-customer-type': 'refused',
  failed: 'unexplained',
  'rate-limited': 'open',
  transient: 'open',
  'sign-in': 'open',
  ignored: 'open',
};

/** Whether the key's fate is settled: sending it again would get the same answer. */
export function isDefinitive(outcome: RedeemOutcome): boolean {
  return keyFate[outcome.kind] !== 'open';
}

/** Whether the key is the user's now (activated, or theirs already): the form gives way to the product. */
export function usesKey(outcome: RedeemOutcome): boolean {
  return keyFate[outcome.kind] === 'used';
}

/** Whether the backend refused this key for good; it is not sent again until the user edits it. */
export function refusesKey(outcome: RedeemOutcome): boolean {
  return keyFate[outcome.kind] === 'refused';
}

export type Message = { readonly id: RedeemKeyMessageId | MessageId; readonly params?: MessageParams };

export interface OutcomeView {
  /** `success` goes to the polite status region, `error` to the alert region. */
  readonly tone: 'success' | 'error';
  /** What happened, then what to do next: read out together. */
  readonly messages: readonly Message[];
  /** The product to show as a card. */
  readonly product?: Product;
  /** Offer the publisher's support link (when one is configured). */
  readonly support?: boolean;
  /** The same key may be sent again now ("Erneut versuchen"). */
  readonly retry?: boolean;
}

export interface OutcomeContext {
  readonly locale: Locale;
  /** Whether the publisher configured a support link. */
  readonly hasSupport: boolean;
  /** A customer type's name in the locale, from the registration options; undefined when unknown. */
  readonly customerTypeLabel: (id: string) => string | undefined;
  /** The signed-in user's customer type id. */
  readonly yourCustomerType?: string | undefined;
  /** The visible name of the "Zur Nutzung" button, to refer to it. */
  readonly openLabel: string;
  /** The visible name of a product list ("Meine Lizenzen"). */
  readonly listLabel: (kind: Product['kind']) => string;
}

/** The messages and next steps for an outcome that is shown (not `sign-in` or `ignored`, which lead elsewhere). */
export function describeOutcome(outcome: RedeemOutcome, context: OutcomeContext): OutcomeView {
  const ask = (support: RedeemKeyMessageId, issuer: RedeemKeyMessageId): Message => ({ id: context.hasSupport ? support : issuer });
  switch (outcome.kind) {
    case 'activated':
    case 'already-owned': {
      const params = { list: context.listLabel(outcome.product.kind), open: context.openLabel };
      const activated = outcome.kind === 'activated';
      return {
        tone: 'success',
        product: outcome.product,
        messages: [
          { id: activated ? 'redeemKey.activated' : 'redeemKey.alreadyOwned' },
          { id: activated ? 'redeemKey.activated.next' : 'redeemKey.alreadyOwned.next', params },
        ],
      };
    }
    case 'redeemed-by-you':
      return { tone: 'success', messages: [{ id: 'redeemKey.redeemedByYou' }, { id: 'redeemKey.redeemedByYou.next' }] };
    case 'redeemed-by-other':
      return {
        tone: 'error',
        support: true,
        messages: [{ id: 'redeemKey.redeemedByOther' }, ask('redeemKey.redeemedByOther.support', 'redeemKey.redeemedByOther.issuer')],
      };
    case 'not-found':
      return { tone: 'error', messages: [{ id: 'error.key-not-found' }, { id: 'redeemKey.keyKept' }] };
    case 'invalid-format':
      return { tone: 'error', messages: [{ id: 'error.key-invalid-format' }, { id: 'key.checksum' }] };
    case 'expired':
      return { tone: 'error', support: true, messages: [{ id: 'error.key-expired' }, ask('redeemKey.expired.support', 'redeemKey.expired.issuer')] };
    case 'not-yet-valid':
      return {
        tone: 'error',
        messages: outcome.validFrom
          ? [{ id: 'error.key-not-yet-valid', params: { date: formatDate(context.locale, outcome.validFrom) } }, { id: 'redeemKey.notYetValid.next' }]
          : [{ id: 'redeemKey.notYetValid' }],
      };
    case 'not-for-customer-type': {
      const labels = outcome.customerTypes.map(context.customerTypeLabel);
      const known = labels.length > 0 && labels.every((label) => label !== undefined);
      const yours = context.yourCustomerType === undefined ? undefined : context.customerTypeLabel(context.yourCustomerType);
      return {
        tone: 'error',
        support: true,
        messages: [
          known
            ? { id: 'redeemKey.notForCustomerType', params: { types: listOf(context.locale, labels as string[]) } }
            : { id: 'error.key-not-for-customer-type' },
          ...(known && yours ? [{ id: 'redeemKey.notForCustomerType.yours', params: { type: yours } } as const] : []),
          { id: 'redeemKey.notForCustomerType.next' },
        ],
      };
    }
    case 'rate-limited':
      return { tone: 'error', messages: [{ id: 'common.tooMany' }] };
    case 'transient':
      return { tone: 'error', retry: true, messages: [{ id: `error.${outcome.code}` }, { id: 'redeemKey.keyKept' }] };
    case 'sign-in':
      return { tone: 'error', messages: [{ id: 'redeemKey.signInFirst' }] };
    case 'ignored':
    case 'failed':
      return { tone: 'error', messages: [{ id: 'redeemKey.failed' }] };
  }
}

/** "Lehrkraft oder Referendar/in"; with `conjunction`, "0, O und Q". */
export function listOf(locale: Locale, items: readonly string[], type: 'conjunction' | 'disjunction' = 'disjunction'): string {
  return new Intl.ListFormat(locale, { type }).format(items);
}
