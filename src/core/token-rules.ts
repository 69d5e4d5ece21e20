/**
 * Request bodies that carry a token from an e-mail link (confirming the address, completing a
 * password reset). Whatever is wrong with the token's shape, it is reported as `token-invalid`,
 * like an unknown or used one: the user's only fix is a new link.
 */
import { checkFields, type FieldCheck } from './field-errors.js';
import {
  confirmationSchema,
  passwordResetCompletionSchema,
  type PasswordResetCompletion,
} from './schemas.js';

const TOKEN = { token: 'token-invalid' } as const;

export function checkConfirmation(input: unknown): FieldCheck<{ token: string }> {
  return checkFields(confirmationSchema, input, TOKEN);
}

/** The shape only: the password policy needs the account's e-mail, known once the token is. */
export function checkPasswordResetCompletion(input: unknown): FieldCheck<PasswordResetCompletion> {
  return checkFields(passwordResetCompletionSchema, input, TOKEN);
}
