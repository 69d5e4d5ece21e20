/** How `HttpBackend` reads answers: 2xx bodies against the schemas, error bodies as problems. */
import { expect } from '@open-wc/testing';
import { HttpBackend } from '../../../src/adapters/http/index.js';
import { DEFAULT_RETRY_AFTER_SECONDS } from '../../../src/adapters/http/retry-after.js';
import { backendErrorCodes, problemTypeFor, type BackendErrorCode } from '../../../src/core/errors.js';
import { faultRun, rejection, signal, type FaultRun } from './fault-run.js';

const credentials = { email: 'reader@example.com', password: 'correct horse battery staple' };

describe('HttpBackend responses', () => {
  let run: FaultRun;
  let backend: HttpBackend;
  beforeEach(async () => {
    run = await faultRun();
    backend = new HttpBackend({ baseUrl: run.baseUrl, retries: 0 });
  });

  describe('2xx bodies', () => {
    it('reads { user: null } as signed out', async () => {
      expect(await backend.getSession({ signal: signal() })).to.equal(null);
    });

    it('reports a body that breaks the schema as bad-response', async () => {
      await backend.signIn(credentials, { signal: signal() });
      await run.script([{ fault: 'schema-break', times: 4 }]);
      await rejection(backend.getSession({ signal: signal() }), 'bad-response');
      await rejection(backend.listProducts({ signal: signal() }), 'bad-response');
      await rejection(backend.redeemKey('ABCD', { idempotencyKey: 'k', signal: signal() }), 'bad-response');
      await rejection(backend.getRegistrationOptions({ signal: signal() }), 'bad-response');
    });

    it('reports an HTML page with status 200 (a captive portal) as bad-response', async () => {
      await run.script([{ fault: 'html-200' }]);
      await rejection(backend.getSession({ signal: signal() }), 'bad-response');
    });

    it('reports valid JSON sent as text/plain as bad-response', async () => {
      await run.script([{ fault: 'text-json-200' }]);
      await rejection(backend.getSession({ signal: signal() }), 'bad-response');
    });

    it('reports an empty 200 where JSON is expected as bad-response', async () => {
      await run.script([{ fault: 'empty-200' }]);
      await rejection(backend.getSession({ signal: signal() }), 'bad-response');
    });

    it('accepts any 2xx for a route without a body, with or without content', async () => {
      const answers: { status: number; contentType: string | null }[] = [];
      const watched = new HttpBackend({
        baseUrl: run.baseUrl,
        retries: 0,
        fetch: async (input, init) => {
          const response = await fetch(input, init);
          answers.push({ status: response.status, contentType: response.headers.get('Content-Type') });
          return response;
        },
      });
      await run.script([{ match: 'DELETE /session', fault: { status: 200, headers: { 'Content-Type': 'application/json' }, body: { ok: true } } }]);
      expect(await watched.signOut({ signal: signal() })).to.equal(undefined);
      expect(await watched.signOut({ signal: signal() })).to.equal(undefined);
      // The first answer had content, the second (the fault server's own) had none.
      expect(answers).to.deep.equal([
        { status: 200, contentType: 'application/json' },
        { status: 204, contentType: null },
      ]);
    });

    describe('with "__proto__" members', () => {
      afterEach(() => {
        delete (Object.prototype as Record<string, unknown>).polluted;
      });

      it('neither pollutes prototypes nor lets them through', async () => {
        await backend.signIn(credentials, { signal: signal() });
        await run.script([{ fault: 'proto', times: 2 }]);
        const user = await backend.getSession({ signal: signal() });
        const products = await backend.listProducts({ signal: signal() });

        expect(({} as Record<string, unknown>).polluted).to.equal(undefined);
        for (const value of [user, ...products]) {
          expect(Object.getPrototypeOf(value)).to.equal(Object.prototype);
          expect(Object.hasOwn(value!, '__proto__')).to.equal(false);
          expect((value as unknown as Record<string, unknown>).polluted).to.equal(undefined);
          expect((value as unknown as Record<string, unknown>).isAdmin).to.equal(undefined);
        }
        expect(user).to.have.property('email', credentials.email);
        expect(products).to.have.length(3);
      });

      it('ignores them in a problem body', async () => {
        await run.script([
          {
            fault: {
              status: 422,
              headers: { 'Content-Type': 'application/problem+json' },
              body: `{"type":"${problemTypeFor('validation')}","__proto__":{"errors":[{"field":"x","code":"y"}],"polluted":"yes"}}`,
            },
          },
        ]);
        const error = await rejection(backend.signIn(credentials, { signal: signal() }), 'validation');
        expect(error.fieldErrors).to.equal(undefined);
        expect(({} as Record<string, unknown>).polluted).to.equal(undefined);
      });
    });
  });

  describe('problem+json', () => {
    const clientSide: readonly BackendErrorCode[] = ['offline', 'timeout', 'aborted', 'bad-response'];
    const serverCodes = backendErrorCodes.filter((code) => !clientSide.includes(code));

    for (const code of serverCodes) {
      it(`maps the ${code} problem type to ${code}`, async () => {
        await run.script([{ fault: `problem:${code}` }]);
        await rejection(backend.redeemKey('ABCD', { idempotencyKey: 'k', signal: signal() }), code);
      });
    }

    it('carries the extension members', async () => {
      await run.script([
        { fault: 'problem:validation' },
        { fault: 'problem:key-already-redeemed' },
        { fault: { problem: 'key-already-redeemed', extra: { byYou: false } } },
        { fault: 'problem:key-not-yet-valid' },
        { fault: 'problem:key-not-for-customer-type' },
        { fault: 'problem:rate-limited' },
      ]);
      const redeem = () => backend.redeemKey('ABCD', { idempotencyKey: 'k', signal: signal() });
      const validation = await rejection(redeem(), 'validation');
      expect(validation.fieldErrors).to.deep.equal([
        { field: 'email', code: 'invalid' },
        { field: 'address.postcode', code: 'too-long' },
      ]);
      expect((await rejection(redeem(), 'key-already-redeemed')).byYou).to.equal(true);
      expect((await rejection(redeem(), 'key-already-redeemed')).byYou).to.equal(false);
      expect((await rejection(redeem(), 'key-not-yet-valid')).validFrom).to.equal('2031-08-01');
      expect((await rejection(redeem(), 'key-not-for-customer-type')).customerTypes).to.deep.equal(['teacher', 'school']);
      expect((await rejection(redeem(), 'rate-limited')).retryAfter).to.equal(3);
    });

    it('keys on the type, not on the status or the text', async () => {
      await run.script([{ fault: { problem: 'key-not-found', status: 400, extra: { title: 'Validation failed', detail: 'invalid' } } }]);
      await rejection(backend.redeemKey('ABCD', { idempotencyKey: 'k', signal: signal() }), 'key-not-found');
    });

    const byStatus: [number, BackendErrorCode][] = [
      [400, 'validation'],
      [401, 'unauthenticated'],
      [403, 'server'],
      [404, 'server'],
      [409, 'server'],
      [422, 'validation'],
      [429, 'rate-limited'],
      [500, 'server'],
      [503, 'server'],
    ];
    for (const [status, code] of byStatus) {
      it(`maps an unknown problem type with status ${status} to ${code}`, async () => {
        await run.script([{ fault: { problem: 'https://publisher.example/problems/something-else', status } }]);
        await rejection(backend.signIn(credentials, { signal: signal() }), code);
      });
    }

    it('maps about:blank and a missing type by status, with field errors', async () => {
      await run.script([
        { fault: { status: 422, headers: { 'Content-Type': 'application/problem+json' }, body: { title: 'Unprocessable', errors: [{ field: 'email', code: 'required' }] } } },
        { fault: { problem: 'about:blank', status: 401 } },
      ]);
      const validation = await rejection(backend.signIn(credentials, { signal: signal() }), 'validation');
      expect(validation.fieldErrors).to.deep.equal([{ field: 'email', code: 'required' }]);
      await rejection(backend.signIn(credentials, { signal: signal() }), 'unauthenticated');
    });

    it('judges a problem that names a client-side code by its status', async () => {
      await run.script([{ fault: { problem: 'offline', status: 503 } }, { fault: { problem: 'timeout', status: 401 } }]);
      await rejection(backend.signIn(credentials, { signal: signal() }), 'server');
      await rejection(backend.signIn(credentials, { signal: signal() }), 'unauthenticated');
    });

    it('reads a problem sent as plain application/json', async () => {
      await run.script([{ fault: { status: 404, headers: { 'Content-Type': 'application/json' }, body: { type: problemTypeFor('key-not-found') } } }]);
      await rejection(backend.redeemKey('ABCD', { idempotencyKey: 'k', signal: signal() }), 'key-not-found');
    });

    it('reports a malformed problem as server', async () => {
      await run.script([{ fault: { problem: 'validation', status: 422, extra: { errors: 'everything' } } }]);
      await rejection(backend.signIn(credentials, { signal: signal() }), 'server');
    });
  });

  describe('error bodies that are no problem', () => {
    it('reports a 500 with an HTML page as server', async () => {
      await run.script([{ fault: 'html-500' }]);
      await rejection(backend.getSession({ signal: signal() }), 'server');
    });

    it('reports a 500 with an empty body as server', async () => {
      await run.script([{ fault: 'empty-500' }]);
      await rejection(backend.signIn(credentials, { signal: signal() }), 'server');
    });

    it('reports an HTML 401 from a proxy as server, not as a signed-out session', async () => {
      await run.script([{ fault: { status: 401, headers: { 'Content-Type': 'text/html' }, body: '<h1>Authorization Required</h1>' } }]);
      await rejection(backend.getSession({ signal: signal() }), 'server');
    });

    it(`reports a bare 429 as rate-limited, with ${DEFAULT_RETRY_AFTER_SECONDS} s`, async () => {
      await run.script([{ fault: 'rate-limit-bare' }]);
      const error = await rejection(backend.signIn(credentials, { signal: signal() }), 'rate-limited');
      expect(error.retryAfter).to.equal(DEFAULT_RETRY_AFTER_SECONDS);
    });
  });
});
