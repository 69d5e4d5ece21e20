import type { BackendMethod } from '../../core/backend.js';
import { BackendError, type BackendErrorCode, type BackendErrorDetails } from '../../core/errors.js';

/** Injected failures: each `push` makes exactly one later call of that method fail, in order. */
export class FaultQueue {
  readonly #queues = new Map<BackendMethod, { code: BackendErrorCode; details: BackendErrorDetails }[]>();

  push(method: BackendMethod, code: BackendErrorCode, details: BackendErrorDetails = {}): void {
    const queue = this.#queues.get(method) ?? [];
    queue.push({ code, details: { ...details } });
    this.#queues.set(method, queue);
  }

  /** The error for this call of `method`, if one was queued. */
  take(method: BackendMethod): BackendError | undefined {
    const fault = this.#queues.get(method)?.shift();
    return fault && new BackendError(fault.code, fault.details);
  }
}
