/**
 * The OpenAPI 3.1 document, generated from the shared route table and schemas, so that it cannot
 * drift from what the client sends and expects. Served at
 * GET /openapi.json. Bodies are described on their wire side (`io: 'input'`): response schemas
 * transform URLs on the client, and JSON Schema describes what is sent, not what it becomes.
 */
import {
  CSRF_HEADER,
  CSRF_HEADER_VALUE,
  IDEMPOTENCY_HEADER,
  PROBLEM_CONTENT_TYPE,
  problemStatus,
  routes,
  type Route,
  type ServerErrorCode,
} from '../src/core/rest-contract.js';
import { PROBLEM_TYPE_BASE, problemTypeFor } from '../src/core/errors.js';
import { problemSchema } from '../src/core/schemas.js';
import * as z from '../src/core/zod.js';
import { API_BASE } from './http/route.js';
import { SESSION_COOKIE } from './http/session-cookie.js';

type JsonSchema = Record<string, unknown>;

function jsonSchema(schema: unknown): JsonSchema {
  const generated = z.toJSONSchema(schema as z.ZodMiniType, { io: 'input' }) as JsonSchema;
  delete generated.$schema;
  return generated;
}

/** Which keyshelf problems each operation can answer with. */
const PROBLEMS: Record<keyof typeof routes, ServerErrorCode[]> = {
  getSession: [],
  signIn: ['validation', 'invalid-credentials', 'email-not-confirmed', 'rate-limited'],
  signOut: [],
  requestPasswordReset: ['validation', 'rate-limited'],
  completePasswordReset: ['validation'],
  getRegistrationOptions: [],
  register: ['validation', 'rate-limited'],
  resendConfirmation: ['validation', 'rate-limited'],
  confirmEmail: ['validation'],
  redeemKey: [
    'unauthenticated',
    'validation',
    'key-invalid-format',
    'key-not-found',
    'key-already-redeemed',
    'key-expired',
    'key-not-yet-valid',
    'key-not-for-customer-type',
    'rate-limited',
  ],
  listProducts: ['unauthenticated'],
};

const HTTP_PROBLEMS = {
  csrf: { status: 403, title: `Origin missing or not allowed, or the ${CSRF_HEADER} header is missing` },
  tooLarge: { status: 413, title: 'Request body too large (16 KiB)' },
  mediaType: { status: 415, title: 'Body is not application/json' },
  idempotencyMissing: { status: 400, title: 'Idempotency-Key is missing or malformed' },
  idempotencyInFlight: { status: 409, title: 'A request with this Idempotency-Key is still being processed' },
  idempotencyMismatch: { status: 422, title: 'This Idempotency-Key was used with a different payload' },
  server: { status: 500, title: 'Internal server error' },
};

function operation(name: string, route: Route): JsonSchema {
  const write = route.method !== 'GET';
  const idempotent = route.idempotent === true;
  const byStatus = new Map<number, string[]>();
  const note = (status: number, text: string) => byStatus.set(status, [...(byStatus.get(status) ?? []), text]);
  for (const code of PROBLEMS[name as keyof typeof PROBLEMS] ?? []) note(problemStatus[code], problemTypeFor(code));
  if (write) {
    note(HTTP_PROBLEMS.csrf.status, `about:blank (${HTTP_PROBLEMS.csrf.title})`);
    if (route.body !== undefined) {
      note(HTTP_PROBLEMS.tooLarge.status, `about:blank (${HTTP_PROBLEMS.tooLarge.title})`);
      note(HTTP_PROBLEMS.mediaType.status, `about:blank (${HTTP_PROBLEMS.mediaType.title})`);
    }
  }
  if (idempotent) {
    for (const problem of [HTTP_PROBLEMS.idempotencyMissing, HTTP_PROBLEMS.idempotencyInFlight, HTTP_PROBLEMS.idempotencyMismatch]) {
      note(problem.status, `about:blank (${problem.title})`);
    }
  }
  note(500, problemTypeFor('server'));

  const responses: Record<string, JsonSchema> = {};
  for (const status of route.status) {
    const headers: JsonSchema = {};
    if (name === 'signIn' || name === 'confirmEmail') {
      headers['Set-Cookie'] = { description: `The session cookie \`${SESSION_COOKIE}\` (HttpOnly; SameSite=Lax; Path=/; Secure over https)`, schema: { type: 'string' } };
    }
    responses[String(status)] = {
      description:
        name === 'redeemKey' ? (status === 201 ? 'Activated by this request' : 'Already owned: this account redeemed the key before') : 'Success',
      ...(Object.keys(headers).length > 0 ? { headers } : {}),
      ...(route.response !== undefined ? { content: { 'application/json': { schema: jsonSchema(route.response) } } } : {}),
    };
  }
  for (const [status, types] of [...byStatus].sort(([a], [b]) => a - b)) {
    responses[String(status)] = {
      description: `Problem: ${types.join('; ')}`,
      ...(status === 429 ? { headers: { 'Retry-After': { description: 'Seconds until a retry may succeed', schema: { type: 'integer' } } } } : {}),
      content: { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: '#/components/schemas/Problem' } } },
      'x-problem-types': types.filter((type) => type.startsWith(PROBLEM_TYPE_BASE)),
    };
  }

  const parameters: JsonSchema[] = [];
  if (write) parameters.push({ $ref: '#/components/parameters/CsrfHeader' });
  if (idempotent) parameters.push({ $ref: '#/components/parameters/IdempotencyKey' });

  return {
    operationId: name,
    summary: idempotent ? `${route.summary} (requires ${IDEMPOTENCY_HEADER})` : route.summary,
    ...(parameters.length > 0 ? { parameters } : {}),
    ...(route.auth ? { security: [{ session: [] }] } : {}),
    ...(route.body !== undefined
      ? { requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(route.body) } } } }
      : {}),
    responses,
  };
}

export function createOpenApiDocument(version: string): JsonSchema {
  const paths: Record<string, Record<string, JsonSchema>> = {};
  for (const [name, route] of Object.entries(routes)) {
    (paths[route.path] ??= {})[route.method.toLowerCase()] = operation(name, route);
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'keyshelf REST API',
      version,
      description:
        'The backend contract of the keyshelf elements, as served by the reference server. Errors are RFC 9457 problem details ' +
        `with a stable \`type\` under ${PROBLEM_TYPE_BASE}; the client keys on it. Every write must carry ` +
        `\`${CSRF_HEADER}: ${CSRF_HEADER_VALUE}\`, a JSON body and an \`Origin\` that is the server's own or an allowed one ` +
        '(browsers send it; other clients must); sessions are an HttpOnly cookie.',
    },
    servers: [{ url: API_BASE }],
    paths,
    components: {
      schemas: { Problem: jsonSchema(problemSchema) },
      parameters: {
        CsrfHeader: {
          name: CSRF_HEADER,
          in: 'header',
          required: true,
          description: 'CSRF defence: a cross-site form cannot set it without a CORS preflight',
          schema: { type: 'string', const: CSRF_HEADER_VALUE },
        },
        IdempotencyKey: {
          name: IDEMPOTENCY_HEADER,
          in: 'header',
          required: true,
          description: 'One value (e.g. a UUID) per user intent; a retry sends the same value and gets the same answer',
          schema: { type: 'string', minLength: 1, maxLength: 255 },
        },
      },
      securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE } },
    },
  };
}
