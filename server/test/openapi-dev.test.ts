import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { routes } from '../../src/core/rest-contract.js';
import { problemTypeFor } from '../../src/core/errors.js';
import type { MailTransport } from '../mail/transport.js';
import { registration, start, type TestServer } from './helpers.js';

describe('GET /openapi.json', () => {
  let server: TestServer;
  let doc: any;
  before(async () => {
    server = await start();
    doc = (await server.client().get('/openapi.json')).json;
  });
  after(() => server.close());

  it('is OpenAPI 3.1 and lists every operation of the route table with its method and path', () => {
    assert.equal(doc.openapi, '3.1.0');
    assert.deepEqual(doc.servers, [{ url: '/api' }]);
    for (const [name, route] of Object.entries(routes)) {
      const operation = doc.paths[route.path]?.[route.method.toLowerCase()];
      assert.ok(operation, `${name}: ${route.method} ${route.path}`);
      assert.equal(operation.operationId, name);
      for (const status of route.status) assert.ok(operation.responses[String(status)], `${name} ${status}`);
    }
  });

  it('describes request bodies from the shared schemas: required fields, length caps, no unknown members', () => {
    const body = doc.paths['/registrations'].post.requestBody.content['application/json'].schema;
    assert.equal(body.additionalProperties, false);
    assert.ok(body.required.includes('acceptedTermsVersion'));
    assert.equal(body.properties.password.maxLength, 128);
    assert.equal(body.properties.address.properties.city.maxLength, 100);
  });

  it('describes responses on their wire side and the problems each operation can answer', () => {
    const redeem = doc.paths['/redemptions'].post;
    assert.equal(redeem.responses['201'].content['application/json'].schema.properties.product.properties.openUrl.type, 'string');
    assert.ok(redeem.parameters.some((parameter: any) => parameter.$ref === '#/components/parameters/IdempotencyKey'));
    assert.deepEqual(redeem.security, [{ session: [] }]);
    assert.ok(redeem.responses['409']['x-problem-types'].includes(problemTypeFor('key-already-redeemed')));
    assert.ok(redeem.responses['429'].headers['Retry-After']);
    assert.ok(doc.components.schemas.Problem.properties.byYou);
  });

  it('describes completing a password reset as part of the contract, with no extension marker', () => {
    const complete = doc.paths['/password-resets/complete'].post;
    assert.equal(complete.operationId, 'completePasswordReset');
    assert.equal(complete['x-keyshelf-extension'], undefined);
    assert.deepEqual(complete.requestBody.content['application/json'].schema.required.sort(), ['password', 'token']);
    assert.ok(complete.responses['204']);
    assert.ok(complete.responses['400']['x-problem-types'].includes(problemTypeFor('validation')));
  });
});

describe('GET /dev/mailbox', () => {
  let server: TestServer;
  before(async () => {
    server = await start({ trustProxy: true });
  });
  after(() => server.close());

  it('shows the mail as JSON and as escaped HTML in development mode', async () => {
    await server.client({ ip: '192.0.2.1' }).post('/api/registrations', registration({ email: 'mail@example.de' }));
    await server.services.mailer.idle();
    const json = await server.client().get('/dev/mailbox?format=json');
    assert.equal(json.status, 200);
    assert.equal(json.json.messages[0].to, 'mail@example.de');
    assert.ok(json.json.messages[0].links[0].includes('ks-confirm='));
    const viaAccept = await server.client().get('/dev/mailbox', { headers: { Accept: 'application/json' } });
    assert.equal(viaAccept.json.messages.length, json.json.messages.length);
    const html = await server.client().get('/dev/mailbox');
    assert.match(html.headers.get('content-type')!, /text\/html/);
    assert.match(html.text, /mail@example\.de/);
    assert.match(html.headers.get('content-security-policy')!, /default-src 'none'/);
  });
});

describe('production mode', () => {
  let server: TestServer;
  const sent: string[] = [];
  const transport: MailTransport = { name: 'test', send: async (message) => void sent.push(message.to) };
  before(async () => {
    server = await start({ mode: 'production', mailTransport: transport, seedDemo: false });
  });
  after(() => server.close());

  it('has no dev mailbox and seeds no demo accounts', async () => {
    assert.equal((await server.client().get('/dev/mailbox')).status, 404);
    assert.equal((await server.client().signIn('lehrkraft@keyshelf.example')).status, 401);
  });

  it('sends mail through the configured transport', async () => {
    await server.client().post('/api/registrations', registration({ email: 'prod@example.de' }));
    await server.services.mailer.idle();
    assert.deepEqual(sent, ['prod@example.de']);
  });

  it('refuses to start without a mail transport', async () => {
    await assert.rejects(start({ mode: 'production', seedDemo: false }), /SMTP_URL/);
  });
});
