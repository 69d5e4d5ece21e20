/** Everything a handler may use, built once by `createApp` and passed down (no module state). */
import type { RegistrationOptions, RegistrationOptionsWire } from '../src/core/schemas.js';
import type { Catalogue } from './catalogue.js';
import type { Clock } from './clock.js';
import type { ServerConfig } from './config.js';
import type { Db } from './db/index.js';
import type { IdempotencyStore } from './idempotency.js';
import type { Logger } from './log.js';
import type { DevMailbox } from './mail/dev-mailbox.js';
import type { Mailer } from './mail/index.js';
import type { PasswordHasher } from './passwords.js';
import type { RateLimiter } from './rate-limit.js';
import type { Redeemer } from './redeem.js';
import type { SessionStore } from './sessions.js';
import type { TokenStore } from './tokens.js';
import type { UserRepo } from './users.js';

/** Test seams: awaited at fixed points so a test can hold a request in flight without sleeping. */
export interface ServerHooks {
  /** After the idempotency record is taken and before the key is looked up. */
  beforeRedeem?: () => Promise<void>;
}

/** Registration options valid both as sent (real URLs) and as read (defaults filled in, for the rules). */
export type ServedRegistrationOptions = RegistrationOptionsWire & RegistrationOptions;

export interface Services {
  config: ServerConfig;
  db: Db;
  clock: Clock;
  log: Logger;
  hasher: PasswordHasher;
  blocklist: ReadonlySet<string>;
  registrationOptions: ServedRegistrationOptions;
  users: UserRepo;
  catalogue: Catalogue;
  sessions: SessionStore;
  tokens: TokenStore;
  limiter: RateLimiter;
  idempotency: IdempotencyStore;
  redeemer: Redeemer;
  mailer: Mailer;
  /** Only in development mode without SMTP. */
  mailbox: DevMailbox | undefined;
  hooks: ServerHooks;
  bodyLimit: number;
}
