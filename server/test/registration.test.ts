import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { codeForProblemType } from '../../src/core/errors.js';
import { registrationOptionsSchema, registrationAcceptedSchema } from '../../src/core/schemas.js';
import { HOUR } from '../clock.js';
import { sha256 } from '../secrets.js';
import { DEMO_PASSWORD, TEACHER, UNCONFIRMED, registerAndConfirm, registration, start, tokenFromMailbox, unknownKey, type TestServer } from './helpers.js';

/** Registration is limited per IP; each test speaks from its own address. */
let nextIp = 1;
const freshIp = () => `203.0.113.${nextIp++}`;
/** A problem's field errors as `field:code`. */
const fieldErrors = (json: any) => (json.errors as Array<{ field: string; code: string }>).map((e) => `${e.field}:${e.code}`);

describe('registration', () => {
  let server: TestServer;
  before(async () => {
    server = await start({ trustProxy: true });
  });
  after(() => server.close());

  const register = (body: unknown) => server.client({ ip: freshIp() }).post('/api/registrations', body);

  it('getRegistrationOptions returns the seeded options, valid by the shared schema', async () => {
    const reply = await server.client().get('/api/registration-options');
    assert.equal(reply.status, 200);
    const parsed = registrationOptionsSchema.safeParse(reply.json);
    assert.ok(parsed.success);
    assert.equal(reply.json.passwordPolicy.minLength, 12);
    assert.ok(reply.json.customerTypes.some((type: any) => type.id === 'teacher' && type.requiresInstitution));
  });

  it('register → 202 { email }, a confirmation mail with a ≥32-character token, confirm → 200 { user } and signed in', async () => {
    const client = server.client({ ip: freshIp() });
    const email = 'erika.muster@example.de';
    const reply = await client.post('/api/registrations', registration({ email }));
    assert.equal(reply.status, 202);
    assert.deepEqual(reply.json, { email });
    assert.ok(registrationAcceptedSchema.safeParse(reply.json).success);
    assert.equal(client.sessionToken, undefined, 'not signed in before confirming');
    await server.services.mailer.idle();
    const token = tokenFromMailbox(server, email)!;
    assert.ok(token.length >= 32);
    const link = server.services.mailbox!.list({ to: email })[0]!.links[0]!;
    assert.ok(link.startsWith(server.services.config.publicUrl + '/'), 'the link leads back to the demo page');
    // Only a hash of the token is stored.
    const stored = server.services.db.prepare('SELECT token_hash FROM tokens WHERE token_hash = ?').get(sha256(token));
    assert.ok(stored);

    const blocked = await server.client().signIn(email, registration().password);
    assert.equal(codeForProblemType(blocked.json.type), 'email-not-confirmed');

    const confirmed = await client.post('/api/email-confirmations', { token });
    assert.equal(confirmed.status, 200);
    assert.equal(confirmed.json.user.email, email);
    assert.equal(confirmed.json.user.emailConfirmed, true);
    assert.equal(confirmed.json.user.displayName, 'Erika Muster');
    assert.ok(client.sessionToken, 'confirming signs in');
    assert.equal((await client.get('/api/session')).json.user.email, email);
    assert.equal((await server.client().signIn(email, registration().password)).status, 200);
  });

  it('a confirmation token works once', async () => {
    const email = 'once@example.de';
    const client = server.client({ ip: freshIp() });
    await client.post('/api/registrations', registration({ email }));
    await server.services.mailer.idle();
    const token = tokenFromMailbox(server, email)!;
    assert.equal((await client.post('/api/email-confirmations', { token })).status, 200);
    const again = await server.client().post('/api/email-confirmations', { token });
    assert.equal(again.status, 400);
    assert.equal(codeForProblemType(again.json.type), 'validation');
    assert.deepEqual(fieldErrors(again.json), ['token:token-invalid']);
  });

  it('a confirmation token expires after 48 h: it works until just before, and not from then on', async () => {
    // Two tokens issued at the same instant (a token works once, so one tries before, one at the limit).
    const early = 'in.time@example.de';
    const late = 'late@example.de';
    await register(registration({ email: early }));
    await register(registration({ email: late }));
    await server.services.mailer.idle();
    const earlyToken = tokenFromMailbox(server, early)!;
    const lateToken = tokenFromMailbox(server, late)!;
    server.clock.advance(48 * HOUR - 1);
    const inTime = await server.client().post('/api/email-confirmations', { token: earlyToken });
    assert.equal(inTime.status, 200, 'still valid 1 ms before 48 h');
    assert.equal(inTime.json.user.email, early);
    server.clock.advance(1);
    const reply = await server.client().post('/api/email-confirmations', { token: lateToken });
    assert.equal(reply.status, 400);
    assert.deepEqual(fieldErrors(reply.json), ['token:token-expired']);
    server.clock.advance(HOUR);
    const later = await server.client().post('/api/email-confirmations', { token: lateToken });
    assert.deepEqual(fieldErrors(later.json), ['token:token-expired']);
  });

  it('an unknown token is refused', async () => {
    const reply = await server.client().post('/api/email-confirmations', { token: 'x'.repeat(43) });
    assert.deepEqual(fieldErrors(reply.json), ['token:token-invalid']);
  });

  it('a malformed or missing token is token-invalid too, like in MemoryBackend', async () => {
    for (const body of [{ token: 'kurz' }, { token: 'x'.repeat(300) }, {}]) {
      const reply = await server.client().post('/api/email-confirmations', body);
      assert.equal(reply.status, 400);
      assert.deepEqual(fieldErrors(reply.json), ['token:token-invalid'], JSON.stringify(body));
    }
  });

  it('confirming voids every other confirmation link sent to the address (each would sign in)', async () => {
    const email = 'two.links@example.de';
    await register(registration({ email }));
    await server.services.mailer.idle();
    const first = tokenFromMailbox(server, email)!;
    await server.client({ ip: freshIp() }).post('/api/registrations/resend', { email });
    await server.services.mailer.idle();
    const second = tokenFromMailbox(server, email)!;
    assert.notEqual(first, second);
    assert.equal((await server.client().post('/api/email-confirmations', { token: second })).status, 200);
    const stale = await server.client().post('/api/email-confirmations', { token: first });
    assert.deepEqual(fieldErrors(stale.json), ['token:token-invalid']);
    assert.equal(stale.headers.get('set-cookie'), null);
  });

  it('an address that already has an account gets the same 202, the same body and headers, and a different mail', async () => {
    const fresh = await register(registration({ email: 'someone.new@example.de' }));
    const known = await register(registration({ email: TEACHER }));
    assert.equal(known.status, fresh.status);
    assert.deepEqual(known.json, { email: TEACHER });
    assert.deepEqual(Object.keys(known.json), Object.keys(fresh.json));
    const headerNames = (reply: typeof fresh) => [...reply.headers.keys()].filter((name) => name !== 'date' && name !== 'content-length').sort();
    assert.deepEqual(headerNames(known), headerNames(fresh));
    assert.equal(known.headers.get('set-cookie'), null);
    await server.services.mailer.idle();
    const mail = server.services.mailbox!.list({ to: TEACHER })[0]!;
    assert.match(mail.subject, /bereits ein Konto/);
    assert.ok(!mail.links.some((link) => link.includes('ks-confirm=')), 'a confirmed account gets no confirmation link');
    // The account is unchanged: the old password still works.
    assert.equal((await server.client().signIn(TEACHER, DEMO_PASSWORD)).status, 200);
  });

  it('re-registering an unconfirmed address sends a confirmation link for the existing account', async () => {
    await register(registration({ email: 'neu@keyshelf.example' }));
    await server.services.mailer.idle();
    const mail = server.services.mailbox!.list({ to: 'neu@keyshelf.example' })[0]!;
    assert.match(mail.subject, /bereits ein Konto/);
    const token = tokenFromMailbox(server, 'neu@keyshelf.example')!;
    const confirmed = await server.client().post('/api/email-confirmations', { token });
    assert.equal(confirmed.json.user.id, 'u-demo-unconfirmed');
  });

  it('the terms must be accepted in their current version', async () => {
    const reply = await register(registration({ email: 'terms@example.de', acceptedTermsVersion: '2020-01' }));
    assert.equal(reply.status, 400);
    assert.deepEqual(fieldErrors(reply.json), ['acceptedTermsVersion:terms-required']);
  });

  it('an unknown customer type is refused', async () => {
    const reply = await register(registration({ email: 'type@example.de', customerType: 'astronaut' }));
    assert.deepEqual(fieldErrors(reply.json), ['customerType:invalid-value']);
  });

  it('types that need a school or institution must name one; others do not store it', async () => {
    const missing = await register(registration({ email: 'teacher.new@example.de', customerType: 'teacher' }));
    assert.deepEqual(fieldErrors(missing.json), ['address.institution:institution-required']);
    const teacher = await register(registration({ email: 'teacher.new@example.de', customerType: 'teacher' }, { institution: 'Goethe-Gymnasium' }));
    assert.equal(teacher.status, 202);
    const parent = await register(registration({ email: 'parent.new@example.de', customerType: 'parent' }, { institution: 'Goethe-Gymnasium' }));
    assert.equal(parent.status, 202);
    const institutions = server.services.db
      .prepare("SELECT email, institution FROM users WHERE email IN ('teacher.new@example.de', 'parent.new@example.de') ORDER BY email")
      .all();
    assert.deepEqual(institutions, [
      { email: 'parent.new@example.de', institution: null },
      { email: 'teacher.new@example.de', institution: 'Goethe-Gymnasium' },
    ]);
  });

  it('a known customer number is linked; an unknown one is kept for the manual check, not linked', async () => {
    const linkedUser = await registerAndConfirm(server, server.client({ ip: freshIp() }), 'linked@example.de', { customerNumber: '100300' });
    assert.equal((linkedUser as any).customerNumber, '100300');
    const unlinked = await registerAndConfirm(server, server.client({ ip: freshIp() }), 'unlinked@example.de', { customerNumber: '999999' });
    assert.equal((unlinked as any).customerNumber, undefined);
    const row = server.services.db.prepare('SELECT customer_number, claimed_customer_number FROM users WHERE id = ?').get(unlinked.id);
    assert.deepEqual(row, { customer_number: null, claimed_customer_number: '999999' });
  });

  it('unknown fields are rejected, at the top and in the address', async () => {
    const reply = await register({ ...registration({ email: 'extra@example.de', isAdmin: true }), address: { ...registration().address, role: 'x' } });
    assert.equal(reply.status, 400);
    assert.deepEqual(fieldErrors(reply.json).sort(), ['address.role:unknown-field', 'isAdmin:unknown-field']);
  });

  it('shape errors and rule errors come together, so the user sees every problem at once', async () => {
    const reply = await register(registration({ email: 'kaputt', password: 'kurz', acceptedTermsVersion: '' }));
    assert.equal(reply.status, 400);
    assert.deepEqual(fieldErrors(reply.json), [
      'email:invalid-email',
      'acceptedTermsVersion:terms-required',
      'password:password-too-short',
    ]);
    const teacher = await register(registration({ email: 'x', customerType: 'teacher', password: 'passwort1234' }));
    assert.deepEqual(fieldErrors(teacher.json), ['email:invalid-email', 'address.institution:institution-required', 'password:password-too-common']);
  });

  it('every field is capped and required fields are required', async () => {
    const reply = await register(registration({ email: 'caps@example.de' }, { firstName: 'x'.repeat(101), city: '   ', country: 'Deutschland' }));
    assert.deepEqual(fieldErrors(reply.json).sort(), ['address.city:required', 'address.country:invalid-value', 'address.firstName:too-long']);
    const noEmail = await register({ ...registration(), email: undefined });
    assert.deepEqual(fieldErrors(noEmail.json), ['email:required']);
    const badEmail = await register(registration({ email: 'not-an-address' }));
    assert.deepEqual(fieldErrors(badEmail.json), ['email:invalid-email']);
    const wrongType = await register(registration({ email: 'types@example.de', newsletter: 'no' }));
    assert.deepEqual(fieldErrors(wrongType.json), ['newsletter:invalid-type']);
  });
});

describe('the key a confirmation link carries', () => {
  let server: TestServer;
  before(async () => {
    server = await start({ trustProxy: true });
  });
  after(() => server.close());
  let n = 0;
  const client = () => server.client({ ip: `198.51.100.${++n}` });
  const KEY = unknownKey(7);

  /** The links of the newest mail to `to`. */
  async function links(to: string): Promise<URL[]> {
    await server.services.mailer.idle();
    return server.services.mailbox!.list({ to })[0]!.links.map((link) => new URL(link));
  }
  const confirmLink = async (to: string) => (await links(to)).find((link) => link.searchParams.has('ks-confirm'));

  it('carries the pending key of a registration as &key=, and the link confirms as without it', async () => {
    const email = 'mit.schluessel@example.de';
    assert.equal((await client().post('/api/registrations', registration({ email, pendingKey: KEY }))).status, 202);
    const link = (await confirmLink(email))!;
    assert.equal(link.searchParams.get('key'), KEY);
    assert.equal(link.search, `?ks-confirm=${encodeURIComponent(link.searchParams.get('ks-confirm')!)}&key=${KEY}`);
    const confirmed = await server.client().post('/api/email-confirmations', { token: link.searchParams.get('ks-confirm') });
    assert.equal(confirmed.status, 200);
  });

  it('keeps the key nowhere but in the mail: not in any table, not redeemed', async () => {
    const email = 'nirgends@example.de';
    await client().post('/api/registrations', registration({ email, pendingKey: KEY }));
    assert.equal((await confirmLink(email))!.searchParams.get('key'), KEY);
    const db = server.services.db;
    const tables = db.prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table'").all();
    for (const { name } of tables) {
      if (name === 'mailbox') continue;
      const rows = JSON.stringify(db.prepare(`SELECT * FROM "${name}"`).all());
      assert.ok(!rows.includes(KEY), `table ${name} holds the key`);
    }
  });

  it('carries it in a resend, and not when the resend sends none', async () => {
    const email = 'nochmal@example.de';
    await client().post('/api/registrations', registration({ email }));
    assert.equal((await confirmLink(email))!.searchParams.has('key'), false);
    assert.equal((await client().post('/api/registrations/resend', { email, pendingKey: KEY })).status, 202);
    assert.equal((await confirmLink(email))!.searchParams.get('key'), KEY);
    await client().post('/api/registrations/resend', { email });
    assert.equal((await confirmLink(email))!.searchParams.has('key'), false);
  });

  it('carries it in the confirmation link of the "already registered" mail, and only there', async () => {
    await client().post('/api/registrations', registration({ email: UNCONFIRMED, pendingKey: KEY }));
    const unconfirmed = await links(UNCONFIRMED);
    assert.equal(unconfirmed.find((link) => link.searchParams.has('ks-confirm'))!.searchParams.get('key'), KEY);
    assert.equal(unconfirmed.filter((link) => link.searchParams.has('key')).length, 1);
    await client().post('/api/registrations', registration({ email: TEACHER, pendingKey: KEY }));
    const confirmed = await links(TEACHER);
    assert.ok(confirmed.length > 0);
    assert.ok(confirmed.every((link) => !link.search.includes(KEY)), 'a confirmed account has no confirmation link to carry it');
  });

  it('leaves out a key that is not well-formed for the key format; the registration goes through', async () => {
    const wrongCheck = KEY.slice(0, -1) + (KEY.endsWith('3') ? '4' : '3');
    for (const [i, pendingKey] of [wrongCheck, KEY.slice(0, 8), 'OOOOOOOOOOOOOOOO'].entries()) {
      const email = `krumm${i}@example.de`;
      assert.equal((await client().post('/api/registrations', registration({ email, pendingKey }))).status, 202, pendingKey);
      assert.equal((await confirmLink(email))!.searchParams.has('key'), false, pendingKey);
    }
  });

  it('refuses a key that is not normalized key text, on its field, before any mail', async () => {
    const before = server.services.mailbox!.list().length;
    const hyphens = await client().post('/api/registrations', registration({ email: 'strich@example.de', pendingKey: 'MATH-7A3B-4C6D-E7F6' }));
    assert.equal(hyphens.status, 400);
    assert.deepEqual(fieldErrors(hyphens.json), ['pendingKey:invalid-format']);
    const markup = await client().post('/api/registrations/resend', { email: UNCONFIRMED, pendingKey: '<b>KEY</b>' });
    assert.deepEqual(fieldErrors(markup.json), ['pendingKey:invalid-format']);
    const long = await client().post('/api/registrations/resend', { email: UNCONFIRMED, pendingKey: 'A'.repeat(65) });
    assert.deepEqual(fieldErrors(long.json), ['pendingKey:too-long']);
    const other = await client().post('/api/registrations/resend', { email: UNCONFIRMED, key: KEY });
    assert.deepEqual(fieldErrors(other.json), ['key:unknown-field']);
    await server.services.mailer.idle();
    assert.equal(server.services.mailbox!.list().length, before);
  });

  it('uses the parameter name of CONFIRM_KEY_PARAM, and none when it is empty', async () => {
    for (const [confirmKeyParam, expected] of [['code', `&code=${KEY}`], ['', '']] as const) {
      const other = await start({ confirmKeyParam });
      try {
        await other.client().post('/api/registrations', registration({ email: 'param@example.de', pendingKey: KEY }));
        await other.services.mailer.idle();
        const link = other.services.mailbox!.list({ to: 'param@example.de' })[0]!.links.find((each) => each.includes('ks-confirm='))!;
        assert.ok(link.endsWith(`ks-confirm=${encodeURIComponent(tokenFromMailbox(other, 'param@example.de')!)}${expected}`), link);
      } finally {
        await other.close();
      }
    }
  });
});

describe('password policy', () => {
  let server: TestServer;
  before(async () => {
    server = await start({ trustProxy: true });
  });
  after(() => server.close());

  let n = 0;
  const attempt = (password: string, email = `policy${++n}@example.de`) =>
    server.client({ ip: `198.51.100.${n}` }).post('/api/registrations', registration({ email, password }));
  const codes = (reply: { json: any }) => (reply.json.errors as Array<{ code: string }>).map((error) => error.code);

  it('refuses 11 characters and accepts 12', async () => {
    assert.deepEqual(codes(await attempt('elf Zeichen')), ['password-too-short']);
    assert.equal((await attempt('zwölf Zeiche')).status, 202);
  });

  it('counts characters, not UTF-16 units: 11 emoji are too short', async () => {
    assert.deepEqual(codes(await attempt('🔑'.repeat(11))), ['password-too-short']);
  });

  it('accepts 64 and 128 characters and refuses 129', async () => {
    assert.equal((await attempt('a1b2c3d4-'.repeat(8).slice(0, 64))).status, 202);
    assert.equal((await attempt('Zq7#'.repeat(32))).status, 202);
    assert.deepEqual(codes(await attempt('Zq7#'.repeat(32) + 'x')), ['too-long']);
  });

  it('needs no digits, capitals or symbols', async () => {
    assert.equal((await attempt('nur kleine buchstaben hier')).status, 202);
  });

  it('refuses common passwords, case-insensitively', async () => {
    assert.deepEqual(codes(await attempt('passwort1234')), ['password-too-common']);
    assert.deepEqual(codes(await attempt('QWERTZUIOP123')), ['password-too-common']);
    assert.deepEqual(codes(await attempt('hallo1234567')), ['password-too-common']);
  });

  it('refuses the own e-mail address', async () => {
    assert.deepEqual(codes(await attempt('anna.schmidt@example.de', 'anna.schmidt@example.de')), ['password-contains-email']);
    assert.deepEqual(codes(await attempt('Anna.Schmidt2026', 'anna.schmidt@example.de')), ['password-contains-email']);
  });

  it('neither trims nor truncates: the password is exactly what was typed', async () => {
    const email = 'spaces@example.de';
    const password = '  Leerzeichen zählen  ';
    const client = server.client({ ip: '198.51.100.200' });
    await registerAndConfirm(server, client, email, { password });
    assert.equal((await server.client().signIn(email, password)).status, 200);
    const trimmed = await server.client().signIn(email, password.trim());
    assert.equal(trimmed.status, 401);
    assert.equal(codeForProblemType(trimmed.json.type), 'invalid-credentials');

    // The longest password allowed (128 characters) counts to its last character.
    const longEmail = 'long.password@example.de';
    const long = 'Ein langer Satz als Kennwort, '.repeat(5).slice(0, 127) + 'Z';
    assert.equal([...long].length, 128);
    await registerAndConfirm(server, server.client({ ip: '198.51.100.201' }), longEmail, { password: long });
    const prefix = await server.client().signIn(longEmail, long.slice(0, 127));
    assert.equal(prefix.status, 401, 'the 127-character prefix is not the password');
    assert.equal(codeForProblemType(prefix.json.type), 'invalid-credentials');
    assert.equal((await server.client().signIn(longEmail, long)).status, 200);
  });
});

describe('resend confirmation and password reset', () => {
  let server: TestServer;
  before(async () => {
    server = await start({ trustProxy: true });
  });
  after(() => server.close());
  let n = 0;
  const client = () => server.client({ ip: `192.0.2.${++n}` });

  it('resend: same 202 for unconfirmed, confirmed and unknown addresses; a mail only for the unconfirmed one', async () => {
    const before = server.services.mailbox!.list().length;
    const unconfirmed = await client().post('/api/registrations/resend', { email: 'neu@keyshelf.example' });
    const confirmed = await client().post('/api/registrations/resend', { email: TEACHER });
    const unknown = await client().post('/api/registrations/resend', { email: 'ghost@example.de' });
    for (const reply of [unconfirmed, confirmed, unknown]) {
      assert.equal(reply.status, 202);
      assert.equal(reply.text, unconfirmed.text);
    }
    await server.services.mailer.idle();
    const mails = server.services.mailbox!.list().slice(0, server.services.mailbox!.list().length - before);
    assert.deepEqual(mails.map((mail) => mail.to), ['neu@keyshelf.example']);
    const token = tokenFromMailbox(server, 'neu@keyshelf.example')!;
    assert.equal((await server.client().post('/api/email-confirmations', { token })).status, 200);
  });

  it('reset request: same 202 and body for known and unknown addresses; a mail only for the known one', async () => {
    const before = server.services.mailbox!.list().length;
    const known = await client().post('/api/password-resets', { email: 'schueler@keyshelf.example' });
    const unknown = await client().post('/api/password-resets', { email: 'ghost@example.de' });
    assert.equal(known.status, 202);
    assert.equal(unknown.status, 202);
    assert.equal(known.text, unknown.text);
    await server.services.mailer.idle();
    const list = server.services.mailbox!.list();
    assert.deepEqual(list.slice(0, list.length - before).map((mail) => mail.to), ['schueler@keyshelf.example']);
  });

  it('completing a reset sets the new password, ends every session, and the token works once', async () => {
    const email = 'schueler@keyshelf.example';
    const signedIn = server.client();
    await signedIn.signIn(email);
    await client().post('/api/password-resets', { email });
    await server.services.mailer.idle();
    const token = tokenFromMailbox(server, email, 'ks-reset')!;
    const weak = await server.client().post('/api/password-resets/complete', { token, password: 'passwort1234' });
    assert.deepEqual(weak.json.errors, [{ field: 'password', code: 'password-too-common' }]);
    const done = await server.client().post('/api/password-resets/complete', { token, password: 'Ein ganz neues Kennwort' });
    assert.equal(done.status, 204, 'a refused password did not use up the token');
    assert.deepEqual((await signedIn.get('/api/session')).json, { user: null });
    assert.equal((await server.client().signIn(email, DEMO_PASSWORD)).status, 401);
    assert.equal((await server.client().signIn(email, 'Ein ganz neues Kennwort')).status, 200);
    const again = await server.client().post('/api/password-resets/complete', { token, password: 'Noch ein neues Kennwort' });
    assert.deepEqual(again.json.errors, [{ field: 'token', code: 'token-invalid' }]);
  });

  it('completing a reset confirms the address and voids the account’s other reset and confirmation links', async () => {
    const email = 'reset.voids@example.de';
    await client().post('/api/registrations', registration({ email }));
    await server.services.mailer.idle();
    const confirmToken = tokenFromMailbox(server, email)!;
    await client().post('/api/password-resets', { email });
    await client().post('/api/password-resets', { email });
    await server.services.mailer.idle();
    const resetTokens = server.services.mailbox!.list({ to: email }).flatMap((mail) =>
      mail.links.filter((link) => link.includes('ks-reset=')).map((link) => new URL(link).searchParams.get('ks-reset')!),
    );
    assert.equal(resetTokens.length, 2);
    const [newest, older] = resetTokens as [string, string];
    assert.equal((await server.client().post('/api/password-resets/complete', { token: newest, password: 'Ein ganz neues Kennwort' })).status, 204);
    assert.equal((await server.client().signIn(email, 'Ein ganz neues Kennwort')).status, 200, 'confirmed by the reset');
    const stale = await server.client().post('/api/password-resets/complete', { token: older, password: 'Noch ein neues Kennwort' });
    assert.deepEqual(stale.json.errors, [{ field: 'token', code: 'token-invalid' }]);
    const confirm = await server.client().post('/api/email-confirmations', { token: confirmToken });
    assert.deepEqual(confirm.json.errors, [{ field: 'token', code: 'token-invalid' }]);
  });

  it('a malformed reset token is token-invalid; the password is checked against the policy of the options', async () => {
    const malformed = await server.client().post('/api/password-resets/complete', { token: 'kurz', password: 'Ein ganz neues Kennwort' });
    assert.deepEqual(malformed.json.errors, [{ field: 'token', code: 'token-invalid' }]);
    const both = await server.client().post('/api/password-resets/complete', { token: '', password: '' });
    assert.deepEqual(both.json.errors, [
      { field: 'token', code: 'token-invalid' },
      { field: 'password', code: 'required' },
    ]);
  });

  it('a reset token expires after 1 h: it works until just before, and not from then on', async () => {
    // Two accounts' tokens issued at the same instant (a token works once, and completing a reset
    // voids the account's other reset links).
    const early = 'lehrkraft@keyshelf.example';
    const late = 'reset.late@example.de';
    await client().post('/api/registrations', registration({ email: late }));
    await client().post('/api/password-resets', { email: early });
    await client().post('/api/password-resets', { email: late });
    await server.services.mailer.idle();
    const earlyToken = tokenFromMailbox(server, early, 'ks-reset')!;
    const lateToken = tokenFromMailbox(server, late, 'ks-reset')!;
    server.clock.advance(HOUR - 1);
    const inTime = await server.client().post('/api/password-resets/complete', { token: earlyToken, password: 'Ein ganz neues Kennwort' });
    assert.equal(inTime.status, 204, 'still valid 1 ms before 1 h');
    assert.equal((await server.client().signIn(early, 'Ein ganz neues Kennwort')).status, 200);
    server.clock.advance(1);
    const reply = await server.client().post('/api/password-resets/complete', { token: lateToken, password: 'Ein ganz neues Kennwort' });
    assert.equal(reply.status, 400);
    assert.deepEqual(reply.json.errors, [{ field: 'token', code: 'token-expired' }]);
    server.clock.advance(HOUR);
    const later = await server.client().post('/api/password-resets/complete', { token: lateToken, password: 'Ein ganz neues Kennwort' });
    assert.deepEqual(later.json.errors, [{ field: 'token', code: 'token-expired' }]);
  });
});
