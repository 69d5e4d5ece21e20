/**
 * Mounts the REST contract's route table on the app. For each row it resolves the session, enforces
 * `auth`, reads and validates the body with the row's schema (or the operation's own body check),
 * runs the handler (under Idempotency-Key where the row is `idempotent`), checks the status against
 * the row's success statuses and the body against its response schema, so that the server cannot
 * drift from what `HttpBackend` expects.
 */
import type { Hono } from 'hono';
import type { BackendMethod } from '../../src/core/backend.js';
import { checkFields, type FieldCheck } from '../../src/core/field-errors.js';
import { IDEMPOTENCY_HEADER, routes, type Route } from '../../src/core/rest-contract.js';
import type * as z from '../../src/core/zod.js';
import { withIdempotency } from '../idempotency.js';
import { ApiProblem } from '../problem.js';
import type { Services } from '../services.js';
import type { UserRow } from '../users.js';
import { readJsonBody } from './body.js';
import type { AppContext, AppEnv } from './env.js';
import { clearSessionCookie, readSessionToken } from './session-cookie.js';

export const API_BASE = '/api';

type Schema = z.ZodMiniType;

export type BodyOf<R> = R extends { body: infer S extends Schema } ? z.output<S> : undefined;
/** Handlers return the wire shape: the schema's input side (URLs are plain strings there). */
export type ResponseOf<R> = R extends { response: infer S extends Schema } ? z.input<S> : undefined;

export interface Reply<R extends Route> {
  status: R['status'][number];
  body: ResponseOf<R>;
}

export interface RequestContext {
  c: AppContext;
  ip: string;
  /** The signed-in user, or `null`. */
  user: UserRow | null;
  /** The session cookie as sent, valid or not. */
  sessionToken: string | undefined;
}

export interface SignedInContext extends RequestContext {
  user: UserRow;
}

export type Handler<R extends Route> = (
  request: R extends { auth: true } ? SignedInContext : RequestContext,
  body: BodyOf<R>,
) => Promise<Reply<R>> | Reply<R>;

export type ContractHandlers = { [K in BackendMethod]: Handler<(typeof routes)[K]> };

/**
 * Reads a raw body into the handler's input instead of the route's schema alone, for operations
 * whose rules must be reported together with the shape errors (registration), or whose field codes
 * are the operation's own (a malformed token is `token-invalid`).
 */
export type BodyCheck<R extends Route> = (raw: unknown) => FieldCheck<BodyOf<R>>;
export type ContractBodyChecks = { [K in BackendMethod]?: BodyCheck<(typeof routes)[K]> };

function mountRoute<R extends Route>(
  app: Hono<AppEnv>,
  services: Services,
  name: string,
  route: R,
  handler: Handler<R>,
  bodyCheck: BodyCheck<R> | undefined,
): void {
  app.on(route.method, API_BASE + route.path, async (c) => {
    const sessionToken = readSessionToken(c);
    const userId = services.sessions.resolve(sessionToken);
    const user = userId === null ? null : (services.users.byId(userId) ?? null);
    if (sessionToken !== undefined && user === null) clearSessionCookie(c);
    if (route.auth && user === null) throw ApiProblem.of('unauthenticated');

    let body: unknown;
    if (route.body !== undefined) {
      const raw = await readJsonBody(c.req.raw, services.bodyLimit);
      const checked = bodyCheck ? bodyCheck(raw) : checkFields(route.body as Schema, raw);
      if (!checked.ok) throw ApiProblem.validation(checked.fieldErrors);
      body = checked.value;
    }

    const request: RequestContext = { c, ip: c.get('ip'), user, sessionToken };
    const run = async () => render(c, name, route, await handler(request as SignedInContext, body as BodyOf<R>));
    if (!route.idempotent) return run();
    return withIdempotency(
      services.idempotency,
      { scope: user?.id ?? `ip:${request.ip}`, header: c.req.header(IDEMPOTENCY_HEADER), operation: name, payload: body },
      run,
    );
  });
}

function render<R extends Route>(c: AppContext, name: string, route: R, reply: Reply<R>): Response {
  if (!route.status.includes(reply.status)) throw new Error(`${name} answered ${reply.status}, which the contract does not list`);
  if (route.response === undefined) return c.body(null, reply.status as 204);
  const checked = (route.response as Schema).safeParse(reply.body);
  if (!checked.success) throw new Error(`${name} produced a body that breaks its response schema`);
  return c.json(reply.body as unknown as object, reply.status as 200);
}

/** Every contract operation, from the shared route table; the type demands a handler for each. */
export function mountContract(
  app: Hono<AppEnv>,
  services: Services,
  handlers: ContractHandlers,
  { bodyChecks = {} }: { bodyChecks?: ContractBodyChecks } = {},
): void {
  for (const name of Object.keys(routes) as BackendMethod[]) {
    const bodyCheck = bodyChecks[name] as BodyCheck<Route> | undefined;
    mountRoute(app, services, name, routes[name] as Route, handlers[name] as Handler<Route>, bodyCheck);
  }
}

/** 405 with `Allow` for a known path and an unknown method (registered after the routes). */
export function mountMethodNotAllowed(app: Hono<AppEnv>, table: Readonly<Record<string, Route>>): void {
  const methods = new Map<string, Set<string>>();
  for (const route of Object.values(table)) {
    const set = methods.get(route.path) ?? new Set<string>();
    set.add(route.method);
    if (route.method === 'GET') set.add('HEAD');
    methods.set(route.path, set);
  }
  for (const [path, allowed] of methods) {
    app.all(API_BASE + path, () => {
      throw ApiProblem.http(405, 'Method not allowed', undefined, { Allow: [...allowed].join(', ') });
    });
  }
}
