/** The validation vocabulary shared by MemoryBackend and the reference server: field errors, password policy, registration rules. */
import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import { checkFields, fieldErrorCodes, fieldErrorsFromIssues, firstPerField, isFieldErrorCode, valueAt } from '../../src/core/field-errors.js';
import { checkPassword, codePointLength } from '../../src/core/password-policy.js';
import { checkRegistration } from '../../src/core/registration-rules.js';
import { LIMITS, credentialsSchema, fieldErrorSchema, registrationRequestSchema } from '../../src/core/schemas.js';
import { checkConfirmation, checkPasswordResetCompletion } from '../../src/core/token-rules.js';
import { demoRegistrationOptions } from '../../src/adapters/memory/index.js';
import { registration } from '../adapters/memory/helpers.js';

const policy = { minLength: 12, maxLength: 128 };
const email = 'anna.schmidt@example.de';
const codes = (password: string, options: { blocklist?: ReadonlySet<string>; email?: string } = {}) =>
  checkPassword(password, { policy, email: options.email ?? email, blocklist: options.blocklist }).map((error) => error.code);

const validRegistration = registration();

describe('field errors', () => {
  it('lists each code once, all of them short enough for the wire', () => {
    expect(new Set(fieldErrorCodes).size).to.equal(fieldErrorCodes.length);
    for (const code of fieldErrorCodes) expect(fieldErrorSchema.safeParse({ field: 'x', code }).success, code).to.equal(true);
    expect(isFieldErrorCode('token-expired')).to.equal(true);
    expect(isFieldErrorCode('a-code-from-a-newer-server')).to.equal(false);
  });

  it('accepts a code it does not know on the wire: a newer backend may send one', () => {
    expect(fieldErrorSchema.safeParse({ field: 'email', code: 'not-yet-invented' }).success).to.equal(true);
  });

  it('maps zod issues to codes, reading "missing" from the input itself', () => {
    const input = { email: 'x', password: '', extra: 1 };
    const result = checkFields(credentialsSchema, input);
    expect(result).to.deep.equal({
      ok: false,
      fieldErrors: [
        { field: 'email', code: 'invalid-email' },
        { field: 'password', code: 'required' },
        { field: 'extra', code: 'unknown-field' },
      ],
    });
    expect(checkFields(credentialsSchema, {})).to.deep.equal({
      ok: false,
      fieldErrors: [{ field: 'email', code: 'required' }, { field: 'password', code: 'required' }],
    });
  });

  it('gives one code to every problem of a field whose fix is always the same', () => {
    expect(checkFields(credentialsSchema, { email: 'x', password: 'p' }, { email: 'invalid' })).to.deep.equal({
      ok: false,
      fieldErrors: [{ field: 'email', code: 'invalid' }],
    });
  });

  it('caps the field path, so a client never refuses the problem over an absurd unknown key', () => {
    const key = 'k'.repeat(500);
    const result = checkFields(credentialsSchema, { email: 'a@b.de', password: 'p', [key]: 1 });
    expect(result.ok ? [] : result.fieldErrors.map((error) => error.field.length)).to.deep.equal([LIMITS.fieldPath]);
  });

  it('keeps the first error per field and reads only own properties', () => {
    expect(firstPerField([{ field: 'a', code: 'required' }, { field: 'a', code: 'too-long' }, { field: 'b', code: 'invalid' }])).to.deep.equal([
      { field: 'a', code: 'required' },
      { field: 'b', code: 'invalid' },
    ]);
    expect(valueAt({ a: { b: 1 } }, ['a', 'b'])).to.equal(1);
    expect(valueAt({}, ['toString'])).to.equal(undefined);
    expect(valueAt({ a: null }, ['a', 'b'])).to.equal(undefined);
  });

  it('never throws and answers every issue with a known code (property)', () => {
    fc.assert(
      fc.property(fc.anything(), (input) => {
        const result = registrationRequestSchema.safeParse(input);
        const errors = result.success ? [] : fieldErrorsFromIssues(result.error.issues, input);
        return errors.every((error) => isFieldErrorCode(error.code) && error.field.length <= LIMITS.fieldPath);
      }),
    );
  });
});

describe('checkPassword', () => {
  it('counts code points, not UTF-16 units', () => {
    expect(codePointLength('🔑'.repeat(11))).to.equal(11);
    expect(codes('🔑'.repeat(11))).to.deep.equal(['password-too-short']);
    expect(codes('ä'.repeat(12))).to.deep.equal([]);
    expect(codes('x'.repeat(11))).to.deep.equal(['password-too-short']);
    expect(codes('x'.repeat(128))).to.deep.equal([]);
    expect(codes('x'.repeat(129))).to.deep.equal(['too-long']);
  });

  it('neither trims nor needs composition', () => {
    expect(codes('  elf Zeichen')).to.deep.equal([]);
    expect(codes('nur kleine buchstaben')).to.deep.equal([]);
  });

  it('refuses a blocklisted password only when given a blocklist, case-insensitively', () => {
    const blocklist = new Set(['passwort1234']);
    expect(codes('PassWort1234', { blocklist })).to.deep.equal(['password-too-common']);
    expect(codes('PassWort1234')).to.deep.equal([]);
  });

  it('refuses the e-mail address and its local part from 3 characters', () => {
    expect(codes('ANNA.SCHMIDT@EXAMPLE.DE')).to.deep.equal(['password-contains-email']);
    expect(codes('mein Hund heißt anna.schmidt')).to.deep.equal(['password-contains-email']);
    expect(codes('al ist ein guter Name', { email: 'al@example.de' })).to.deep.equal([]);
  });

  it('names the field it is given and reports at most one error (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200, unit: 'grapheme' }), fc.emailAddress(), (password, address) => {
        const errors = checkPassword(password, { policy, email: address, field: 'newPassword' });
        return errors.length <= 1 && errors.every((error) => error.field === 'newPassword');
      }),
    );
  });
});

describe('checkRegistration', () => {
  it('accepts a valid request and returns the parsed value', () => {
    expect(checkRegistration(validRegistration, demoRegistrationOptions)).to.deep.equal({ ok: true, value: validRegistration });
  });

  it('reports shape errors and rule errors together, one per field', () => {
    const input = { ...validRegistration, email: 'kaputt', customerType: 'teacher', password: 'kurz', acceptedTermsVersion: '' };
    const result = checkRegistration(input, demoRegistrationOptions);
    expect(result.ok ? [] : result.fieldErrors).to.deep.equal([
      { field: 'email', code: 'invalid-email' },
      { field: 'acceptedTermsVersion', code: 'terms-required' },
      { field: 'address.institution', code: 'institution-required' },
      { field: 'password', code: 'password-too-short' },
    ]);
  });

  it('uses the blocklist it is given, and never refuses a customer number', () => {
    const input = { ...validRegistration, password: 'passwort1234', customerNumber: '999999' };
    expect(checkRegistration(input, demoRegistrationOptions).ok).to.equal(true);
    const result = checkRegistration(input, demoRegistrationOptions, { blocklist: new Set(['passwort1234']) });
    expect(result.ok ? [] : result.fieldErrors).to.deep.equal([{ field: 'password', code: 'password-too-common' }]);
  });
});

describe('token bodies', () => {
  it('reports any malformed token as token-invalid', () => {
    for (const token of ['', 'kurz', 'x'.repeat(LIMITS.token + 1), 42]) {
      const result = checkConfirmation({ token });
      expect(result.ok ? [] : result.fieldErrors, String(token)).to.deep.equal([{ field: 'token', code: 'token-invalid' }]);
    }
    expect(checkConfirmation({})).to.deep.equal({ ok: false, fieldErrors: [{ field: 'token', code: 'token-invalid' }] });
  });

  it('checks the shape of a reset completion, the password beside the token', () => {
    expect(checkPasswordResetCompletion({ token: 'kurz', password: 'x'.repeat(129) })).to.deep.equal({
      ok: false,
      fieldErrors: [
        { field: 'token', code: 'token-invalid' },
        { field: 'password', code: 'too-long' },
      ],
    });
    const valid = { token: 't'.repeat(32), password: '  ein Kennwort  ' };
    expect(checkPasswordResetCompletion(valid)).to.deep.equal({ ok: true, value: valid });
  });
});
