import type { FieldError } from '../../core/schemas.js';
import { checkPassword } from '../../core/password-policy.js';
import type { PasswordPolicy } from '../../core/schemas.js';
import type { SignInMessageId } from './sign-in.messages.js';

export type PasswordProblemMessage = { readonly id: SignInMessageId; readonly params?: Readonly<Record<string, number>> };

/**
 * What the new-password form checks before it sends anything: not empty, and, once the policy is
 * known (the registration options), its length and that it does not contain the address. Whether
 * it is too common only the backend knows (the browser ships no list).
 */
export function checkNewPassword(password: string, policy: PasswordPolicy | undefined, email: string): string | undefined {
  if (password === '') return 'required';
  if (!policy) return undefined;
  return checkPassword(password, { policy, email })[0]?.code;
}

/** A password problem's code (from `checkNewPassword` or the backend) in words. */
export function passwordProblemMessage(code: FieldError['code'], policy: PasswordPolicy | undefined): PasswordProblemMessage {
  switch (code) {
    case 'required':
      return { id: 'newPassword.empty' };
    case 'password-too-short':
      return policy ? { id: 'newPassword.tooShort', params: { min: policy.minLength } } : { id: 'newPassword.tooShort.unknownMinimum' };
    case 'too-long':
      return policy ? { id: 'newPassword.tooLong', params: { max: policy.maxLength } } : { id: 'newPassword.refused' };
    case 'password-too-common':
      return { id: 'newPassword.tooCommon' };
    case 'password-contains-email':
      return { id: 'newPassword.containsEmail' };
    default:
      return { id: 'newPassword.refused' };
  }
}
