/**
 * Idempotency-Key, after draft-ietf-httpapi-idempotency-key-header:
 * - the first request with a key runs and its final response is stored (per user and key);
 * - the same key with the same payload gets the stored response again, without running twice;
 * - the same key while the first request is still running: 409;
 * - the same key with a different payload: 422;
 * - a required key that is missing: 400.
 * 5xx and 429 responses are not stored, so a retry with the same key really retries.
 */
import type { Clock } from './clock.js';
import { HOUR, MINUTE } from './clock.js';
import type { Db } from './db/index.js';
import { ApiProblem } from './problem.js';
import { sha256 } from './secrets.js';

export interface StoredResponse {
  status: number;
  headers: Record<string, string>;
  body: string | null;
}

export type BeginResult =
  | { kind: 'new' }
  | { kind: 'replay'; response: StoredResponse }
  | { kind: 'in-flight' }
  | { kind: 'mismatch' };

export interface IdempotencyStore {
  begin(scope: string, key: string, operation: string, fingerprint: string): BeginResult;
  complete(scope: string, key: string, response: StoredResponse): void;
  release(scope: string, key: string): void;
  prune(): number;
}

/** How long a stored response is replayed, and after how long an unfinished request counts as abandoned. */
export const IDEMPOTENCY_RETENTION_MS = 24 * HOUR;
export const IN_FLIGHT_TIMEOUT_MS = 1 * MINUTE;

export function createIdempotencyStore(db: Db, clock: Clock): IdempotencyStore {
  type Row = { operation: string; fingerprint: string; state: string; status: number | null; headers: string | null; body: string | null; created_at: number };
  const select = db.prepare<[string, string], Row>(
    'SELECT operation, fingerprint, state, status, headers, body, created_at FROM idempotency WHERE user_id = ? AND idem_key = ?',
  );
  const upsert = db.prepare(
    `INSERT INTO idempotency (user_id, idem_key, operation, fingerprint, state, created_at) VALUES (?, ?, ?, ?, 'in-flight', ?)
     ON CONFLICT (user_id, idem_key) DO UPDATE SET operation = excluded.operation, fingerprint = excluded.fingerprint,
       state = 'in-flight', status = NULL, headers = NULL, body = NULL, created_at = excluded.created_at`,
  );
  const finish = db.prepare(
    `UPDATE idempotency SET state = 'done', status = ?, headers = ?, body = ? WHERE user_id = ? AND idem_key = ? AND state = 'in-flight'`,
  );
  const remove = db.prepare(`DELETE FROM idempotency WHERE user_id = ? AND idem_key = ?`);
  const removeOld = db.prepare('DELETE FROM idempotency WHERE created_at <= ?');

  const begin = db.transaction((scope: string, key: string, operation: string, fingerprint: string): BeginResult => {
    const now = clock.now();
    const row = select.get(scope, key);
    const stale =
      !row ||
      (row.state === 'done' && now - row.created_at >= IDEMPOTENCY_RETENTION_MS) ||
      (row.state === 'in-flight' && now - row.created_at >= IN_FLIGHT_TIMEOUT_MS);
    if (stale) {
      upsert.run(scope, key, operation, fingerprint, now);
      return { kind: 'new' };
    }
    if (row.operation !== operation || row.fingerprint !== fingerprint) return { kind: 'mismatch' };
    if (row.state === 'in-flight') return { kind: 'in-flight' };
    return {
      kind: 'replay',
      response: { status: row.status ?? 500, headers: JSON.parse(row.headers ?? '{}') as Record<string, string>, body: row.body },
    };
  });

  return {
    begin: (scope, key, operation, fingerprint) => begin.immediate(scope, key, operation, fingerprint),
    complete(scope, key, response) {
      finish.run(response.status, JSON.stringify(response.headers), response.body, scope, key);
    },
    release(scope, key) {
      remove.run(scope, key);
    },
    prune() {
      return removeOld.run(clock.now() - IDEMPOTENCY_RETENTION_MS).changes;
    },
  };
}

/**
 * The key from the header. The draft defines it as a structured-field string (`"…"`); a bare token
 * is accepted too, since most clients send one. Visible ASCII, 1–255 characters.
 */
export function parseIdempotencyKey(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  let value = header.trim();
  if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1);
  return /^[\x21-\x7e]{1,255}$/.test(value) ? value : undefined;
}

/** A stable digest of a parsed payload: key order does not matter, whitespace never did. */
export function fingerprint(payload: unknown): string {
  const canonical = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(canonical);
    if (value && typeof value === 'object') {
      return Object.fromEntries(
        Object.keys(value)
          .sort()
          .map((key) => [key, canonical((value as Record<string, unknown>)[key])]),
      );
    }
    return value;
  };
  return sha256(JSON.stringify(canonical(payload) ?? null));
}

function storable(response: Response): boolean {
  return response.status < 500 && response.status !== 429;
}

/** Runs `work` at most once per (scope, key) and payload, replaying its stored response after. */
export async function withIdempotency(
  store: IdempotencyStore,
  request: { scope: string; header: string | undefined; operation: string; payload: unknown },
  work: () => Promise<Response>,
): Promise<Response> {
  if (request.header === undefined) {
    throw ApiProblem.http(400, 'Idempotency-Key is missing', 'This operation requires an Idempotency-Key header.');
  }
  const key = parseIdempotencyKey(request.header);
  if (key === undefined) {
    throw ApiProblem.http(400, 'Idempotency-Key is malformed', 'Send 1–255 visible ASCII characters, e.g. a UUID.');
  }
  const begun = store.begin(request.scope, key, request.operation, fingerprint(request.payload));
  switch (begun.kind) {
    case 'replay':
      return new Response(begun.response.body, { status: begun.response.status, headers: begun.response.headers });
    case 'in-flight':
      throw ApiProblem.http(409, 'A request with this Idempotency-Key is still being processed', 'Retry later with the same key.', { 'Retry-After': '1' });
    case 'mismatch':
      throw ApiProblem.http(422, 'This Idempotency-Key was used for a different request', 'Use a new key for a new request.');
    case 'new':
      break;
  }
  let response: Response;
  try {
    response = await work();
  } catch (error) {
    if (!(error instanceof ApiProblem)) {
      store.release(request.scope, key);
      throw error;
    }
    response = error.toResponse();
  }
  if (!storable(response)) {
    store.release(request.scope, key);
    return response;
  }
  const body = response.body === null ? null : await response.text();
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    if (name === 'content-type' || name === 'location') headers[name] = value;
  });
  store.complete(request.scope, key, { status: response.status, headers, body });
  return new Response(body, { status: response.status, headers: response.headers });
}
