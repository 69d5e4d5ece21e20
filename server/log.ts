/**
 * Audit log: one line per auth and redeem event. It carries the event, a keyed hash of the user id
 * and the outcome; never a password, a token, an e-mail address or a full key.
 */
import { createHmac, randomBytes } from 'node:crypto';

export interface AuditEvent {
  event:
    | 'sign-in'
    | 'sign-out'
    | 'register'
    | 'resend-confirmation'
    | 'confirm-email'
    | 'password-reset-request'
    | 'password-reset-complete'
    | 'redeem';
  /** Stable code of what happened: `ok`, `activated`, or a problem code. */
  outcome: string;
  /** The user id as passed in; the logger hashes it. */
  userId?: string | undefined;
  /** A normalized key as passed in; the logger masks it. */
  key?: string | undefined;
}

export interface Logger {
  audit(event: AuditEvent): void;
  /** Operational messages (start, stop, unexpected errors); `detail` must hold no secrets. */
  info(message: string, detail?: Record<string, unknown>): void;
  error(message: string, detail?: Record<string, unknown>): void;
}

export type LogSink = (line: string) => void;

/** Keeps the first four characters, which tell a support person which batch a key is from. */
export function maskKey(key: string): string {
  const visible = key.slice(0, 4);
  return visible + '*'.repeat(Math.min(Math.max(key.length - 4, 0), 60));
}

export function createLogger(options: { sink?: LogSink; salt?: string; clock?: { now(): number } } = {}): Logger {
  const sink = options.sink ?? ((line: string) => process.stdout.write(line + '\n'));
  // Keyed, so that the hash of a guessable id (the demo ids) cannot be looked up from outside.
  const salt = options.salt ?? randomBytes(16).toString('hex');
  const now = () => new Date(options.clock?.now() ?? Date.now()).toISOString();
  const hashUser = (id: string) => createHmac('sha256', salt).update(id).digest('hex').slice(0, 16);
  const write = (record: Record<string, unknown>) => sink(JSON.stringify({ time: now(), ...record }));
  return {
    audit({ event, outcome, userId, key }) {
      write({
        level: 'audit',
        event,
        outcome,
        user: userId === undefined ? null : hashUser(userId),
        ...(key === undefined ? {} : { key: maskKey(key) }),
      });
    },
    info(message, detail) {
      write({ level: 'info', message, ...detail });
    },
    error(message, detail) {
      write({ level: 'error', message, ...detail });
    },
  };
}

export const silentLogger: Logger = { audit() {}, info() {}, error() {} };
