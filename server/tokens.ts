/**
 * Single-use tokens sent by e-mail: confirming an address (valid 48 h) and resetting a password
 * (valid 1 h). 256 random bits, stored as SHA-256; consumed with a conditional UPDATE so that two
 * clicks on the same link cannot both succeed.
 */
import type { Clock } from './clock.js';
import { HOUR } from './clock.js';
import type { Db } from './db/index.js';
import { newToken, sha256 } from './secrets.js';

export type TokenKind = 'confirm-email' | 'reset-password';

export const TOKEN_LIFETIME: Record<TokenKind, number> = {
  'confirm-email': 48 * HOUR,
  'reset-password': 1 * HOUR,
};

export type ConsumeResult = { ok: true; userId: string } | { ok: false; reason: 'invalid' | 'expired' };

export interface TokenStore {
  issue(kind: TokenKind, userId: string): string;
  /** Marks the token used and returns its user; a token works once. */
  consume(kind: TokenKind, token: string): ConsumeResult;
  /** Whether the token would be accepted now, without using it up. */
  peek(kind: TokenKind, token: string): ConsumeResult;
  /** Uses up every token of that kind the user still has (a later click says `invalid`). */
  revokeAll(kind: TokenKind, userId: string): void;
  prune(): number;
}

export function createTokenStore(db: Db, clock: Clock): TokenStore {
  const insert = db.prepare('INSERT INTO tokens (token_hash, kind, user_id, created_at, expires_at) VALUES (?, ?, ?, ?, ?)');
  const select = db.prepare<[string, string], { user_id: string; expires_at: number; used_at: number | null }>(
    'SELECT user_id, expires_at, used_at FROM tokens WHERE token_hash = ? AND kind = ?',
  );
  const use = db.prepare('UPDATE tokens SET used_at = ? WHERE token_hash = ? AND used_at IS NULL');
  const useAll = db.prepare('UPDATE tokens SET used_at = ? WHERE kind = ? AND user_id = ? AND used_at IS NULL');
  const removeOld = db.prepare('DELETE FROM tokens WHERE expires_at <= ?');

  return {
    issue(kind, userId) {
      const token = newToken();
      const now = clock.now();
      insert.run(sha256(token), kind, userId, now, now + TOKEN_LIFETIME[kind]);
      return token;
    },
    peek(kind, token) {
      const row = select.get(sha256(token), kind);
      if (!row || row.used_at !== null) return { ok: false, reason: 'invalid' };
      if (clock.now() >= row.expires_at) return { ok: false, reason: 'expired' };
      return { ok: true, userId: row.user_id };
    },
    consume(kind, token) {
      const result = this.peek(kind, token);
      if (!result.ok) return result;
      if (use.run(clock.now(), sha256(token)).changes !== 1) return { ok: false, reason: 'invalid' };
      return result;
    },
    revokeAll(kind, userId) {
      useAll.run(clock.now(), kind, userId);
    },
    prune() {
      // Keep used and expired tokens a week, so that a late click says "expired" rather than "invalid".
      return removeOld.run(clock.now() - 7 * 24 * HOUR).changes;
    },
  };
}
