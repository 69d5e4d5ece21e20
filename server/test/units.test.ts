/** Unit tests of the pure parts: password rules and hashing, config, idempotency helpers, problem mapping. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { demoRegistrationOptions } from '../../src/adapters/memory/demo-catalogue.js';
import { fieldErrorsFromIssues } from '../../src/core/field-errors.js';
import { checkPassword, codePointLength } from '../../src/core/password-policy.js';
import { registrationRequestSchema } from '../../src/core/schemas.js';
import { ConfigError, DEFAULT_DATABASE, linkWithParam, loadConfig } from '../config.js';
import { fingerprint, parseIdempotencyKey } from '../idempotency.js';
import { escapeHtml } from '../mail/templates.js';
import { createPasswordHasher, loadBlocklist, UNUSABLE_PASSWORD_HASH } from '../passwords.js';
import { FAST_SCRYPT } from './helpers.js';

const blocklist = loadBlocklist();
const policy = demoRegistrationOptions.passwordPolicy;
const check = (password: string, email = 'anna.schmidt@example.de') => checkPassword(password, { policy, email, blocklist }).map((e) => e.code);

describe('password blocklist', () => {
  it('holds at least 1,000 common passwords, many of them long enough to pass the length rule', () => {
    assert.ok(blocklist.size >= 1000, `${blocklist.size}`);
    assert.ok([...blocklist].filter((password) => codePointLength(password) >= 12).length >= 500);
  });

  it('includes the usual suspects, in German and English', () => {
    for (const password of ['123456789012', 'passwort1234', 'password1234', 'qwertzuiop123', 'ichliebedich123', 'hallo1234567', 'sommer2024', 'michael12345']) {
      assert.ok(blocklist.has(password), password);
    }
  });

  it('does not hold the documented demo password', () => {
    assert.ok(!blocklist.has('kennwort-demo-2026'));
  });
});

describe('checkPassword', () => {
  it('applies the length policy in code points', () => {
    assert.deepEqual(check('a'.repeat(11) + 'b'), []);
    assert.deepEqual(check('ab'.repeat(5) + 'c'), ['password-too-short']);
    assert.deepEqual(check('ä'.repeat(12)), []);
    assert.deepEqual(check('😀'.repeat(11)), ['password-too-short']);
    assert.deepEqual(check('x'.repeat(129)), ['too-long']);
  });

  it('refuses the e-mail address and its local part (from 3 characters) anywhere in the password', () => {
    assert.deepEqual(check('ANNA.SCHMIDT@EXAMPLE.DE'), ['password-contains-email']);
    assert.deepEqual(check('anna.schmidt!!'), ['password-contains-email']);
    assert.deepEqual(check('mein Hund heißt anna.schmidt und bellt'), ['password-contains-email']);
    assert.deepEqual(check('mein Hund heißt Bello und bellt'), []);
    assert.deepEqual(check('al ist ein guter Name', 'al@example.de'), []);
  });
});

describe('password hashing', () => {
  const hasher = createPasswordHasher(FAST_SCRYPT);

  it('verifies the right password only, with a fresh salt each time', async () => {
    const a = await hasher.hash('ein gutes Kennwort');
    const b = await hasher.hash('ein gutes Kennwort');
    assert.notEqual(a, b);
    assert.match(a, /^scrypt\$1024\$8\$1\$[\w-]+\$[\w-]+$/);
    assert.equal(await hasher.verify('ein gutes Kennwort', a), true);
    assert.equal(await hasher.verify('ein gutes Kennwort ', a), false);
  });

  it('treats unusable and malformed hashes as a failed check', async () => {
    assert.equal(await hasher.verify('x', UNUSABLE_PASSWORD_HASH), false);
    assert.equal(await hasher.verify('x', 'scrypt$99999999$8$1$a$b'), false);
    assert.equal(await hasher.verify('x', 'md5$abc'), false);
  });

  it('verifies hashes made with other parameters (the cost can be raised later)', async () => {
    const old = await createPasswordHasher({ N: 2048, r: 8, p: 1 }).hash('altes Kennwort hier');
    assert.equal(await hasher.verify('altes Kennwort hier', old), true);
  });
});

describe('loadConfig', () => {
  it('runs with no configuration: development, :8080, .data/keyshelf.db, localhost origins', () => {
    const config = loadConfig({});
    assert.equal(config.mode, 'development');
    assert.equal(config.port, 8080);
    assert.equal(config.database, DEFAULT_DATABASE);
    assert.match(config.database, /\.data\/keyshelf\.db$/);
    assert.equal(config.publicUrl, 'http://localhost:8080');
    assert.equal(config.seedDemo, true);
    assert.deepEqual(config.allowedOrigins, ['http://localhost:*', 'http://127.0.0.1:*']);
    assert.equal(config.confirmUrl, 'http://localhost:8080/?ks-confirm={token}');
    assert.equal(config.confirmKeyParam, 'key');
  });

  it('reads the environment', () => {
    const config = loadConfig({
      NODE_ENV: 'production',
      PORT: '3000',
      DATABASE: '/var/lib/keyshelf/db.sqlite',
      ALLOWED_ORIGINS: 'https://www.verlag.example, https://shop.verlag.example/',
      PUBLIC_URL: 'https://www.verlag.example/konto/',
      SMTP_URL: 'smtps://u:p@mail.example:465',
      TRUST_PROXY: '1',
      CONFIRM_KEY_PARAM: ' code ',
    });
    assert.equal(config.mode, 'production');
    assert.equal(config.port, 3000);
    assert.deepEqual(config.allowedOrigins, ['https://www.verlag.example', 'https://shop.verlag.example']);
    assert.equal(config.publicUrl, 'https://www.verlag.example/konto');
    assert.equal(config.seedDemo, false);
    assert.equal(config.trustProxy, true);
    assert.equal(config.resetUrl, 'https://www.verlag.example/konto/?ks-reset={token}');
    assert.equal(config.confirmKeyParam, 'code');
    assert.equal(loadConfig({ CONFIRM_KEY_PARAM: '' }).confirmKeyParam, '');
  });

  it('refuses nonsense', () => {
    assert.throws(() => loadConfig({ PORT: 'eighty' }), ConfigError);
    assert.throws(() => loadConfig({ ALLOWED_ORIGINS: 'https://a.example/path' }), ConfigError);
    assert.throws(() => loadConfig({ PUBLIC_URL: 'not a url' }), ConfigError);
  });
});

describe('linkWithParam', () => {
  it('adds the parameter after the others and before the fragment, encoded', () => {
    assert.equal(linkWithParam('https://v.example/?ks-confirm=abc', 'key', 'MATH7A3B'), 'https://v.example/?ks-confirm=abc&key=MATH7A3B');
    assert.equal(linkWithParam('https://v.example/a?x=1#top', 'key', 'K'), 'https://v.example/a?x=1&key=K#top');
    assert.equal(linkWithParam('https://v.example/confirm/abc', 'key', 'K'), 'https://v.example/confirm/abc?key=K');
    assert.equal(linkWithParam('https://v.example/#/route?x=1', 'key', 'K'), 'https://v.example/?key=K#/route?x=1');
    assert.equal(linkWithParam('https://v.example/?', 'schlüssel', 'Ä&B'), 'https://v.example/?schl%C3%BCssel=%C3%84%26B');
  });

  it('leaves the link alone without a parameter name', () => {
    assert.equal(linkWithParam('https://v.example/?ks-confirm=abc', '', 'K'), 'https://v.example/?ks-confirm=abc');
  });
});

describe('idempotency helpers', () => {
  it('parses the header as a bare token or a structured-field string', () => {
    assert.equal(parseIdempotencyKey('abc-123'), 'abc-123');
    assert.equal(parseIdempotencyKey('"abc-123"'), 'abc-123');
    assert.equal(parseIdempotencyKey(''), undefined);
    assert.equal(parseIdempotencyKey('a b'), undefined);
    assert.equal(parseIdempotencyKey('x'.repeat(256)), undefined);
  });

  it('fingerprints payloads regardless of key order', () => {
    assert.equal(fingerprint({ a: 1, b: [1, { c: 2, d: 3 }] }), fingerprint({ b: [1, { d: 3, c: 2 }], a: 1 }));
    assert.notEqual(fingerprint({ key: 'A' }), fingerprint({ key: 'B' }));
  });
});

describe('problem mapping', () => {
  it('turns validator issues into stable field codes without the validator’s text', () => {
    const result = registrationRequestSchema.safeParse({ email: 'x', extra: 1, address: { country: 'de' } });
    assert.ok(!result.success);
    const errors = fieldErrorsFromIssues(result.error.issues, { email: 'x', extra: 1, address: { country: 'de' } });
    assert.ok(errors.some((e) => e.field === 'email' && e.code === 'invalid-email'));
    assert.ok(errors.some((e) => e.field === 'extra' && e.code === 'unknown-field'));
    assert.ok(errors.some((e) => e.field === 'address.firstName' && e.code === 'required'));
    assert.ok(errors.some((e) => e.field === 'password' && e.code === 'required'));
    assert.ok(errors.some((e) => e.field === 'address.country' && e.code === 'invalid-value'));
    assert.ok(errors.every((e) => !/Invalid/.test(e.code)));
  });

  it('escapes HTML in mail', () => {
    assert.equal(escapeHtml(`<a href="x">'&'</a>`), '&#60;a href=&#34;x&#34;&#62;&#39;&#38;&#39;&#60;/a&#62;');
  });
});
