/**
 * The happy paths of the REST contract, through `HttpBackend`, against any server that speaks it:
 * the fault server here, the reference server in server/ later. Each test starts by signing out,
 * so the tests may run in any order against one shared server.
 */
import { expect } from '@open-wc/testing';
import { HttpBackend, type HttpBackendOptions } from '../../../src/adapters/http/index.js';
import type { Credentials } from '../../../src/core/schemas.js';
import { rejection, signal } from './fault-run.js';

export interface ContractTarget {
  /** The API's base URL, e.g. `http://localhost:8787/api`. Cross-origin targets must allow this page's origin with credentials. */
  baseUrl: string;
  /** A confirmed account on that server. */
  credentials: Credentials;
  /** A key the signed-in account may redeem; a fresh one for every call. */
  redeemableKey(): string | Promise<string>;
  /** The token of the newest password-reset mail to `email`, as the link in it carries it. */
  resetToken(email: string): string | Promise<string>;
  /** Extra options for the backend under test, e.g. a longer timeout for a slow server. */
  backendOptions?: Omit<HttpBackendOptions, 'baseUrl'>;
}

export function httpBackendContractSuite(name: string, getTarget: () => ContractTarget | Promise<ContractTarget>): void {
  describe(`HttpBackend contract: ${name}`, () => {
    let target: ContractTarget;
    let backend: HttpBackend;

    beforeEach(async () => {
      target = await getTarget();
      backend = new HttpBackend({ ...target.backendOptions, baseUrl: target.baseUrl });
      await backend.signOut({ signal: signal() });
    });

    it('reports nobody signed in as a null session', async () => {
      expect(await backend.getSession({ signal: signal() })).to.equal(null);
    });

    it('serves registration options that satisfy the schema', async () => {
      const options = await backend.getRegistrationOptions({ signal: signal() });
      expect(options.customerTypes).to.not.be.empty;
      expect(options.passwordPolicy.maxLength).to.be.at.least(64);
      expect(options.keyFormat.alphabet.length).to.be.at.least(2);
    });

    it('refuses a wrong password with invalid-credentials', async () => {
      await rejection(
        backend.signIn({ email: target.credentials.email, password: `${target.credentials.password}-wrong` }, { signal: signal() }),
        'invalid-credentials',
      );
      expect(await backend.getSession({ signal: signal() })).to.equal(null);
    });

    it('signs in with a cookie session, lists products and signs out', async () => {
      const user = await backend.signIn(target.credentials, { signal: signal() });
      expect(user.email).to.equal(target.credentials.email);

      const session = await backend.getSession({ signal: signal() });
      expect(session?.id).to.equal(user.id);

      const products = await backend.listProducts({ signal: signal() });
      expect(products).to.be.an('array');

      await backend.signOut({ signal: signal() });
      expect(await backend.getSession({ signal: signal() })).to.equal(null);
      await rejection(backend.listProducts({ signal: signal() }), 'unauthenticated');
    });

    it('redeems a key once per Idempotency-Key and replays the answer for the same key', async () => {
      await backend.signIn(target.credentials, { signal: signal() });
      const key = await target.redeemableKey();
      const idempotencyKey = crypto.randomUUID();

      const first = await backend.redeemKey(key, { idempotencyKey, signal: signal() });
      expect(first.outcome).to.be.oneOf(['activated', 'already-owned']);
      const replay = await backend.redeemKey(key, { idempotencyKey, signal: signal() });
      expect(replay).to.deep.equal(first);

      const products = await backend.listProducts({ signal: signal() });
      expect(products.map((product) => product.id)).to.include(first.product.id);
    });

    it('refuses to redeem without a session', async () => {
      await rejection(
        backend.redeemKey(await target.redeemableKey(), { idempotencyKey: crypto.randomUUID(), signal: signal() }),
        'unauthenticated',
      );
    });

    it('completes a password reset with the token from the mail, once, without signing in', async () => {
      const { email, password } = target.credentials;
      await backend.requestPasswordReset(email, { signal: signal() });
      const token = await target.resetToken(email);
      const short = await rejection(backend.completePasswordReset(token, 'kurz', { signal: signal() }), 'validation');
      expect(short.fieldErrors).to.deep.equal([{ field: 'password', code: 'password-too-short' }]);
      // The refused password left the token usable. The same password again, so the account works as before for the other tests.
      await backend.completePasswordReset(token, password, { signal: signal() });
      expect(await backend.getSession({ signal: signal() })).to.equal(null);
      const used = await rejection(backend.completePasswordReset(token, password, { signal: signal() }), 'validation');
      expect(used.fieldErrors).to.deep.equal([{ field: 'token', code: 'token-invalid' }]);
      expect((await backend.signIn(target.credentials, { signal: signal() })).email).to.equal(email);
    });

    it('refuses an unknown reset token on its field', async () => {
      const error = await rejection(backend.completePasswordReset('x'.repeat(43), target.credentials.password, { signal: signal() }), 'validation');
      expect(error.fieldErrors).to.deep.equal([{ field: 'token', code: 'token-invalid' }]);
    });

    it('accepts a password-reset request without saying whether the account exists', async () => {
      await backend.requestPasswordReset(target.credentials.email, { signal: signal() });
      await backend.requestPasswordReset(`nobody-${crypto.randomUUID()}@example.com`, { signal: signal() });
    });
  });
}
