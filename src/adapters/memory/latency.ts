import { BackendError } from '../../core/errors.js';

/** Simulated network latency in milliseconds: fixed, or drawn uniformly from `[min, max]`. */
export type Latency = number | { min: number; max: number };

export function assertLatency(latency: Latency): void {
  const [min, max] = typeof latency === 'number' ? [latency, latency] : [latency.min, latency.max];
  if (!(Number.isFinite(min) && Number.isFinite(max) && min >= 0 && max >= min)) {
    throw new RangeError(`latency must be a non-negative number or { min, max } with min <= max`);
  }
}

export function pickDelay(latency: Latency, random: () => number = Math.random): number {
  if (typeof latency === 'number') return latency;
  return latency.min + random() * (latency.max - latency.min);
}

export function throwIfAborted(signal: AbortSignal): void {
  if (signal.aborted) throw new BackendError('aborted', { cause: signal.reason });
}

/** Waits `ms`, or rejects with `BackendError('aborted')` as soon as `signal` aborts. */
export function wait(ms: number, signal: AbortSignal): Promise<void> {
  throwIfAborted(signal);
  if (ms <= 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(new BackendError('aborted', { cause: signal.reason }));
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
