/**
 * Server-side sessions. The cookie holds an opaque random token (256 bits); the database holds only
 * its SHA-256, so a copy of the database does not let anyone sign in. A session ends after 1 h
 * without a request (idle) or 24 h after sign-in (absolute), whichever comes first.
 */
import type { Clock } from './clock.js';
import { HOUR } from './clock.js';
import type { Db } from './db/index.js';
import { newToken, sha256 } from './secrets.js';

export interface SessionTimeouts {
  idleMs: number;
  absoluteMs: number;
}

export const DEFAULT_SESSION_TIMEOUTS: SessionTimeouts = { idleMs: 1 * HOUR, absoluteMs: 24 * HOUR };

export interface SessionStore {
  /** Starts a session and returns the token for the cookie. */
  create(userId: string): string;
  /** The user id of a live session (and marks it used), or `null`. */
  resolve(token: string | undefined): string | null;
  destroy(token: string | undefined): void;
  destroyAllFor(userId: string): void;
  /** Deletes expired sessions. */
  prune(): number;
  readonly timeouts: SessionTimeouts;
}

export function createSessionStore(db: Db, clock: Clock, timeouts: SessionTimeouts = DEFAULT_SESSION_TIMEOUTS): SessionStore {
  const insert = db.prepare('INSERT INTO sessions (token_hash, user_id, created_at, last_seen_at) VALUES (?, ?, ?, ?)');
  const select = db.prepare<[string], { user_id: string; created_at: number; last_seen_at: number }>(
    'SELECT user_id, created_at, last_seen_at FROM sessions WHERE token_hash = ?',
  );
  const touch = db.prepare('UPDATE sessions SET last_seen_at = ? WHERE token_hash = ?');
  const remove = db.prepare('DELETE FROM sessions WHERE token_hash = ?');
  const removeUser = db.prepare('DELETE FROM sessions WHERE user_id = ?');
  const removeExpired = db.prepare('DELETE FROM sessions WHERE last_seen_at <= ? OR created_at <= ?');

  return {
    timeouts,
    create(userId) {
      const token = newToken();
      const now = clock.now();
      insert.run(sha256(token), userId, now, now);
      return token;
    },
    resolve(token) {
      if (!token || token.length > 128) return null;
      const hash = sha256(token);
      const row = select.get(hash);
      if (!row) return null;
      const now = clock.now();
      if (now - row.last_seen_at >= timeouts.idleMs || now - row.created_at >= timeouts.absoluteMs) {
        remove.run(hash);
        return null;
      }
      // Writing on every request costs a little; a minute's resolution is plenty for a 1 h idle limit.
      if (now - row.last_seen_at >= 60_000) touch.run(now, hash);
      return row.user_id;
    },
    destroy(token) {
      if (token && token.length <= 128) remove.run(sha256(token));
    },
    destroyAllFor(userId) {
      removeUser.run(userId);
    },
    prune() {
      const now = clock.now();
      return removeExpired.run(now - timeouts.idleMs, now - timeouts.absoluteMs).changes;
    },
  };
}
