import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { demoAccounts } from '../../src/adapters/memory/demo-catalogue.js';
import { createLogger, maskKey } from '../log.js';
import { DEMO_PASSWORD, PUPIL, TEACHER, registration, start, tokenFromMailbox, unknownKey, type TestServer } from './helpers.js';

describe('audit log', () => {
  let server: TestServer;
  const lines: string[] = [];
  before(async () => {
    server = await start({ log: createLogger({ sink: (line) => lines.push(line), salt: 'test' }) });
  });
  after(() => server.close());

  it('writes one line per auth and redeem event with the event, a user hash and the outcome, and no secrets', async () => {
    const client = server.client();
    const secrets: string[] = [DEMO_PASSWORD, 'Falsches-Kennwort-1', PUPIL, TEACHER];
    const start = lines.length;
    await client.signIn(PUPIL, 'Falsches-Kennwort-1');
    await client.signIn(PUPIL);
    secrets.push(client.sessionToken!);
    const key = 'DATA8K3M4N6PR7T3';
    secrets.push(key, key.slice(-8));
    await client.redeem(key);
    await client.delete('/api/session');
    // The key a confirmation link carries goes into the mail, and into no log line, not even masked.
    const pendingKey = unknownKey(3);
    const body = registration({ email: 'logged@example.de', pendingKey });
    secrets.push(body.password, 'logged@example.de', pendingKey, pendingKey.slice(0, 4), pendingKey.slice(-8));
    await client.post('/api/registrations', body);
    await client.post('/api/registrations/resend', { email: 'logged@example.de', pendingKey });
    await server.services.mailer.idle();
    const token = tokenFromMailbox(server, 'logged@example.de')!;
    secrets.push(token);
    await client.post('/api/email-confirmations', { token });

    const records = lines.slice(start).map((line) => JSON.parse(line));
    assert.deepEqual(
      records.map((record) => `${record.event}:${record.outcome}`),
      ['sign-in:invalid-credentials', 'sign-in:ok', 'redeem:activated', 'sign-out:ok', 'register:ok', 'resend-confirmation:sent', 'confirm-email:ok'],
    );
    const pupilId = demoAccounts.find((account) => account.email === PUPIL)!.id;
    for (const record of records) {
      assert.match(record.user, /^[0-9a-f]{16}$/);
      assert.notEqual(record.user, pupilId);
    }
    assert.equal(records[2].key, 'DATA************');
    for (const line of lines.slice(start)) {
      for (const secret of secrets) assert.ok(!line.includes(secret), `log line leaks "${secret}": ${line}`);
    }
  });

  it('maskKey keeps only the first four characters', () => {
    assert.equal(maskKey('ABCDEFGHJKMNPRTU'), 'ABCD************');
    assert.equal(maskKey('AB'), 'AB');
  });
});
