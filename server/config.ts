/**
 * Server configuration from the environment. With no variables set it runs in development mode on
 * :8080 with `.data/keyshelf.db`, seeds the demo catalogue and keeps mail in the dev mailbox.
 */
import { fileURLToPath } from 'node:url';

export type Mode = 'development' | 'production';

export interface ServerConfig {
  port: number;
  host: string;
  /** SQLite file path, or `:memory:`. */
  database: string;
  /**
   * Origins allowed to call the API with credentials, besides the server's own origin. An entry
   * may end in `:*` to allow any port (`http://localhost:*`), for dev servers on changing ports.
   */
  allowedOrigins: string[];
  /** Where the demo page lives: links in e-mails point here. */
  publicUrl: string;
  /** `smtp://user:pass@host:587` or `smtps://…`; without it mail goes to the dev mailbox. */
  smtpUrl: string | undefined;
  mailFrom: string;
  mode: Mode;
  /** Seed the demo catalogue, accounts and keys (on by default in development only). */
  seedDemo: boolean;
  /** Trust `X-Forwarded-For` / `X-Forwarded-Proto` from a reverse proxy in front of this server. */
  trustProxy: boolean;
  /** Link templates; `{token}` is replaced by the URL-encoded token. */
  confirmUrl: string;
  resetUrl: string;
  /**
   * The query parameter by which a confirmation link carries the key the user is waiting to redeem
   * (the `pendingKey` of the registration): `<ks-redeem-key>` reads `key` unless its `key-param`
   * says otherwise. Empty: links never carry a key.
   */
  confirmKeyParam: string;
}

/** `<repo>/.data/keyshelf.db`, wherever the process was started from. */
export const DEFAULT_DATABASE = fileURLToPath(new URL('../.data/keyshelf.db', import.meta.url));
export const DEFAULT_PORT = 8080;
export const DEV_ALLOWED_ORIGINS = ['http://localhost:*', 'http://127.0.0.1:*'];

type Env = Readonly<Record<string, string | undefined>>;

function flag(value: string | undefined, fallback: boolean): boolean {
  if (value === undefined || value.trim() === '') return fallback;
  return /^(1|true|yes|on)$/i.test(value.trim());
}

function list(value: string | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  return value.split(',').map((entry) => entry.trim().replace(/\/+$/, '')).filter(Boolean);
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

export function loadConfig(env: Env = process.env): ServerConfig {
  const mode: Mode = env.NODE_ENV === 'production' ? 'production' : 'development';
  const port = env.PORT === undefined || env.PORT === '' ? DEFAULT_PORT : Number(env.PORT);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new ConfigError(`PORT must be 0–65535, got "${env.PORT}"`);
  const publicUrl = (env.PUBLIC_URL?.trim() || `http://localhost:${port}`).replace(/\/+$/, '');
  try {
    new URL(publicUrl);
  } catch {
    throw new ConfigError(`PUBLIC_URL is not a URL: "${publicUrl}"`);
  }
  const allowedOrigins = list(env.ALLOWED_ORIGINS) ?? (mode === 'development' ? DEV_ALLOWED_ORIGINS : []);
  for (const origin of allowedOrigins) {
    if (!/^https?:\/\/[^/?#\s]+$/.test(origin)) throw new ConfigError(`ALLOWED_ORIGINS entry is not an origin: "${origin}"`);
  }
  return {
    port,
    host: env.HOST?.trim() || '127.0.0.1',
    database: env.DATABASE?.trim() || DEFAULT_DATABASE,
    allowedOrigins,
    publicUrl,
    smtpUrl: env.SMTP_URL?.trim() || undefined,
    mailFrom: env.MAIL_FROM?.trim() || 'keyshelf <no-reply@keyshelf.example>',
    mode,
    seedDemo: flag(env.SEED_DEMO, mode === 'development'),
    trustProxy: flag(env.TRUST_PROXY, false),
    confirmUrl: env.CONFIRM_URL?.trim() || `${publicUrl}/?ks-confirm={token}`,
    resetUrl: env.RESET_URL?.trim() || `${publicUrl}/?ks-reset={token}`,
    confirmKeyParam: env.CONFIRM_KEY_PARAM === undefined ? 'key' : env.CONFIRM_KEY_PARAM.trim(),
  };
}

export function linkWithToken(template: string, token: string): string {
  return template.replace('{token}', encodeURIComponent(token));
}

/**
 * `link` with one more query parameter, `name=value` (both URL-encoded), after the ones it has and
 * before its fragment; `link` itself when `name` is empty.
 */
export function linkWithParam(link: string, name: string, value: string): string {
  if (name === '') return link;
  const hashAt = link.indexOf('#');
  const [base, hash] = hashAt < 0 ? [link, ''] : [link.slice(0, hashAt), link.slice(hashAt)];
  const separator = !base.includes('?') ? '?' : base.endsWith('?') || base.endsWith('&') ? '' : '&';
  return `${base}${separator}${encodeURIComponent(name)}=${encodeURIComponent(value)}${hash}`;
}
