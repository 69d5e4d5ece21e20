/**
 * What a registration must satisfy: the shape of `registrationRequestSchema`, and the rules of the
 * registration options (a known customer type, a school or institution where the type needs one,
 * the current terms version, the password policy). Shape errors and rule errors are reported
 * together, so the user sees every problem at once. `MemoryBackend` and the reference server both
 * check registrations here; only the server passes a blocklist of common passwords.
 *
 * A customer number is never refused: a known one links the account, an unknown one is left for
 * the publisher to check by hand (as the registration wizard tells the user), and the answer does
 * not reveal which numbers exist.
 */
import { checkFields, firstPerField, valueAt, type FieldCheck } from './field-errors.js';
import { checkPassword } from './password-policy.js';
import { registrationRequestSchema, type FieldError, type RegistrationOptions, type RegistrationRequest } from './schemas.js';

export type RegistrationRules = Pick<RegistrationOptions, 'customerTypes' | 'passwordPolicy' | 'terms'>;

export function checkRegistration(
  input: unknown,
  options: RegistrationRules,
  { blocklist }: { blocklist?: ReadonlySet<string> } = {},
): FieldCheck<RegistrationRequest> {
  // Whatever is wrong with the accepted terms version, the user's fix is the same: accept the current terms.
  const shape = checkFields(registrationRequestSchema, input, { acceptedTermsVersion: 'terms-required' });
  const errors = firstPerField([...(shape.ok ? [] : shape.fieldErrors), ...ruleErrors(input, options, blocklist)]);
  return shape.ok && errors.length === 0 ? shape : { ok: false, fieldErrors: errors };
}

// Read from the raw input, so that the rules speak even where the shape is broken elsewhere.
function ruleErrors(input: unknown, options: RegistrationRules, blocklist: ReadonlySet<string> | undefined): FieldError[] {
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
    errors.push(...checkPassword(password, { policy: options.passwordPolicy, email: text('email') ?? '', blocklist }));
  }

  if (text('acceptedTermsVersion') !== options.terms.version) {
    errors.push({ field: 'acceptedTermsVersion', code: 'terms-required' });
  }
  return errors;
}
