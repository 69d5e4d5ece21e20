/**
 * The reference server: `createApp(options)` builds the Hono app and its services;
 * `startServer(options)` also listens (port 0 picks a free port, for tests) and returns its URL.
 */
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { serve, type ServerType } from '@hono/node-server';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono } from 'hono';
import { demoRegistrationOptions } from '../src/adapters/memory/demo-catalogue.js';
import { routes } from '../src/core/rest-contract.js';
import { registrationOptionsSchema, type RegistrationOptionsWire } from '../src/core/schemas.js';
import { createCatalogue } from './catalogue.js';
import type { Clock } from './clock.js';
import { MINUTE, systemClock } from './clock.js';
import { DEFAULT_PORT, loadConfig, type ServerConfig } from './config.js';
import { cors, createOriginPolicy, csrf } from './csrf-cors.js';
import { openDatabase, type Db } from './db/index.js';
import { seedDemo } from './db/seed.js';
import { DEFAULT_BODY_LIMIT } from './http/body.js';
import type { AppEnv } from './http/env.js';
import { requestInfo } from './http/request-info.js';
import { API_BASE, mountContract, mountMethodNotAllowed } from './http/route.js';
import { createIdempotencyStore } from './idempotency.js';
import { createLogger, type Logger } from './log.js';
import { createDevMailbox, type DevMailbox } from './mail/dev-mailbox.js';
import { createMailer, type MailTransport } from './mail/index.js';
import { createSmtpTransport } from './mail/smtp.js';
import { createOpenApiDocument } from './openapi.js';
import { createPasswordHasher, loadBlocklist, type PasswordHasher, type ScryptParams } from './passwords.js';
import { ApiProblem } from './problem.js';
import { DEFAULT_RATE_LIMITS, RateLimiter, type RateLimits } from './rate-limit.js';
import { createRedeemer } from './redeem.js';
import { mountDevRoutes } from './routes/dev.js';
import { passwordResetBodyChecks, passwordResetHandlers } from './routes/password-reset.js';
import { redemptionHandlers } from './routes/redemptions.js';
import { registrationBodyChecks, registrationHandlers } from './routes/registration.js';
import { sessionHandlers } from './routes/session.js';
import type { ServedRegistrationOptions, ServerHooks, Services } from './services.js';
import { DEFAULT_SESSION_TIMEOUTS, createSessionStore, type SessionTimeouts } from './sessions.js';
import { createTokenStore } from './tokens.js';
import { createUserRepo } from './users.js';

export interface AppOptions extends Partial<ServerConfig> {
  clock?: Clock;
  /** Defaults to JSON lines on stdout; pass `silentLogger` (or a collecting one) in tests. */
  log?: Logger;
  limits?: Partial<RateLimits>;
  /** Lower the scrypt cost in tests; stored hashes carry their own parameters. */
  scrypt?: ScryptParams;
  /** Replaces the scrypt hasher (tests count its calls). */
  hasher?: PasswordHasher;
  sessionTimeouts?: Partial<SessionTimeouts>;
  hooks?: ServerHooks;
  /** Replaces SMTP / the dev mailbox. */
  mailTransport?: MailTransport;
  /** As sent (the wire form); checked at start. Default: the demo options. */
  registrationOptions?: RegistrationOptionsWire;
  /** Largest accepted request body in bytes (16 KiB). */
  bodyLimit?: number;
  /**
   * Directories served at `/` after the API (the demo page and its build): the first that has the
   * file wins, e.g. `['demo', '.demo-build']`.
   */
  staticDir?: string | readonly string[];
  /** More directories, by URL prefix: `{ '/dist': 'dist' }`. */
  staticRoots?: Readonly<Record<string, string>>;
}

export interface App {
  app: Hono<AppEnv>;
  services: Services;
  /** Stops timers and closes the database and the mail transport. */
  close(): void;
}

/**
 * The options checked once at start, as a client will read them (defaults filled in). A client
 * drops unsafe URLs, so a server must not send any: the terms and privacy URLs must be kept.
 */
function serveOptions(options: RegistrationOptionsWire): ServedRegistrationOptions {
  const parsed = registrationOptionsSchema.safeParse(options);
  if (!parsed.success) throw new Error('Registration options break the schema.', { cause: parsed.error });
  const { terms, privacyUrl } = parsed.data;
  if (terms.url === undefined || privacyUrl === undefined) {
    throw new Error('Registration options need an https: or same-origin terms URL and privacy URL.');
  }
  return { ...parsed.data, terms: { ...terms, url: terms.url }, privacyUrl };
}

const PACKAGE_VERSION = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;

function resolveConfig(options: AppOptions): ServerConfig {
  const base = loadConfig({
    PORT: options.port === undefined ? undefined : String(options.port),
    PUBLIC_URL: options.publicUrl,
    NODE_ENV: options.mode,
  });
  const explicit = Object.fromEntries(
    Object.entries(options).filter(([key, value]) => value !== undefined && key in base),
  ) as Partial<ServerConfig>;
  return { ...base, ...explicit };
}

export async function createApp(options: AppOptions = {}): Promise<App> {
  const config = resolveConfig(options);
  const clock = options.clock ?? systemClock;
  const log = options.log ?? createLogger({ clock });
  if (!options.mailTransport && !config.smtpUrl && config.mode !== 'development') {
    throw new Error('Production mode needs SMTP_URL: there is no dev mailbox in production.');
  }
  const db: Db = openDatabase(config.database);
  const hasher = options.hasher ?? createPasswordHasher(options.scrypt);
  const registrationOptions = serveOptions(options.registrationOptions ?? demoRegistrationOptions);
  if (config.seedDemo) await seedDemo(db, hasher, clock.now());
  // The dummy hash for unknown addresses exists before the first request (see passwords.ts).
  await hasher.ready?.();

  let mailbox: DevMailbox | undefined;
  let transport = options.mailTransport;
  if (!transport) {
    if (config.smtpUrl) transport = createSmtpTransport(config.smtpUrl, config.mailFrom);
    else transport = mailbox = createDevMailbox(db, clock);
  }

  const users = createUserRepo(db);
  const catalogue = createCatalogue(db);
  const services: Services = {
    config,
    db,
    clock,
    log,
    hasher,
    blocklist: loadBlocklist(),
    registrationOptions,
    users,
    catalogue,
    sessions: createSessionStore(db, clock, { ...DEFAULT_SESSION_TIMEOUTS, ...options.sessionTimeouts }),
    tokens: createTokenStore(db, clock),
    limiter: new RateLimiter({ ...DEFAULT_RATE_LIMITS, ...options.limits }, clock),
    idempotency: createIdempotencyStore(db, clock),
    redeemer: createRedeemer(db, catalogue, clock, registrationOptions.keyFormat),
    mailer: createMailer(transport, log),
    mailbox,
    hooks: options.hooks ?? {},
    bodyLimit: options.bodyLimit ?? DEFAULT_BODY_LIMIT,
  };

  const app = new Hono<AppEnv>();
  const policy = createOriginPolicy(config.allowedOrigins, config.publicUrl);

  app.use('*', async (c, next) => {
    await next();
    c.res.headers.set('Cache-Control', 'no-store');
    c.res.headers.set('X-Content-Type-Options', 'nosniff');
    // Confirmation and reset links carry their token in the query: never pass it on in a Referer.
    c.res.headers.set('Referrer-Policy', 'no-referrer');
  });
  app.use('*', requestInfo({ trustProxy: config.trustProxy, publicUrl: config.publicUrl }));
  app.use(`${API_BASE}/*`, cors(policy));
  app.use('/openapi.json', cors(policy));
  app.use(`${API_BASE}/*`, async (c, next) => {
    await next();
    c.res.headers.set('Content-Security-Policy', "default-src 'none'; frame-ancestors 'none'");
  });
  app.use(`${API_BASE}/*`, csrf(policy));

  const session = sessionHandlers(services);
  const registration = registrationHandlers(services);
  const reset = passwordResetHandlers(services);
  const redemption = redemptionHandlers(services);
  mountContract(
    app,
    services,
    { ...session, ...registration, ...reset, ...redemption },
    { bodyChecks: { ...registrationBodyChecks(services), ...passwordResetBodyChecks } },
  );
  mountMethodNotAllowed(app, routes);

  const openApi = JSON.stringify(createOpenApiDocument(PACKAGE_VERSION));
  app.get('/openapi.json', (c) => c.body(openApi, 200, { 'Content-Type': 'application/json' }));
  if (mailbox) mountDevRoutes(app, mailbox);

  for (const [prefix, dir] of Object.entries(options.staticRoots ?? {})) {
    const clean = prefix.replace(/^\/+|\/+$/g, '');
    if (clean === '') app.use('/*', serveStatic({ root: resolve(dir) }));
    else app.use(`/${clean}/*`, serveStatic({ root: resolve(dir), rewriteRequestPath: (path) => path.slice(clean.length + 1) || '/' }));
  }
  const staticDirs = typeof options.staticDir === 'string' ? [options.staticDir] : (options.staticDir ?? []);
  for (const dir of staticDirs) app.use('/*', serveStatic({ root: resolve(dir) }));

  app.notFound(() => ApiProblem.http(404, 'Not found').toResponse());
  app.onError((error) => {
    if (error instanceof ApiProblem) return error.toResponse();
    // Hono's own HTTP errors (e.g. a malformed request it refused) keep their status, lose their text.
    const status = (error as { status?: unknown }).status;
    if (typeof status === 'number' && status >= 400 && status < 500) return ApiProblem.http(status, 'Bad request').toResponse();
    log.error('unhandled error', { error: error.name, message: config.mode === 'development' ? error.message : undefined });
    return ApiProblem.of('server').toResponse();
  });

  const maintenance = setInterval(() => {
    services.sessions.prune();
    services.tokens.prune();
    services.idempotency.prune();
    services.limiter.prune();
  }, 10 * MINUTE);
  maintenance.unref();

  return {
    app,
    services,
    close() {
      clearInterval(maintenance);
      transport.close?.();
      if (db.open) db.close();
    },
  };
}

export interface RunningServer {
  /** `http://127.0.0.1:<port>` */
  url: string;
  port: number;
  services: Services;
  app: Hono<AppEnv>;
  close(): Promise<void>;
}

export async function startServer(options: AppOptions = {}): Promise<RunningServer> {
  const host = options.host ?? '127.0.0.1';
  let handler: ((request: Request, env: AppEnv['Bindings']) => Response | Promise<Response>) | undefined;
  const server: ServerType = await new Promise((resolveServer, reject) => {
    const created = serve(
      {
        fetch: (request, env) => (handler ? handler(request, env as AppEnv['Bindings']) : new Response('Starting', { status: 503 })),
        port: options.port ?? DEFAULT_PORT,
        hostname: host,
      },
      () => resolveServer(created),
    );
    created.once('error', reject);
  });
  const address = server.address() as AddressInfo;
  const hostForUrl = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `http://${hostForUrl}:${address.port}`;
  let built: App;
  try {
    built = await createApp({ ...options, port: address.port, publicUrl: options.publicUrl ?? url });
  } catch (error) {
    server.close();
    throw error;
  }
  handler = (request, env) => built.app.fetch(request, env);
  return {
    url,
    port: address.port,
    services: built.services,
    app: built.app,
    async close() {
      await new Promise<void>((resolveClose) => {
        server.close(() => resolveClose());
        if ('closeAllConnections' in server) server.closeAllConnections();
      });
      await built.services.mailer.idle();
      built.close();
    },
  };
}
