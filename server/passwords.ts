/**
 * Password hashing (scrypt from node:crypto) and the password policy.
 *
 * Policy (NIST SP 800-63B): a minimum length from the registration options (12), at least 64
 * accepted, over the maximum (128) rejected by the request schema; no composition rules; no trimming
 * or truncation; not on the blocklist of common passwords; not the user's own e-mail address.
 * Lengths are counted in Unicode code points, so "ä" or an emoji counts as one character.
 */
import { randomBytes, scrypt as scryptCallback, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { FieldError, PasswordPolicy } from '../src/core/schemas.js';

export interface ScryptParams {
  /** CPU/memory cost, a power of two. */
  N: number;
  r: number;
  p: number;
}

/** OWASP's scrypt equivalent of N=2^17, r=8, p=1 at a quarter of the memory (32 MiB). */
export const DEFAULT_SCRYPT: ScryptParams = { N: 2 ** 15, r: 8, p: 3 };
const KEY_LENGTH = 32;

function scrypt(password: string, salt: Buffer, params: ScryptParams): Promise<Buffer> {
  const options: ScryptOptions = { N: params.N, r: params.r, p: params.p, maxmem: 128 * params.N * params.r * 2 + 1024 * 1024 };
  return new Promise((resolve, reject) => {
    scryptCallback(password.normalize('NFC'), salt, KEY_LENGTH, options, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

export interface PasswordHasher {
  hash(password: string): Promise<string>;
  /** Constant-time comparison; a malformed stored hash verifies as false. */
  verify(password: string, stored: string): Promise<boolean>;
  /** Burns the time of one verification, for unknown accounts, so that timing does not tell. */
  verifyDummy(password: string): Promise<false>;
}

/** Stored as `scrypt$N$r$p$salt$hash`, so the cost can be raised without invalidating old hashes. */
export function createPasswordHasher(params: ScryptParams = DEFAULT_SCRYPT): PasswordHasher {
  let dummy: Promise<string> | undefined;
  const hasher: PasswordHasher = {
    async hash(password) {
      const salt = randomBytes(16);
      const key = await scrypt(password, salt, params);
      return ['scrypt', params.N, params.r, params.p, salt.toString('base64url'), key.toString('base64url')].join('$');
    },
    async verify(password, stored) {
      const parts = stored.split('$');
      const [N, r, p] = parts.slice(1, 4).map(Number) as [number, number, number];
      if (parts.length !== 6 || parts[0] !== 'scrypt' || ![N, r, p].every((n) => Number.isInteger(n) && n > 0) || N > 2 ** 20) {
        // An unusable or malformed hash: take as long as a real check, then fail.
        return hasher.verifyDummy(password);
      }
      const salt = Buffer.from(parts[4]!, 'base64url');
      const expected = Buffer.from(parts[5]!, 'base64url');
      const actual = await scrypt(password, salt, { N, r, p });
      return actual.length === expected.length && timingSafeEqual(actual, expected);
    },
    async verifyDummy(password) {
      dummy ??= hasher.hash(randomBytes(16).toString('hex'));
      await hasher.verify(password, await dummy);
      return false;
    },
  };
  return hasher;
}

/** A hash no password matches: for accounts that cannot sign in (placeholders in the seed). */
export const UNUSABLE_PASSWORD_HASH = '!';

export const COMMON_PASSWORDS_FILE = new URL('./data/common-passwords.txt', import.meta.url);

export function loadBlocklist(file: URL | string = COMMON_PASSWORDS_FILE): ReadonlySet<string> {
  const lines = readFileSync(file, 'utf8').split(/\r?\n/);
  return new Set(lines.filter((line) => line !== '' && !line.startsWith('#')).map((line) => line.toLowerCase()));
}

/** A password must not contain the e-mail's local part once it is at least this long. */
const MIN_LOCAL_PART_CHECKED = 3;

export function codePointLength(value: string): number {
  let count = 0;
  for (const _ of value) count += 1;
  return count;
}

/**
 * What is wrong with a new password, as field errors for `field` (empty when it is acceptable).
 * The request schema has already capped the length at `LIMITS.password`.
 */
export function checkPassword(
  password: string,
  context: { policy: PasswordPolicy; email: string; blocklist: ReadonlySet<string>; field?: string },
): FieldError[] {
  const field = context.field ?? 'password';
  const length = codePointLength(password);
  if (length < context.policy.minLength) return [{ field, code: 'password-too-short' }];
  if (length > context.policy.maxLength) return [{ field, code: 'too-long' }];
  const lower = password.toLowerCase();
  if (context.blocklist.has(lower)) return [{ field, code: 'password-too-common' }];
  // The address, or its local part (from 3 characters) anywhere in it: the same rule as MemoryBackend.
  const local = context.email.trim().toLowerCase().split('@')[0] ?? '';
  if (local.length >= MIN_LOCAL_PART_CHECKED && lower.includes(local)) return [{ field, code: 'password-contains-email' }];
  return [];
}
