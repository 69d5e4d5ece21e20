/**
 * The password policy (NIST SP 800-63B): a length from the registration options, counted in code
 * points so that "ä" or an emoji is one character; no composition rules; no trimming or
 * truncation; not a common password; not the user's own e-mail address.
 */
import type { FieldError, PasswordPolicy } from './schemas.js';

export interface PasswordContext {
  policy: PasswordPolicy;
  /** The account's e-mail address, as typed. */
  email: string;
  /**
   * Common passwords, lower-case. The reference server passes its list of about 3,000; the browser
   * ships none (it would weigh more than all of keyshelf), so a server must check this itself.
   */
  blocklist?: ReadonlySet<string>;
  /** The field the errors name; default `password`. */
  field?: string;
}

/** The e-mail's local part counts as "contained" from this length on: `al` is in too many words. */
export const MIN_LOCAL_PART_CHECKED = 3;

export function codePointLength(value: string): number {
  let count = 0;
  for (const _ of value) count += 1;
  return count;
}

/** What is wrong with a new password: at most one field error, empty when it is acceptable. */
export function checkPassword(password: string, context: PasswordContext): FieldError[] {
  const field = context.field ?? 'password';
  const length = codePointLength(password);
  if (length < context.policy.minLength) return [{ field, code: 'password-too-short' }];
  if (length > context.policy.maxLength) return [{ field, code: 'too-long' }];
  const lower = password.toLowerCase();
  if (context.blocklist?.has(lower)) return [{ field, code: 'password-too-common' }];
  const local = context.email.trim().toLowerCase().split('@')[0] ?? '';
  if (local.length >= MIN_LOCAL_PART_CHECKED && lower.includes(local)) return [{ field, code: 'password-contains-email' }];
  return [];
}
