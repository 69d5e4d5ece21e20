/**
 * Password hashing (scrypt from node:crypto) and the blocklist of common passwords. The policy
 * itself is shared with the browser: `checkPassword` in `src/core/password-policy.ts`, to which
 * this server passes the blocklist.
 */
import { randomBytes, scrypt as scryptCallback, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { readFileSync } from 'node:fs';

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
  /**
   * Settles once the hasher is ready to answer in constant time (its dummy hash is built); rejects
   * when the parameters are unusable. Optional for replacement hashers; `createApp` awaits it.
   */
  ready?(): Promise<void>;
}

/**
 * Stored as `scrypt$N$r$p$salt$hash`, so the cost can be raised without invalidating old hashes.
 *
 * The dummy hash that unknown accounts are checked against is built here, at once (one scrypt run
 * at start), not at the first unknown address: built lazily, that first sign-in would cost a hash
 * and a verification, twice a wrong password's time, and tell that the address is unknown.
 */
export function createPasswordHasher(params: ScryptParams = DEFAULT_SCRYPT): Required<PasswordHasher> {
  const hasher: Required<PasswordHasher> = {
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
      await hasher.verify(password, await dummy);
      return false;
    },
    async ready() {
      await dummy;
    },
  };
  const dummy = hasher.hash(randomBytes(16).toString('hex'));
  // Not unhandled while nobody waits for it: `ready()` and `verifyDummy()` still see the rejection.
  dummy.catch(() => {});
  return hasher;
}

/** A hash no password matches: for accounts that cannot sign in (placeholders in the seed). */
export const UNUSABLE_PASSWORD_HASH = '!';

export const COMMON_PASSWORDS_FILE = new URL('./data/common-passwords.txt', import.meta.url);

export function loadBlocklist(file: URL | string = COMMON_PASSWORDS_FILE): ReadonlySet<string> {
  const lines = readFileSync(file, 'utf8').split(/\r?\n/);
  return new Set(lines.filter((line) => line !== '' && !line.startsWith('#')).map((line) => line.toLowerCase()));
}
