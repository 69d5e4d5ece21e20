import { expect } from '@open-wc/testing';
import type { Backend, BackendMethod } from '../../../src/core/backend.js';
import { MemoryBackend } from '../../../src/adapters/memory/index.js';
import { pickDelay } from '../../../src/adapters/memory/latency.js';
import { call, demoKey, registration, rejection, teacher } from './helpers.js';

/** One call of every method, with the given signal. */
const calls: Record<BackendMethod, (backend: Backend, signal: AbortSignal) => Promise<unknown>> = {
  getSession: (backend, signal) => backend.getSession({ signal }),
  signIn: (backend, signal) => backend.signIn({ email: teacher.email, password: teacher.password }, { signal }),
  signOut: (backend, signal) => backend.signOut({ signal }),
  requestPasswordReset: (backend, signal) => backend.requestPasswordReset(teacher.email, { signal }),
  completePasswordReset: (backend, signal) => backend.completePasswordReset('A'.repeat(43), 'ein neues Kennwort', { signal }),
  getRegistrationOptions: (backend, signal) => backend.getRegistrationOptions({ signal }),
  register: (backend, signal) => backend.register(registration(), { signal }),
  resendConfirmation: (backend, signal) => backend.resendConfirmation(teacher.email, { signal }),
  confirmEmail: (backend, signal) => backend.confirmEmail('A'.repeat(43), { signal }),
  redeemKey: (backend, signal) => backend.redeemKey(demoKey('deutsch-kompetent-8'), { signal, idempotencyKey: 'i' }),
  listProducts: (backend, signal) => backend.listProducts({ signal }),
};
const methods = Object.keys(calls) as BackendMethod[];

function aborted(): AbortSignal {
  const controller = new AbortController();
  controller.abort();
  return controller.signal;
}

describe('MemoryBackend: simulation', () => {
  describe('abort', () => {
    for (const method of methods) {
      it(`${method} rejects with aborted when the signal is already aborted`, async () => {
        await rejection(calls[method](new MemoryBackend(), aborted()), 'aborted');
      });

      it(`${method} rejects with aborted when aborted during the latency`, async () => {
        const backend = new MemoryBackend({ latency: 60_000 });
        const controller = new AbortController();
        const pending = calls[method](backend, controller.signal);
        controller.abort();
        await rejection(pending, 'aborted');
      });
    }

    it('changes nothing when a call is aborted during the latency', async () => {
      const backend = new MemoryBackend({ latency: 20 });
      for (const method of ['signIn', 'register', 'requestPasswordReset'] as const) {
        const controller = new AbortController();
        const pending = calls[method](backend, controller.signal);
        controller.abort();
        await rejection(pending, 'aborted');
      }
      // This call waits the same latency, so the aborted ones would have finished by now.
      expect(await backend.getSession(call())).to.equal(null);
      expect(backend.mailbox).to.deep.equal([]);
    });

    it('keeps the cause of the abort for developers', async () => {
      const controller = new AbortController();
      const reason = new Error('component disconnected');
      controller.abort(reason);
      const error = await rejection(new MemoryBackend().getSession({ signal: controller.signal }), 'aborted');
      expect(error.cause).to.equal(reason);
    });
  });

  describe('failNext', () => {
    it('fails the next call of that method once, with the code and details', async () => {
      const backend = new MemoryBackend();
      backend.failNext('getRegistrationOptions', 'rate-limited', { retryAfter: 30 });
      const error = await rejection(backend.getRegistrationOptions(call()), 'rate-limited');
      expect(error.retryAfter).to.equal(30);
      expect((await backend.getRegistrationOptions(call())).terms.version).to.equal('2026-01');
    });

    it('queues faults per method, in order, and leaves other methods alone', async () => {
      const backend = new MemoryBackend();
      backend.failNext('signIn', 'offline');
      backend.failNext('signIn', 'timeout');
      expect(await backend.getSession(call())).to.equal(null);
      await rejection(calls.signIn(backend, call().signal), 'offline');
      await rejection(calls.signIn(backend, call().signal), 'timeout');
      expect((await calls.signIn(backend, call().signal)) as unknown).to.have.property('id', teacher.id);
    });

    it('fails before any effect: a failed sign-in does not sign in', async () => {
      const backend = new MemoryBackend();
      backend.failNext('signIn', 'server');
      await rejection(calls.signIn(backend, call().signal), 'server');
      expect(await backend.getSession(call())).to.equal(null);
    });

    it('is not used up by a call that was aborted before it reached the backend', async () => {
      const backend = new MemoryBackend();
      backend.failNext('getSession', 'server');
      await rejection(backend.getSession({ signal: aborted() }), 'aborted');
      await rejection(backend.getSession(call()), 'server');
    });

    for (const method of methods) {
      it(`works for ${method}`, async () => {
        const backend = new MemoryBackend();
        backend.failNext(method, 'bad-response');
        await rejection(calls[method](backend, call().signal), 'bad-response');
      });
    }
  });

  describe('latency', () => {
    it('is fixed, or drawn from [min, max]', () => {
      expect(pickDelay(250)).to.equal(250);
      expect(pickDelay({ min: 100, max: 300 }, () => 0)).to.equal(100);
      expect(pickDelay({ min: 100, max: 300 }, () => 0.5)).to.equal(200);
      expect(pickDelay({ min: 100, max: 300 }, () => 0.999)).to.be.within(100, 300);
    });

    it('refuses impossible latencies', () => {
      for (const latency of [-1, Number.NaN, { min: 10, max: 5 }, { min: -5, max: 5 }]) {
        expect(() => new MemoryBackend({ latency }), JSON.stringify(latency)).to.throw(RangeError);
      }
    });

    it('still answers with a small latency', async () => {
      const backend = new MemoryBackend({ latency: { min: 1, max: 3 } });
      expect(await backend.getSession(call())).to.equal(null);
    });
  });
});
