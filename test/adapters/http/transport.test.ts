/** Timeouts, aborts, offline, retries and rate limits, over real HTTP against the fault server. */
import { expect } from '@open-wc/testing';
import { HttpBackend } from '../../../src/adapters/http/index.js';
import { DEFAULT_RETRY_AFTER_SECONDS } from '../../../src/adapters/http/retry-after.js';
import { faultRun, faultServerInfo, rejection, signal, type FaultRun } from './fault-run.js';

const credentials = { email: 'reader@example.com', password: 'correct horse battery staple' };

describe('HttpBackend transport', () => {
  let run: FaultRun;
  beforeEach(async () => {
    run = await faultRun();
  });

  describe('timeout, abort and offline', () => {
    it('times out an attempt that gets no answer, and does not retry it', async () => {
      await run.script([{ fault: 'hang' }]);
      await rejection(new HttpBackend({ baseUrl: run.baseUrl, timeout: 300 }).getSession({ signal: signal() }), 'timeout');
      expect(await run.log()).to.have.length(1);
    });

    it('times out a write the same way', async () => {
      await run.script([{ fault: 'hang' }]);
      await rejection(new HttpBackend({ baseUrl: run.baseUrl, timeout: 300 }).signIn(credentials, { signal: signal() }), 'timeout');
    });

    it('answers a held request once it is released (the hang the timeout tests rely on)', async () => {
      await run.script([{ fault: 'hang' }]);
      const call = new HttpBackend({ baseUrl: run.baseUrl }).getSession({ signal: signal() });
      await run.received(1);
      await run.release();
      expect(await call).to.equal(null);
    });

    it("reports the caller's abort as aborted, not as a timeout", async () => {
      await run.script([{ fault: 'hang' }]);
      const controller = new AbortController();
      const call = new HttpBackend({ baseUrl: run.baseUrl, timeout: 5000 }).getSession({ signal: controller.signal });
      await run.received(1);
      controller.abort();
      await rejection(call, 'aborted');
    });

    it('reports an abort with a custom reason as aborted', async () => {
      await run.script([{ fault: 'hang' }]);
      const controller = new AbortController();
      const call = new HttpBackend({ baseUrl: run.baseUrl }).signIn(credentials, { signal: controller.signal });
      await run.received(1);
      controller.abort(new Error('the user left the page'));
      await rejection(call, 'aborted');
    });

    it('does not send a request for a signal that is already aborted', async () => {
      const controller = new AbortController();
      controller.abort();
      await rejection(new HttpBackend({ baseUrl: run.baseUrl }).getSession({ signal: controller.signal }), 'aborted');
      expect(await run.log()).to.have.length(0);
    });

    it('stops waiting out a Retry-After when the caller aborts', async () => {
      await run.script([{ fault: { status: 429, headers: { 'Retry-After': '8' } } }]);
      const controller = new AbortController();
      const call = new HttpBackend({ baseUrl: run.baseUrl }).getSession({ signal: controller.signal });
      await run.received(1);
      controller.abort();
      await rejection(call, 'aborted');
      expect(await run.log()).to.have.length(1);
    });

    it('reports a connection closed before the answer as offline', async () => {
      // Chrome resends a request itself when a pooled connection closes before any answer.
      await run.script([{ fault: 'drop', times: 20 }]);
      await rejection(new HttpBackend({ baseUrl: run.baseUrl }).signIn(credentials, { signal: signal() }), 'offline');
    });

    it('reports a connection closed in the middle of the body as offline', async () => {
      await run.script([{ fault: 'truncate' }]);
      await rejection(new HttpBackend({ baseUrl: run.baseUrl }).signIn(credentials, { signal: signal() }), 'offline');
    });

    it('reports a refused connection as offline', async () => {
      const { closedPort } = await faultServerInfo();
      const backend = new HttpBackend({ baseUrl: `http://${location.hostname}:${closedPort}/api`, retries: 0 });
      await rejection(backend.getSession({ signal: signal() }), 'offline');
    });

    it('reports any TypeError from fetch as offline, and retries GETs on it', async () => {
      for (const message of ['Failed to fetch', 'Something only this browser says']) {
        let calls = 0;
        const backend = new HttpBackend({
          baseUrl: run.baseUrl,
          fetch: async () => {
            calls++;
            throw new TypeError(message);
          },
        });
        await rejection(backend.listProducts({ signal: signal() }), 'offline');
        expect(calls, message).to.equal(3);
      }
    });

    describe('while the browser says it is offline', () => {
      let onLine: PropertyDescriptor | undefined;
      beforeEach(() => {
        onLine = Object.getOwnPropertyDescriptor(navigator, 'onLine');
        Object.defineProperty(navigator, 'onLine', { configurable: true, get: () => false });
      });
      afterEach(() => {
        if (onLine) Object.defineProperty(navigator, 'onLine', onLine);
        else delete (navigator as { onLine?: boolean }).onLine;
      });

      it('reports a timeout as offline', async () => {
        await run.script([{ fault: 'hang' }]);
        await rejection(new HttpBackend({ baseUrl: run.baseUrl, timeout: 300 }).getSession({ signal: signal() }), 'offline');
      });

      it('does not retry a failed fetch', async () => {
        let calls = 0;
        const backend = new HttpBackend({
          baseUrl: run.baseUrl,
          fetch: async () => {
            calls++;
            throw new TypeError('Failed to fetch');
          },
        });
        await rejection(backend.getSession({ signal: signal() }), 'offline');
        expect(calls).to.equal(1);
      });
    });
  });

  describe('retries', () => {
    it('retries a GET after a 5xx and a 429, then succeeds', async () => {
      await run.script([{ fault: 'html-500' }, { fault: 'rate-limit-zero' }]);
      const options = await new HttpBackend({ baseUrl: run.baseUrl }).getRegistrationOptions({ signal: signal() });
      expect(options.customerTypes).to.not.be.empty;
      expect(await run.log()).to.have.length(3);
    });

    it('gives up on a GET after 2 retries by default', async () => {
      await run.script([{ fault: 'empty-500' }, { fault: 'empty-500' }, { fault: 'empty-500' }, { fault: 'empty-500' }]);
      await rejection(new HttpBackend({ baseUrl: run.baseUrl }).getSession({ signal: signal() }), 'server');
      expect(await run.log()).to.have.length(3);
    });

    it('retries as often as configured', async () => {
      await run.script([{ fault: 'empty-500' }, { fault: 'empty-500' }]);
      await rejection(new HttpBackend({ baseUrl: run.baseUrl, retries: 0 }).getSession({ signal: signal() }), 'server');
      expect(await run.log()).to.have.length(1);
    });

    it('waits out a Retry-After within the cap, then retries', async () => {
      await run.script([{ fault: { status: 429, headers: { 'Retry-After': '1' } } }]);
      expect(await new HttpBackend({ baseUrl: run.baseUrl }).getSession({ signal: signal() })).to.equal(null);
      expect(await run.log()).to.have.length(2);
    });

    it('never retries a write', async () => {
      const backend = new HttpBackend({ baseUrl: run.baseUrl });
      await backend.signIn(credentials, { signal: signal() });
      await run.script([
        { match: 'POST /redemptions', fault: 'html-500' },
        { match: 'POST /redemptions', fault: 'rate-limit-zero' },
        { match: 'POST /session', fault: 'empty-500' },
        { match: 'DELETE /session', fault: 'empty-500' },
      ]);
      await rejection(backend.redeemKey('ABCD', { idempotencyKey: 'k1', signal: signal() }), 'server');
      await rejection(backend.redeemKey('ABCD', { idempotencyKey: 'k1', signal: signal() }), 'rate-limited');
      await rejection(backend.signIn(credentials, { signal: signal() }), 'server');
      await rejection(backend.signOut({ signal: signal() }), 'server');
      const sent = (await run.log()).map((request) => `${request.method} ${request.path}`);
      expect(sent).to.deep.equal(['POST /session', 'POST /redemptions', 'POST /redemptions', 'POST /session', 'DELETE /session']);
    });

    it('never retries a write that failed on the network', async () => {
      let calls = 0;
      const backend = new HttpBackend({
        baseUrl: run.baseUrl,
        fetch: async () => {
          calls++;
          throw new TypeError('Failed to fetch');
        },
      });
      await rejection(backend.redeemKey('ABCD', { idempotencyKey: 'k1', signal: signal() }), 'offline');
      expect(calls).to.equal(1);
    });
  });

  describe('rate limits', () => {
    it('reports a GET whose Retry-After exceeds the cap at once, with the server’s seconds', async () => {
      await run.script([{ fault: { status: 429, headers: { 'Retry-After': '11' } } }]);
      const error = await rejection(new HttpBackend({ baseUrl: run.baseUrl }).getSession({ signal: signal() }), 'rate-limited');
      expect(error.retryAfter).to.equal(11);
      expect(await run.log()).to.have.length(1);
    });

    it('takes the cap from maxRetryAfter', async () => {
      await run.script([{ fault: 'rate-limit-seconds' }]);
      const backend = new HttpBackend({ baseUrl: run.baseUrl, maxRetryAfter: 2 });
      const error = await rejection(backend.getSession({ signal: signal() }), 'rate-limited');
      expect(error.retryAfter).to.equal(3);
      expect(await run.log()).to.have.length(1);
    });

    it('reads Retry-After in seconds on a write', async () => {
      await run.script([{ fault: 'rate-limit-seconds' }]);
      const error = await rejection(new HttpBackend({ baseUrl: run.baseUrl }).signIn(credentials, { signal: signal() }), 'rate-limited');
      expect(error.retryAfter).to.equal(3);
    });

    it('reads Retry-After as an HTTP-date against its clock, on a write and on a GET past the cap', async () => {
      const rateLimited = { problem: 'rate-limited', headers: { 'Retry-After': 'Wed, 01 Jul 2026 10:00:30 GMT' } };
      await run.script([{ fault: rateLimited }, { fault: rateLimited }]);
      const backend = new HttpBackend({ baseUrl: run.baseUrl, now: () => new Date('2026-07-01T10:00:00Z') });
      const write = await rejection(backend.signIn(credentials, { signal: signal() }), 'rate-limited');
      const read = await rejection(backend.getSession({ signal: signal() }), 'rate-limited');
      for (const error of [write, read]) expect(error.retryAfter).to.equal(30);
      expect(await run.log()).to.have.length(2);
    });

    it(`falls back to ${DEFAULT_RETRY_AFTER_SECONDS} s for a garbage or missing Retry-After, without retrying`, async () => {
      await run.script([{ fault: 'rate-limit-garbage' }, { fault: 'rate-limit-garbage' }, { fault: 'rate-limit-bare' }]);
      const backend = new HttpBackend({ baseUrl: run.baseUrl });
      const write = await rejection(backend.signIn(credentials, { signal: signal() }), 'rate-limited');
      const read = await rejection(backend.getSession({ signal: signal() }), 'rate-limited');
      const bare = await rejection(backend.getRegistrationOptions({ signal: signal() }), 'rate-limited');
      for (const error of [write, read, bare]) expect(error.retryAfter).to.equal(DEFAULT_RETRY_AFTER_SECONDS);
      expect(await run.log()).to.have.length(3);
    });
  });
});
