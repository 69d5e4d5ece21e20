import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { demoKeys } from '../../src/adapters/memory/demo-catalogue.js';
import { codeForProblemType } from '../../src/core/errors.js';
import { formatForDisplay } from '../../src/core/online-key.js';
import { IDEMPOTENCY_HEADER, PROBLEM_CONTENT_TYPE } from '../../src/core/rest-contract.js';
import { productSchema, productsResponseSchema, redeemResultSchema } from '../../src/core/schemas.js';
import { ManualClock } from '../clock.js';
import { RateLimiter } from '../rate-limit.js';
import { createRedeemer, type RedeemOutcome } from '../redeem.js';
import { createUserRepo } from '../users.js';
import { Client as ClientClass, PUPIL, TEACHER, start, unknownKey, type Client, type TestServer } from './helpers.js';

const keyFor = (demonstrates: string, productId?: string) =>
  demoKeys.find((key) => key.demonstrates.startsWith(demonstrates) && (productId === undefined || key.productId === productId))!.key;

const PRODUCT_FIELDS = new Set(Object.keys(productSchema.shape));

describe('redeem: every outcome', () => {
  let server: TestServer;
  let teacher: Client;
  let pupil: Client;
  before(async () => {
    server = await start();
    teacher = server.client();
    pupil = server.client();
    await teacher.signIn(TEACHER);
    await pupil.signIn(PUPIL);
  });
  after(() => server.close());

  it('a fresh key → 201 activated, and the product is in the right list', async () => {
    for (const [demonstrates, kind] of [
      ['activates a licence', 'licence'],
      ['activates a download', 'download'],
      ['activates a journal', 'journal'],
    ] as const) {
      const key = keyFor(demonstrates);
      const reply = await pupil.redeem(key);
      assert.equal(reply.status, 201, demonstrates);
      assert.equal(reply.json.outcome, 'activated');
      assert.equal(reply.json.product.kind, kind);
      assert.ok(redeemResultSchema.safeParse(reply.json).success);
      const products = await pupil.get('/api/products');
      assert.ok(products.json.products.some((product: any) => product.id === reply.json.product.id && product.kind === kind));
    }
  });

  it('accepts the key as people type it: lower case, spaces, Unicode dashes', async () => {
    const key = keyFor('activates a licence', 'weltatlas-digital');
    const typed = ` ${formatForDisplay(key).toLowerCase().replaceAll('-', '\u2013 ')} `;
    const reply = await pupil.redeem(typed);
    assert.equal(reply.status, 201);
    assert.equal(reply.json.product.id, 'weltatlas-digital');
  });

  it('a key redeemed earlier by the same account → 200 already-owned', async () => {
    const reply = await teacher.redeem(keyFor('already redeemed by you'));
    assert.equal(reply.status, 200);
    assert.equal(reply.json.outcome, 'already-owned');
    assert.equal(reply.json.product.id, 'mathe-heute-7');
  });

  it('a fresh key for a product the caller already owns → 200 already-owned, and the key stays free to pass on', async () => {
    const key = unknownKey(500);
    server.services.db.prepare("INSERT INTO online_keys (key, product_id) VALUES (?, 'hoerverstehen-6')").run(key);
    const reply = await teacher.redeem(key);
    assert.equal(reply.status, 200);
    assert.equal(reply.json.outcome, 'already-owned');
    assert.deepEqual(server.services.db.prepare('SELECT redeemed_by FROM online_keys WHERE key = ?').get(key), { redeemed_by: null });
    assert.equal((await pupil.redeem(key)).status, 201);
  });

  it('a key redeemed by someone else → key-already-redeemed, byYou: false', async () => {
    const reply = await teacher.redeem(keyFor('already redeemed by someone else'));
    assert.equal(reply.status, 409);
    assert.equal(reply.headers.get('content-type'), PROBLEM_CONTENT_TYPE);
    assert.equal(codeForProblemType(reply.json.type), 'key-already-redeemed');
    assert.equal(reply.json.byYou, false);
  });

  it('an expired key → key-expired', async () => {
    const reply = await teacher.redeem(keyFor('expired'));
    assert.equal(codeForProblemType(reply.json.type), 'key-expired');
  });

  it('a key before its first day → key-not-yet-valid with validFrom', async () => {
    const reply = await teacher.redeem(keyFor('not yet valid'));
    assert.equal(codeForProblemType(reply.json.type), 'key-not-yet-valid');
    assert.equal(reply.json.validFrom, '2099-08-01');
  });

  it('a key whose window is empty (validUntil before today before validFrom) → key-expired, as in MemoryBackend', async () => {
    const key = unknownKey(501);
    server.services.db
      .prepare("INSERT INTO online_keys (key, product_id, valid_from, valid_until) VALUES (?, 'hoerverstehen-6', '2099-08-01', '2024-07-31')")
      .run(key);
    const reply = await teacher.redeem(key);
    assert.equal(codeForProblemType(reply.json.type), 'key-expired');
  });

  it('a teacher-only key for a pupil → key-not-for-customer-type with customerTypes; the teacher can redeem it', async () => {
    const key = keyFor('teacher-only');
    const refused = await pupil.redeem(key);
    assert.equal(refused.status, 403);
    assert.equal(codeForProblemType(refused.json.type), 'key-not-for-customer-type');
    assert.deepEqual(refused.json.customerTypes, ['teacher', 'trainee']);
    assert.equal((await teacher.redeem(key)).status, 201);
  });

  it('a well-formed unknown key → key-not-found', async () => {
    const reply = await teacher.redeem(unknownKey(1));
    assert.equal(reply.status, 404);
    assert.equal(codeForProblemType(reply.json.type), 'key-not-found');
  });

  it('a key with a wrong check character or wrong length → key-invalid-format', async () => {
    const good = unknownKey(2);
    const typo = good.slice(0, -1) + (good.endsWith('3') ? '4' : '3');
    for (const key of [typo, good.slice(0, 12), 'not a key at all']) {
      const reply = await teacher.redeem(key);
      assert.equal(reply.status, 422, key);
      assert.equal(codeForProblemType(reply.json.type), 'key-invalid-format');
    }
  });

  it('an empty or over-long key is a validation error', async () => {
    const empty = await teacher.redeem('');
    assert.equal(codeForProblemType(empty.json.type), 'validation');
    assert.deepEqual(empty.json.errors, [{ field: 'key', code: 'required' }]);
    const long = await teacher.redeem('A'.repeat(65));
    assert.deepEqual(long.json.errors, [{ field: 'key', code: 'too-long' }]);
  });

  it('signed out → 401 unauthenticated', async () => {
    const reply = await server.client().redeem(unknownKey(3));
    assert.equal(reply.status, 401);
    assert.equal(codeForProblemType(reply.json.type), 'unauthenticated');
  });

  it('listProducts returns only the caller’s products, with only the schema’s fields', async () => {
    const teacherProducts = (await teacher.get('/api/products')).json.products as Array<Record<string, unknown>>;
    const pupilProducts = (await pupil.get('/api/products')).json.products as Array<Record<string, unknown>>;
    assert.ok(productsResponseSchema.safeParse({ products: teacherProducts }).success);
    const teacherIds = teacherProducts.map((product) => product.id).sort();
    assert.deepEqual(teacherIds, ['hoerverstehen-6', 'mathe-heute-7', 'physik-entdecken-8', 'praxis-deutsch']);
    assert.ok(!pupilProducts.some((product) => product.id === 'mathe-heute-7'));
    for (const product of [...teacherProducts, ...pupilProducts]) {
      for (const field of Object.keys(product)) assert.ok(PRODUCT_FIELDS.has(field), `unexpected field ${field}`);
    }
    const download = teacherProducts.find((product) => product.kind === 'download')!;
    assert.equal(download.downloadUrl, '/downloads/hoerverstehen-6.zip');
  });
});

describe('redeem: Idempotency-Key', () => {
  let server: TestServer;
  let client: Client;
  let gate: { entered: () => void; release: Promise<void> } | undefined;
  before(async () => {
    server = await start({
      hooks: {
        beforeRedeem: async () => {
          if (!gate) return;
          const current = gate;
          gate = undefined;
          current.entered();
          await current.release;
        },
      },
    });
    client = server.client();
    await client.signIn(PUPIL);
  });
  after(() => server.close());

  it('a missing Idempotency-Key → 400, and nothing is redeemed', async () => {
    const key = keyFor('activates a download', 'kopiervorlagen-deutsch-5');
    const reply = await client.post('/api/redemptions', { key });
    assert.equal(reply.status, 400);
    assert.equal(reply.headers.get('content-type'), PROBLEM_CONTENT_TYPE);
    assert.match(reply.json.title, /Idempotency-Key/);
    const row = server.services.db.prepare('SELECT redeemed_by FROM online_keys WHERE key = ?').get(key);
    assert.deepEqual(row, { redeemed_by: null });
  });

  it('the same key and payload replay the stored response instead of running again', async () => {
    const key = keyFor('activates a download', 'kopiervorlagen-deutsch-5');
    const first = await client.redeem(key, 'intent-1');
    assert.equal(first.status, 201);
    const replay = await client.redeem(key, 'intent-1');
    assert.equal(replay.status, 201, 'the stored 201, not a fresh "already owned" 200');
    assert.equal(replay.text, first.text);
    const fresh = await client.redeem(key, 'intent-2');
    assert.equal(fresh.status, 200);
    assert.equal(fresh.json.outcome, 'already-owned');
  });

  it('the quoted structured-field form of the header is the same key', async () => {
    const key = keyFor('activates a journal', 'geographie-heute');
    const first = await client.redeem(key, 'intent-quoted');
    const quoted = await client.redeem(key, '"intent-quoted"');
    assert.equal(first.status, 201);
    assert.equal(quoted.status, 201);
  });

  it('problems are replayed too (and not counted again)', async () => {
    const key = unknownKey(10);
    const limiter = server.services.limiter;
    const hits: string[] = [];
    limiter.hit = (name, id) => {
      hits.push(name);
      RateLimiter.prototype.hit.call(limiter, name, id);
    };
    try {
      const first = await client.redeem(key, 'intent-404');
      assert.equal(first.status, 404);
      assert.deepEqual(hits, ['redeemPerAccount', 'redeemPerIp'], 'the first 404 counts as a failure');
      // From now on the key exists: running the request again would activate it (201).
      server.services.db.prepare("INSERT INTO online_keys (key, product_id) VALUES (?, 'englisch-klar-6')").run(key);
      const replay = await client.redeem(key, 'intent-404');
      assert.equal(replay.status, 404, 'the stored 404, not a recomputed 201');
      assert.equal(replay.text, first.text);
      assert.equal(hits.length, 2, 'the replay is not counted as another failure');
      const recomputed = await client.redeem(key, 'intent-404-new');
      assert.equal(recomputed.status, 201, 'a new Idempotency-Key runs again and finds the key');
    } finally {
      delete (limiter as { hit?: unknown }).hit;
    }
  });

  it('the same key with a different payload → 422', async () => {
    await client.redeem(unknownKey(11), 'intent-3');
    const reply = await client.redeem(unknownKey(12), 'intent-3');
    assert.equal(reply.status, 422);
    assert.equal(reply.json.type, 'about:blank');
  });

  it('the same key while the first request is in flight → 409; afterwards the stored response', async () => {
    let entered!: () => void;
    const inside = new Promise<void>((resolve) => (entered = resolve));
    let release!: () => void;
    gate = { entered, release: new Promise<void>((resolve) => (release = resolve)) };
    const key = keyFor('activates a licence', 'deutsch-kompetent-8');
    const first = client.redeem(key, 'intent-4');
    await inside;
    const second = await client.redeem(key, 'intent-4');
    assert.equal(second.status, 409);
    assert.equal(second.json.type, 'about:blank');
    release();
    assert.equal((await first).status, 201);
    assert.equal((await client.redeem(key, 'intent-4')).status, 201);
  });

  it('keys are per user: another user with the same Idempotency-Key runs their own request', async () => {
    const other = server.client();
    await other.signIn(TEACHER);
    const reply = await other.redeem(unknownKey(13), 'intent-1');
    assert.equal(reply.status, 404);
  });

  it('a malformed Idempotency-Key → 400', async () => {
    const reply = await client.post('/api/redemptions', { key: unknownKey(14) }, { headers: { [IDEMPOTENCY_HEADER]: 'x'.repeat(256) } });
    assert.equal(reply.status, 400);
  });
});

describe('redeem: another claim between the read and the claim (the `betweenReadAndClaim` test seam)', () => {
  // One process on synchronous better-sqlite3 never runs anything between the read of a key and its
  // claim, so the races below would pass without the transaction or the conditional claim. The seam
  // runs a competing claim right there.
  const PUPIL_ID = 'u-demo-pupil';
  const TEACHER_ID = 'u-demo-teacher';
  let dir: string;
  let database: string;
  let server: TestServer;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'keyshelf-claim-'));
    database = join(dir, 'claim.db');
    server = await start({ database });
  });
  after(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const freshKey = (seed: number, productId: string) => {
    const key = unknownKey(seed);
    server.services.db.prepare('INSERT INTO online_keys (key, product_id) VALUES (?, ?)').run(key, productId);
    return key;
  };
  const redeemerWith = (betweenReadAndClaim: (key: string) => void) =>
    createRedeemer(server.services.db, server.services.catalogue, server.clock, server.services.registrationOptions.keyFormat, {
      betweenReadAndClaim,
    });
  const keyRow = (key: string) => server.services.db.prepare('SELECT redeemed_by FROM online_keys WHERE key = ?').get(key);
  const owners = (productId: string) =>
    (server.services.db.prepare('SELECT user_id FROM ownerships WHERE product_id = ? ORDER BY user_id').all(productId) as Array<{ user_id: string }>).map(
      (row) => row.user_id,
    );

  it('another connection to the database file cannot claim the key in between: the write lock is held from the read', () => {
    const key = freshKey(600, 'biologie-erleben-9');
    const other = new Database(database);
    other.pragma('busy_timeout = 0');
    let otherClaim: { changes?: number; error?: string } | undefined;
    try {
      const redeemer = redeemerWith((claimed) => {
        try {
          const { changes } = other
            .prepare('UPDATE online_keys SET redeemed_by = ?, redeemed_at = ? WHERE key = ? AND redeemed_by IS NULL')
            .run(TEACHER_ID, server.clock.now(), claimed);
          otherClaim = { changes };
        } catch (error) {
          otherClaim = { error: (error as { code?: string }).code };
        }
      });
      const result = redeemer.redeem({ id: PUPIL_ID, customerType: 'pupil' }, key);
      assert.deepEqual(otherClaim, { error: 'SQLITE_BUSY' }, 'the other connection must wait for the write lock');
      assert.equal(result.ok && result.outcome, 'activated');
    } finally {
      other.close();
    }
    assert.deepEqual(keyRow(key), { redeemed_by: PUPIL_ID });
    assert.deepEqual(owners('biologie-erleben-9'), [PUPIL_ID]);
  });

  it('a key claimed by someone else after the read → key-already-redeemed (byYou: false), and still one activation', () => {
    const key = freshKey(601, 'chemie-im-kontext');
    let competing: RedeemOutcome | undefined;
    let competed = false;
    const redeemer = redeemerWith((claimed) => {
      if (competed) return;
      competed = true;
      // Same connection, so it runs as a savepoint inside the open transaction and claims first.
      competing = redeemer.redeem({ id: TEACHER_ID, customerType: 'teacher' }, claimed);
    });
    const result = redeemer.redeem({ id: PUPIL_ID, customerType: 'pupil' }, key);
    assert.equal(competing?.ok && competing.outcome, 'activated', 'the competing redeem claimed the key');
    assert.deepEqual(result, { ok: false, code: 'key-already-redeemed', extras: { byYou: false }, key });
    assert.deepEqual(keyRow(key), { redeemed_by: TEACHER_ID });
    assert.deepEqual(owners('chemie-im-kontext'), [TEACHER_ID]);
  });

  it('a key the same user claimed after the read (another of their tabs) → already-owned, not "someone else"', () => {
    const key = freshKey(602, 'geographie-heute');
    let competed = false;
    const redeemer = redeemerWith((claimed) => {
      if (competed) return;
      competed = true;
      redeemer.redeem({ id: PUPIL_ID, customerType: 'pupil' }, claimed);
    });
    const result = redeemer.redeem({ id: PUPIL_ID, customerType: 'pupil' }, key);
    assert.equal(result.ok && result.outcome, 'already-owned');
    assert.equal(result.ok && result.product.id, 'geographie-heute');
    assert.deepEqual(keyRow(key), { redeemed_by: PUPIL_ID });
    assert.deepEqual(owners('geographie-heute'), [PUPIL_ID]);
  });
});

describe('redeem: the 50-way race', () => {
  let server: TestServer;
  const USERS = 50;
  before(async () => {
    // 50 users from 50 addresses: the race is about the key, not about rate limits.
    server = await start({ trustProxy: true });
  });
  after(() => server.close());

  // End to end under load. In one process the read and the claim never interleave, so this cannot
  // catch a missing transaction or conditional claim: the `betweenReadAndClaim` tests above do.
  it('50 users redeeming one key at once: exactly one activation', async () => {
    const repo = createUserRepo(server.services.db);
    const hash = await server.services.hasher.hash('Rennen um den Schlüssel');
    const clients: Client[] = [];
    for (let i = 0; i < USERS; i += 1) {
      const email = `racer${i}@example.de`;
      repo.create({ email, passwordHash: hash, displayName: `Racer ${i}`, customerType: 'pupil', emailConfirmed: true, createdAt: server.clock.now() });
      const client = server.client({ ip: `10.0.${Math.floor(i / 250)}.${(i % 250) + 1}` });
      assert.equal((await client.signIn(email, 'Rennen um den Schlüssel')).status, 200);
      clients.push(client);
    }
    const key = keyFor('activates a journal', 'mathematik-lehren');
    const replies = await Promise.all(clients.map((client) => client.redeem(key)));
    const statuses = replies.map((reply) => reply.status);
    assert.equal(statuses.filter((status) => status === 201).length, 1, `statuses: ${statuses.join(',')}`);
    assert.equal(statuses.filter((status) => status === 409).length, USERS - 1);
    for (const reply of replies.filter((r) => r.status === 409)) {
      assert.equal(codeForProblemType(reply.json.type), 'key-already-redeemed');
      assert.equal(reply.json.byYou, false);
    }
    const winner = clients[statuses.indexOf(201)]!;
    const owners = server.services.db.prepare("SELECT user_id FROM ownerships WHERE product_id = 'mathematik-lehren'").all() as Array<{ user_id: string }>;
    const winnerId = (await winner.get('/api/session')).json.user.id;
    assert.deepEqual(owners.map((row) => row.user_id), [winnerId]);
    const keyRow = server.services.db.prepare('SELECT redeemed_by FROM online_keys WHERE key = ?').get(key);
    assert.deepEqual(keyRow, { redeemed_by: winnerId });
  });
});

describe('redeem: the race across processes sharing one database file', () => {
  const PROCESSES = 4;
  const USERS = 50;
  let dir: string;
  let server: TestServer;
  const children: ChildProcess[] = [];
  const urls: string[] = [];

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'keyshelf-race-'));
    const database = join(dir, 'race.db');
    // Real time: the child processes run on the system clock and must see the sessions as fresh.
    server = await start({ database, trustProxy: true, clock: new ManualClock(Date.now()) });
    urls.push(server.url);
    const fixture = fileURLToPath(new URL('./fixtures/child-server.ts', import.meta.url));
    await Promise.all(
      Array.from({ length: PROCESSES - 1 }, async () => {
        const child = spawn(process.execPath, ['--import', 'tsx', fixture, database], { stdio: ['pipe', 'pipe', 'inherit'] });
        children.push(child);
        const [line] = (await once(createInterface({ input: child.stdout! }), 'line')) as [string];
        urls.push((JSON.parse(line) as { url: string }).url);
      }),
    );
  });
  after(async () => {
    await Promise.all(children.map((child) => (child.stdin!.end(), once(child, 'exit'))));
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  // Real processes, but the gap between read and claim is microseconds, so a lost race here is rare
  // by luck rather than by design; the `betweenReadAndClaim` tests above force it deterministically.
  it(`${USERS} users on ${PROCESSES} server processes redeeming one key at once: exactly one activation`, async () => {
    const repo = createUserRepo(server.services.db);
    const hash = await server.services.hasher.hash('Rennen um den Schlüssel');
    const clients: Client[] = [];
    for (let i = 0; i < USERS; i += 1) {
      const email = `multi${i}@example.de`;
      repo.create({ email, passwordHash: hash, displayName: `Racer ${i}`, customerType: 'pupil', emailConfirmed: true, createdAt: server.clock.now() });
      // Signed in on one process, redeeming on another: the session lives in the shared database.
      const signIn = server.client({ ip: `10.1.0.${i + 1}` });
      assert.equal((await signIn.signIn(email, 'Rennen um den Schlüssel')).status, 200);
      const client = new ClientClass(urls[i % urls.length]!, { ip: `10.1.0.${i + 1}` });
      client.cookies.set('ks_session', signIn.sessionToken!);
      clients.push(client);
    }
    const key = keyFor('activates a licence', 'deutsch-kompetent-8');
    const replies = await Promise.all(clients.map((client) => client.redeem(key)));
    const statuses = replies.map((reply) => reply.status);
    assert.equal(statuses.filter((status) => status === 201).length, 1, `statuses: ${statuses.join(',')}`);
    assert.equal(statuses.filter((status) => status === 409).length, USERS - 1, `statuses: ${statuses.join(',')}`);
    const owners = server.services.db.prepare("SELECT count(*) AS n FROM ownerships WHERE product_id = 'deutsch-kompetent-8'").get();
    assert.deepEqual(owners, { n: 1 });
  });
});
