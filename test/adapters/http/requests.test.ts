/** What `HttpBackend` puts on the wire, as the fault server received it. */
import { expect } from '@open-wc/testing';
import { HttpBackend } from '../../../src/adapters/http/index.js';
import { CSRF_HEADER, IDEMPOTENCY_HEADER, routes } from '../../../src/core/rest-contract.js';
import type { RegistrationRequest } from '../../../src/core/schemas.js';
import { faultRun, rejection, signal, type FaultRun, type LoggedRequest } from './fault-run.js';

const credentials = { email: 'reader@example.com', password: 'correct horse battery staple' };
const registration: RegistrationRequest = {
  customerType: 'teacher',
  email: 'new.teacher@example.com',
  password: 'a long enough passphrase',
  acceptedTermsVersion: '2025-01',
  newsletter: false,
  address: {
    firstName: 'Nora',
    lastName: 'Neu',
    street: 'Schulweg 1',
    postcode: '10115',
    city: 'Berlin',
    country: 'DE',
    institution: 'Gymnasium am Park',
  },
  pendingKey: 'MATH7A3B4C6DE7F6',
};

/** Calls every method of the interface once, in an order the fault server accepts. */
async function callEverything(backend: HttpBackend): Promise<void> {
  await backend.getSession({ signal: signal() });
  await backend.getRegistrationOptions({ signal: signal() });
  await backend.register(registration, { signal: signal() });
  await backend.resendConfirmation(registration.email, { signal: signal(), pendingKey: 'MATH7A3B4C6DE7F6' });
  await backend.confirmEmail('t'.repeat(32), { signal: signal() });
  await backend.signOut({ signal: signal() });
  await backend.requestPasswordReset(credentials.email, { signal: signal() });
  await backend.completePasswordReset(`reset-${'r'.repeat(26)}`, 'a new long passphrase', { signal: signal() });
  await backend.signIn(credentials, { signal: signal() });
  await backend.redeemKey('ABCD-EFGH', { idempotencyKey: 'idem-1', signal: signal() });
  await backend.listProducts({ signal: signal() });
}

describe('HttpBackend requests', () => {
  let run: FaultRun;
  let log: LoggedRequest[];

  describe('for every method of the interface', () => {
    before(async () => {
      run = await faultRun();
      await callEverything(new HttpBackend({ baseUrl: run.baseUrl }));
      log = await run.log();
    });

    it('sends exactly the method and path of the route table', () => {
      const sent = log.map((request) => `${request.method} ${request.path}`);
      const expected = [
        routes.getSession, routes.getRegistrationOptions, routes.register, routes.resendConfirmation, routes.confirmEmail,
        routes.signOut, routes.requestPasswordReset, routes.completePasswordReset, routes.signIn, routes.redeemKey, routes.listProducts,
      ].map((route) => `${route.method} ${route.path}`);
      expect(sent).to.deep.equal(expected);
    });

    it('puts the CSRF header on every write and leaves GETs as simple requests', () => {
      for (const request of log) {
        const csrf = request.headers[CSRF_HEADER.toLowerCase()];
        if (request.method === 'GET') expect(csrf, `${request.method} ${request.path}`).to.equal(undefined);
        else expect(csrf, `${request.method} ${request.path}`).to.equal('1');
      }
    });

    it('sends bodies as JSON, exactly the fields of the contract', () => {
      const bodies = Object.fromEntries(log.filter((r) => r.body !== '').map((r) => [`${r.method} ${r.path}`, r]));
      expect(Object.keys(bodies)).to.have.members([
        'POST /registrations', 'POST /registrations/resend', 'POST /email-confirmations',
        'POST /password-resets', 'POST /password-resets/complete', 'POST /session', 'POST /redemptions',
      ]);
      for (const request of Object.values(bodies)) expect(request.headers['content-type']).to.match(/^application\/json/);
      expect(JSON.parse(bodies['POST /registrations']!.body)).to.deep.equal(registration);
      expect(JSON.parse(bodies['POST /session']!.body)).to.deep.equal(credentials);
      expect(JSON.parse(bodies['POST /registrations/resend']!.body)).to.deep.equal({ email: registration.email, pendingKey: 'MATH7A3B4C6DE7F6' });
      expect(JSON.parse(bodies['POST /email-confirmations']!.body)).to.deep.equal({ token: 't'.repeat(32) });
      expect(JSON.parse(bodies['POST /password-resets']!.body)).to.deep.equal({ email: credentials.email });
      expect(JSON.parse(bodies['POST /password-resets/complete']!.body)).to.deep.equal({
        token: `reset-${'r'.repeat(26)}`,
        password: 'a new long passphrase',
      });
      expect(JSON.parse(bodies['POST /redemptions']!.body)).to.deep.equal({ key: 'ABCD-EFGH' });
    });

    it('asks for JSON and problem+json', () => {
      for (const request of log) expect(request.headers.accept).to.include('application/json').and.include('application/problem+json');
    });

    it('sends the Idempotency-Key on redeem only', () => {
      for (const request of log) {
        const key = request.headers[IDEMPOTENCY_HEADER.toLowerCase()];
        expect(key, request.path).to.equal(request.path === '/redemptions' ? 'idem-1' : undefined);
      }
    });

    it('puts nothing in the URL but the path', () => {
      for (const request of log) expect(request.url).to.equal(`/__fault/${run.id}/api${request.path}`);
    });

    it('sends the session cookie it was given', () => {
      const products = log.find((request) => request.path === '/products')!;
      expect(products.cookies).to.have.property('ks_fault_session').that.is.a('string').and.not.empty;
    });
  });

  it('leaves web storage alone', async () => {
    localStorage.clear();
    sessionStorage.clear();
    run = await faultRun();
    await callEverything(new HttpBackend({ baseUrl: run.baseUrl }));
    expect(localStorage.length).to.equal(0);
    expect(sessionStorage.length).to.equal(0);
  });

  it('sends the same Idempotency-Key when the caller retries a redeem, and gets the same answer', async () => {
    run = await faultRun();
    const backend = new HttpBackend({ baseUrl: run.baseUrl });
    await backend.signIn(credentials, { signal: signal() });
    const first = await backend.redeemKey('ABCD-EFGH', { idempotencyKey: 'same-intent', signal: signal() });
    const again = await backend.redeemKey('ABCD-EFGH', { idempotencyKey: 'same-intent', signal: signal() });
    expect(again).to.deep.equal(first);
    const redeems = (await run.log()).filter((request) => request.path === '/redemptions');
    expect(redeems.map((request) => request.headers['idempotency-key'])).to.deep.equal(['same-intent', 'same-intent']);
  });

  it('hears validation when an Idempotency-Key is reused for another key text', async () => {
    run = await faultRun();
    const backend = new HttpBackend({ baseUrl: run.baseUrl });
    await backend.signIn(credentials, { signal: signal() });
    await backend.redeemKey('ABCD-EFGH', { idempotencyKey: 'intent-1', signal: signal() });
    await rejection(backend.redeemKey('WXYZ-EFGH', { idempotencyKey: 'intent-1', signal: signal() }), 'validation');
  });

  it('completes a password reset with a 204 and reads an expired token as validation on the token', async () => {
    run = await faultRun();
    const backend = new HttpBackend({ baseUrl: run.baseUrl });
    expect(await backend.completePasswordReset(`reset-${'r'.repeat(26)}`, 'a new long passphrase', { signal: signal() })).to.equal(undefined);
    const error = await rejection(backend.completePasswordReset(`expired-${'r'.repeat(24)}`, 'a new long passphrase', { signal: signal() }), 'validation');
    expect(error.fieldErrors).to.deep.equal([{ field: 'token', code: 'token-expired' }]);
  });

  it('adds the publisher headers, but the contract headers win', async () => {
    run = await faultRun();
    const backend = new HttpBackend({ baseUrl: run.baseUrl, headers: { 'X-Publisher': 'verlag-1', [CSRF_HEADER]: '0' } });
    await backend.requestPasswordReset(credentials.email, { signal: signal() });
    const [request] = await run.log();
    expect(request!.headers['x-publisher']).to.equal('verlag-1');
    expect(request!.headers[CSRF_HEADER.toLowerCase()]).to.equal('1');
  });

  it('joins a base URL with or without a trailing slash', async () => {
    run = await faultRun();
    await new HttpBackend({ baseUrl: `${run.baseUrl}/` }).getSession({ signal: signal() });
    await new HttpBackend({ baseUrl: new URL(run.baseUrl, location.href).href }).getSession({ signal: signal() });
    expect((await run.log()).map((request) => request.url)).to.deep.equal([
      `/__fault/${run.id}/api/session`,
      `/__fault/${run.id}/api/session`,
    ]);
  });

  it('reports a request that cannot be built (a caller bug) as server, not as offline', async () => {
    run = await faultRun();
    const backend = new HttpBackend({ baseUrl: run.baseUrl });
    await rejection(backend.redeemKey('ABCD', { idempotencyKey: 'line\nbreak', signal: signal() }), 'server');
    expect(await run.log()).to.have.length(0);
  });

  it('refuses a base URL with a query, a fragment or credentials', () => {
    for (const baseUrl of ['/api?token=secret', '/api#x', 'https://user:secret@api.example.com/']) {
      expect(() => new HttpBackend({ baseUrl }), baseUrl).to.throw(TypeError);
    }
  });

  describe("with credentials: 'include'", () => {
    it('builds every request with it', async () => {
      run = await faultRun();
      const seen: Request[] = [];
      const backend = new HttpBackend({
        baseUrl: run.baseUrl,
        fetch: (input, init) => {
          seen.push(input as Request);
          return fetch(input, init);
        },
      });
      await callEverything(backend);
      expect(seen).to.have.length(Object.keys(routes).length);
      for (const request of seen) expect(request.credentials, request.url).to.equal('include');
    });

    it('keeps a cookie session with an API on another origin of the same site', async () => {
      run = await faultRun();
      const backend = new HttpBackend({ baseUrl: run.sameSiteBaseUrl });
      await backend.signIn(credentials, { signal: signal() });
      expect(await backend.getSession({ signal: signal() })).to.have.property('email', credentials.email);
      const session = (await run.log()).filter((request) => request.method === 'GET').at(-1)!;
      expect(session.headers.origin).to.equal(location.origin);
      expect(session.cookies).to.have.property('ks_fault_session');
    });

    it('fails against a cross-origin API that does not allow credentials, which a request without them would pass', async () => {
      run = await faultRun();
      await run.script([], { cors: 'no-credentials' });
      const plain = await fetch(`${run.crossSiteBaseUrl}/session`, { credentials: 'same-origin' });
      expect(plain.status, 'the same request without credentials').to.equal(200);
      await rejection(new HttpBackend({ baseUrl: run.crossSiteBaseUrl, retries: 0 }).getSession({ signal: signal() }), 'offline');
    });
  });
});
