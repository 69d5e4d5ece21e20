/**
 * Redeem load test: how many redeems per second the reference server sustains on loopback, and
 * whether any activation is lost or doubled under load.
 *
 *   node --import tsx server/bench/redeem-load.ts [--keys 10000] [--contended 2000] [--racers 5]
 *                                                [--users 200] [--connections 50]
 *
 * BENCH_SERVER_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" profiles the server process.
 *
 * 1. Prepares a database file: the demo seed, `users` signed-in accounts and fresh keys.
 * 2. Starts the server in a child process (one process, as deployed) and drives it with autocannon.
 * 3. Phase "baseline": GET /api/session with the same users and connections, the cheapest
 *    authenticated request; the redeem rates are reported as ratios against it, since absolute
 *    figures on a shared machine vary from run to run.
 *    Phase "fresh": every request redeems a different key (all should be 201).
 *    Phase "contended": `racers` different users redeem each key at once (one 201, the rest 409).
 * 4. Checks every answer against the database: each key activated at most once, by the user who
 *    got the 201, and every 201 recorded (nothing lost, nothing doubled).
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { randomInt, randomUUID } from 'node:crypto';
import autocannon from 'autocannon';
import Database from 'better-sqlite3';
import { DEFAULT_KEY_ALPHABET, withCheckCharacter } from '../../src/core/online-key.js';
import { CSRF_HEADER, CSRF_HEADER_VALUE, IDEMPOTENCY_HEADER } from '../../src/core/rest-contract.js';
import { createApp } from '../app.js';
import { silentLogger } from '../log.js';
import { SESSION_COOKIE } from '../http/session-cookie.js';

const { values: args } = parseArgs({
  options: {
    keys: { type: 'string', default: '10000' },
    contended: { type: 'string', default: '2000' },
    racers: { type: 'string', default: '5' },
    users: { type: 'string', default: '200' },
    connections: { type: 'string', default: '50' },
  },
});
const FRESH_KEYS = Number(args.keys);
const CONTENDED_KEYS = Number(args.contended);
const RACERS = Number(args.racers);
const USERS = Number(args.users);
const CONNECTIONS = Number(args.connections);
if (RACERS > USERS) throw new Error('--racers must not exceed --users');

/** One product per key: a user who owns a product already gets `already-owned` for a second key. */
const productFor = (index: number) => `bench-${index}`;

function randomKey(): string {
  let body = 'BNCH';
  for (let i = 0; i < 11; i += 1) body += DEFAULT_KEY_ALPHABET[randomInt(DEFAULT_KEY_ALPHABET.length)];
  return withCheckCharacter(body);
}

interface Attempt {
  key: string;
  user: number;
  status?: number;
}

async function prepare(database: string): Promise<{ tokens: string[]; userIds: string[]; fresh: string[]; contended: string[] }> {
  const { services, close } = await createApp({ database, log: silentLogger, seedDemo: true, scrypt: { N: 1024, r: 8, p: 1 } });
  const { db } = services;
  const tokens: string[] = [];
  const userIds: string[] = [];
  const keys = new Set<string>();
  while (keys.size < FRESH_KEYS + CONTENDED_KEYS) keys.add(randomKey());
  const all = [...keys];
  db.transaction(() => {
    const insertProduct = db.prepare(
      `INSERT INTO products (id, title, kind, licence_type, open_url) VALUES (?, 'Lasttest-Lizenz', 'licence', 'single', '/product.html?id=bench')`,
    );
    const insertKey = db.prepare('INSERT INTO online_keys (key, product_id) VALUES (?, ?)');
    all.forEach((key, index) => {
      insertProduct.run(productFor(index));
      insertKey.run(key, productFor(index));
    });
    for (let i = 0; i < USERS; i += 1) {
      const user = services.users.create({
        email: `bench${i}@example.de`,
        passwordHash: '!',
        displayName: `Bench ${i}`,
        customerType: 'pupil',
        emailConfirmed: true,
        createdAt: Date.now(),
      });
      userIds.push(user.id);
      tokens.push(services.sessions.create(user.id));
    }
  })();
  close();
  return { tokens, userIds, fresh: all.slice(0, FRESH_KEYS), contended: all.slice(FRESH_KEYS) };
}

async function load(url: string, tokens: string[], attempts: Attempt[]) {
  // The server refuses a write without an allowed Origin; its own is one.
  const origin = new URL(url).origin;
  let next = 0;
  const started = performance.now();
  let lastAnswer = started;
  const result = await autocannon({
    url,
    connections: CONNECTIONS,
    amount: attempts.length,
    requests: [
      {
        method: 'POST',
        path: '/api/redemptions',
        setupRequest: (request, context) => {
          const index = next++;
          const attempt = attempts[index % attempts.length]!;
          context.index = index;
          return {
            ...request,
            headers: {
              'content-type': 'application/json',
              origin,
              [CSRF_HEADER]: CSRF_HEADER_VALUE,
              [IDEMPOTENCY_HEADER]: randomUUID(),
              cookie: `${SESSION_COOKIE}=${tokens[attempt.user]}`,
            },
            body: JSON.stringify({ key: attempt.key }),
          };
        },
        onResponse: (status, _body, context) => {
          lastAnswer = performance.now();
          const attempt = attempts[context.index as number];
          if (attempt) attempt.status = status;
        },
      },
    ],
  });
  // autocannon's `duration` counts whole sampling seconds (and it notices the end only at the next
  // tick): measure from the first request to the last answer instead.
  return { ...result, seconds: (lastAnswer - started) / 1000 };
}

/** Signed-in GET /api/session, as often as the fresh phase redeems: the baseline of the same run. */
async function loadBaseline(url: string, tokens: string[], amount: number): Promise<number> {
  let next = 0;
  const started = performance.now();
  let lastAnswer = started;
  const result = await autocannon({
    url,
    connections: CONNECTIONS,
    amount,
    requests: [
      {
        method: 'GET',
        path: '/api/session',
        setupRequest: (request) => ({ ...request, headers: { cookie: `${SESSION_COOKIE}=${tokens[next++ % tokens.length]}` } }),
        onResponse: () => {
          lastAnswer = performance.now();
        },
      },
    ],
  });
  const perSecond = result.requests.total / ((lastAnswer - started) / 1000);
  console.log(`${'baseline'.padEnd(10)} ${String(result.requests.total).padStart(6)} GET /api/session = ${perSecond.toFixed(0)} requests/s · non-2xx ${result.non2xx}`);
  return perSecond;
}

function shuffle<T>(items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i -= 1) {
    const j = randomInt(i + 1);
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}

function verify(database: string, userIds: string[], phases: Array<{ name: string; attempts: Attempt[]; expect: 'all-201' | 'one-201-per-key' }>): string[] {
  const db = new Database(database, { readonly: true });
  type KeyRow = { key: string; product_id: string; redeemed_by: string | null };
  const keys = new Map(
    (db.prepare("SELECT key, product_id, redeemed_by FROM online_keys WHERE product_id LIKE 'bench-%'").all() as KeyRow[]).map((row) => [row.key, row]),
  );
  const ownerships = new Set(
    (db.prepare("SELECT user_id, product_id FROM ownerships WHERE product_id LIKE 'bench-%'").all() as Array<{ user_id: string; product_id: string }>).map(
      (row) => `${row.user_id}|${row.product_id}`,
    ),
  );
  db.close();
  const problems: string[] = [];
  const granted = new Set<string>();
  for (const phase of phases) {
    const byKey = new Map<string, Attempt[]>();
    for (const attempt of phase.attempts) byKey.set(attempt.key, [...(byKey.get(attempt.key) ?? []), attempt]);
    for (const [key, attempts] of byKey) {
      const activated = attempts.filter((attempt) => attempt.status === 201);
      const other = attempts.filter((attempt) => attempt.status !== 201 && attempt.status !== 409);
      if (other.length > 0) problems.push(`${phase.name}: ${key} answered ${other.map((a) => a.status ?? 'no answer').join(',')}`);
      if (activated.length > 1) problems.push(`${phase.name}: ${key} activated ${activated.length} times (double activation)`);
      const row = keys.get(key);
      const recorded = row?.redeemed_by ?? null;
      if (activated.length === 1) {
        const winner = userIds[activated[0]!.user]!;
        granted.add(`${winner}|${row?.product_id}`);
        if (recorded !== winner) problems.push(`${phase.name}: ${key} answered 201 to ${winner} but is recorded for ${recorded} (lost activation)`);
      } else if (recorded !== null) {
        problems.push(`${phase.name}: ${key} is recorded for ${recorded} but nobody got a 201`);
      }
      if (phase.expect === 'one-201-per-key' && activated.length === 0 && other.length === 0) {
        problems.push(`${phase.name}: ${key} was never activated`);
      }
    }
  }
  for (const pair of granted) if (!ownerships.has(pair)) problems.push(`${pair}: a 201 without the product in the account (lost activation)`);
  for (const pair of ownerships) if (!granted.has(pair)) problems.push(`${pair}: a product in the account without a 201 (phantom activation)`);
  return problems;
}

function summary(name: string, result: autocannon.Result & { seconds: number }, attempts: Attempt[]) {
  const statuses: Record<string, number> = {};
  for (const attempt of attempts) statuses[String(attempt.status ?? 'none')] = (statuses[String(attempt.status ?? 'none')] ?? 0) + 1;
  const perSecond = result.requests.total / result.seconds;
  console.log(
    `${name.padEnd(10)} ${String(result.requests.total).padStart(6)} requests in ${result.seconds.toFixed(2)} s = ` +
      `${perSecond.toFixed(0)} redeems/s · latency p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms · ` +
      `errors ${result.errors}, timeouts ${result.timeouts} · statuses ${JSON.stringify(statuses)}`,
  );
  return perSecond;
}

const dir = mkdtempSync(join(tmpdir(), 'keyshelf-bench-'));
const database = join(dir, 'bench.db');
let child: ReturnType<typeof spawn> | undefined;
try {
  console.log(`preparing ${FRESH_KEYS + CONTENDED_KEYS} keys and ${USERS} signed-in users …`);
  const { tokens, userIds, fresh, contended } = await prepare(database);

  const script = fileURLToPath(new URL('./bench-server.ts', import.meta.url));
  child = spawn(process.execPath, [...(process.env.BENCH_SERVER_NODE_ARGS?.split(' ').filter(Boolean) ?? []), '--import', 'tsx', script, database], { stdio: ['pipe', 'pipe', 'inherit'] });
  const [line] = (await once(createInterface({ input: child.stdout! }), 'line')) as [string];
  const { url } = JSON.parse(line) as { url: string };
  console.log(`server ${url} (own process), ${CONNECTIONS} connections, Node ${process.version}`);

  const freshAttempts: Attempt[] = fresh.map((key, i) => ({ key, user: i % USERS }));
  const contendedAttempts: Attempt[] = shuffle(
    contended.flatMap((key, k) => Array.from({ length: RACERS }, (_, r) => ({ key, user: (k * RACERS + r) % USERS }))),
  );

  const baselineRate = await loadBaseline(url, tokens, FRESH_KEYS);
  const freshResult = await load(url, tokens, freshAttempts);
  // (no separate warm-up: the first second of the fresh phase includes the JIT's work)
  const freshRate = summary('fresh', freshResult, freshAttempts);
  let contendedRate = 0;
  if (contendedAttempts.length > 0) {
    const contendedResult = await load(url, tokens, contendedAttempts);
    contendedRate = summary('contended', contendedResult, contendedAttempts);
  }

  child.stdin!.end();
  await once(child, 'exit');
  child = undefined;

  const problems = verify(database, userIds, [
    { name: 'fresh', attempts: freshAttempts, expect: 'all-201' },
    { name: 'contended', attempts: contendedAttempts, expect: 'one-201-per-key' },
  ]);
  if (problems.length > 0) {
    console.error(`FAILED: ${problems.length} problems\n` + problems.slice(0, 20).join('\n'));
    process.exitCode = 1;
  } else {
    console.log(
      `verified: ${FRESH_KEYS + CONTENDED_KEYS} keys, each activated at most once, by the user who got the 201, whose account holds exactly those products: no lost or double activation.`,
    );
    console.log(
      `RESULT fresh ${freshRate.toFixed(0)} redeems/s (${(freshRate / baselineRate).toFixed(2)} × GET /api/session) · ` +
        `contended ${contendedRate.toFixed(0)} requests/s (${(contendedRate / baselineRate).toFixed(2)} × GET /api/session)`,
    );
  }
} finally {
  if (child) {
    child.stdin!.end();
    await once(child, 'exit');
  }
  rmSync(dir, { recursive: true, force: true });
}
