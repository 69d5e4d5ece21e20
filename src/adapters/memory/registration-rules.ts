/**
 * What a registration must satisfy beyond the shape of `registrationRequestSchema`: the options'
 * password policy, customer types, institution rule and current terms. Shape errors and rule
 * errors are reported together, so the user sees every problem at once.
 *
 * A customer number is never refused: a known one links the account, an unknown one is left for
 * the publisher to check by hand (as the registration wizard tells the user), and the answer does
 * not reveal which numbers exist.
 */
import type { FieldError, RegistrationOptions, RegistrationRequest } from '../../core/schemas.js';
import { registrationRequestSchema } from '../../core/schemas.js';
import * as z from '../../core/zod.js';
import { fieldErrorsFromIssues, firstPerField, valueAt } from './field-errors.js';

export type RegistrationCheck = { ok: true; request: RegistrationRequest } | { ok: false; fieldErrors: FieldError[] };

/** A password must not contain the e-mail's local part once it is at least this long. */
const MIN_LOCAL_PART_CHECKED = 3;

export function checkRegistration(input: unknown, options: RegistrationOptions): RegistrationCheck {
  const parsed = z.safeParse(registrationRequestSchema, input);
  const shapeErrors = parsed.success ? [] : fieldErrorsFromIssues(parsed.error.issues, input).map(termsCode);
  const errors = firstPerField([...shapeErrors, ...ruleErrors(input, options)]);
  if (parsed.success && errors.length === 0) return { ok: true, request: parsed.data };
  return { ok: false, fieldErrors: errors };
}

function ruleErrors(input: unknown, options: RegistrationOptions): FieldError[] {
  const errors: FieldError[] = [];
  const text = (path: string) => {
    const value = valueAt(input, path.split('.'));
    return typeof value === 'string' ? value.trim() : undefined;
  };

  const typeId = text('customerType');
  const customerType = options.customerTypes.find((type) => type.id === typeId);
  if (typeId !== undefined && customerType === undefined) errors.push({ field: 'customerType', code: 'invalid-value' });
  if (customerType?.requiresInstitution && !text('address.institution')) {
    errors.push({ field: 'address.institution', code: 'institution-required' });
  }

  const password = valueAt(input, ['password']);
  if (typeof password === 'string') {
    const { minLength, maxLength } = options.passwordPolicy;
    const localPart = (text('email') ?? '').split('@')[0]?.toLowerCase() ?? '';
    if (password.length < minLength) errors.push({ field: 'password', code: 'password-too-short' });
    else if (password.length > maxLength) errors.push({ field: 'password', code: 'too-long' });
    else if (localPart.length >= MIN_LOCAL_PART_CHECKED && password.toLowerCase().includes(localPart)) {
      errors.push({ field: 'password', code: 'password-contains-email' });
    }
  }

  if (text('acceptedTermsVersion') !== options.terms.version) {
    errors.push({ field: 'acceptedTermsVersion', code: 'terms-required' });
  }
  return errors;
}

/** Whatever is wrong with the accepted terms version, the user's fix is the same: accept the current terms. */
function termsCode(error: FieldError): FieldError {
  return error.field === 'acceptedTermsVersion' ? { ...error, code: 'terms-required' } : error;
}
