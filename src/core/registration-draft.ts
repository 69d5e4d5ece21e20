import type { Address } from './schemas.js';
import { LIMITS } from './limits.js';

/**
 * What the registration wizard has collected so far, kept across reloads in sessionStorage.
 * It has no password field by design, and `toRegistrationDraft` drops anything that is not a
 * known field, so a password can never reach web storage through it.
 */
export interface RegistrationDraft {
  step?: number;
  customerType?: string;
  email?: string;
  acceptedTermsVersion?: string;
  newsletter?: boolean;
  customerNumber?: string;
  /** What the user has typed or chosen so far: text, not yet checked (a country is a code only once valid). */
  address?: Partial<Record<keyof Address, string>>;
}

const ADDRESS_FIELDS = ['firstName', 'lastName', 'street', 'postcode', 'city', 'country', 'institution'] as const;

function capped(value: unknown, max: number): string | undefined {
  return typeof value === 'string' ? value.slice(0, max) : undefined;
}

/** The known draft fields of `raw`, capped in length; everything else is dropped. */
export function toRegistrationDraft(raw: unknown): RegistrationDraft | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const source = raw as Record<string, unknown>;
  const draft: RegistrationDraft = {};
  if (typeof source['step'] === 'number' && Number.isInteger(source['step'])) draft.step = source['step'];
  const customerType = capped(source['customerType'], LIMITS.id);
  if (customerType !== undefined) draft.customerType = customerType;
  const email = capped(source['email'], LIMITS.email);
  if (email !== undefined) draft.email = email;
  const terms = capped(source['acceptedTermsVersion'], LIMITS.label);
  if (terms !== undefined) draft.acceptedTermsVersion = terms;
  if (typeof source['newsletter'] === 'boolean') draft.newsletter = source['newsletter'];
  const customerNumber = capped(source['customerNumber'], LIMITS.customerNumber);
  if (customerNumber !== undefined) draft.customerNumber = customerNumber;
  const address = source['address'];
  if (typeof address === 'object' && address !== null) {
    const fields: NonNullable<RegistrationDraft['address']> = {};
    for (const field of ADDRESS_FIELDS) {
      const value = capped((address as Record<string, unknown>)[field], LIMITS.street);
      if (value !== undefined) fields[field] = value;
    }
    draft.address = fields;
  }
  return draft;
}
