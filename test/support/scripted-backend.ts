import type { Backend, BackendMethod } from '../../src/core/backend.js';
import { BackendError } from '../../src/core/errors.js';

interface Call {
  method: BackendMethod;
  args: unknown[];
  signal: AbortSignal;
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

/**
 * A `Backend` whose every call waits until the test answers it: for ordering tests (stale
 * responses, dedupe, aborts) that need to decide exactly when each response arrives.
 */
export class ScriptedBackend implements Backend {
  readonly calls: Call[] = [];
  /** Set false to play a publisher adapter that ignores the AbortSignal and answers late anyway. */
  honoursAbort = true;

  #call<T>(method: BackendMethod, args: unknown[], signal: AbortSignal): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const call: Call = { method, args, signal, resolve: resolve as (value: unknown) => void, reject };
      this.calls.push(call);
      if (this.honoursAbort) signal.addEventListener('abort', () => reject(new BackendError('aborted')), { once: true });
    });
  }

  /** The calls of `method`, oldest first. */
  callsOf(method: BackendMethod): Call[] {
    return this.calls.filter((call) => call.method === method);
  }

  /** The latest call of `method`, failing the test if there is none. */
  last(method: BackendMethod): Call {
    const call = this.callsOf(method).at(-1);
    if (!call) throw new Error(`no ${method} call yet`);
    return call;
  }

  getSession: Backend['getSession'] = ({ signal }) => this.#call('getSession', [], signal);
  signIn: Backend['signIn'] = (credentials, { signal }) => this.#call('signIn', [credentials], signal);
  signOut: Backend['signOut'] = ({ signal }) => this.#call('signOut', [], signal);
  requestPasswordReset: Backend['requestPasswordReset'] = (email, { signal }) => this.#call('requestPasswordReset', [email], signal);
  completePasswordReset: Backend['completePasswordReset'] = (token, password, { signal }) =>
    this.#call('completePasswordReset', [token, password], signal);
  getRegistrationOptions: Backend['getRegistrationOptions'] = ({ signal }) => this.#call('getRegistrationOptions', [], signal);
  register: Backend['register'] = (request, { signal }) => this.#call('register', [request], signal);
  resendConfirmation: Backend['resendConfirmation'] = (email, { signal, pendingKey }) =>
    this.#call('resendConfirmation', [email, pendingKey], signal);
  confirmEmail: Backend['confirmEmail'] = (token, { signal }) => this.#call('confirmEmail', [token], signal);
  redeemKey: Backend['redeemKey'] = (key, { signal, idempotencyKey }) => this.#call('redeemKey', [key, idempotencyKey], signal);
  listProducts: Backend['listProducts'] = ({ signal }) => this.#call('listProducts', [], signal);
}

/** Lets pending promise callbacks run. */
export const settle = () => new Promise<void>((resolve) => setTimeout(resolve, 0));
