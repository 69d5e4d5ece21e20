/**
 * Client side of test/servers/fault-server.mjs: one isolated run per test, with its own base URL,
 * script, request log and cookies.
 */
import { expect } from '@open-wc/testing';
import { BackendError, type BackendErrorCode } from '../../../src/core/errors.js';

export type Fault =
  | string
  | { problem: string; status?: number; extra?: Record<string, unknown>; headers?: Record<string, string> }
  | { status: number; headers?: Record<string, string>; body?: unknown };

export interface Step {
  /** `'GET /products'`, or `'*'` (the default) for any API request. */
  match?: string;
  fault: Fault;
  /** How many matching requests get this fault; default 1. */
  times?: number;
}

export interface LoggedRequest {
  method: string;
  /** Relative to the run's API, e.g. `/session`. */
  path: string;
  /** The full request target, query included. */
  url: string;
  /** Lower-cased names. */
  headers: Record<string, string>;
  cookies: Record<string, string>;
  body: string;
}

export interface FaultRun {
  id: string;
  /** Same-origin base URL of the run's API. */
  baseUrl: string;
  /** The same API on the server's second port: cross-origin but same-site, like api.publisher.example. */
  sameSiteBaseUrl: string;
  /** The same API as 127.0.0.1 from a page on localhost (or the reverse): cross-site. */
  crossSiteBaseUrl: string;
  script(steps: Step[], settings?: { cors?: 'credentials' | 'no-credentials' | 'wildcard' }): Promise<void>;
  /** Lets every request that a `'hang'` fault holds go on (a client that gave up has ended its own). */
  release(): Promise<void>;
  log(): Promise<LoggedRequest[]>;
  /** Resolves once the server has received `count` API requests. */
  received(count: number): Promise<LoggedRequest[]>;
}

let info: Promise<{ secondPort: number; closedPort: number }> | undefined;

/** The fault server's ports: the second one serving the same app, and one that refuses connections. */
export function faultServerInfo(): Promise<{ secondPort: number; closedPort: number }> {
  info ??= fetch('/__fault/__info').then(async (response) => (await response.json()) as { secondPort: number; closedPort: number });
  return info;
}

export async function faultRun(): Promise<FaultRun> {
  const { secondPort } = await faultServerInfo();
  const id = crypto.randomUUID();
  const root = `/__fault/${id}`;
  const otherHost = location.hostname === '127.0.0.1' ? 'localhost' : '127.0.0.1';
  const log = async (): Promise<LoggedRequest[]> => {
    const response = await fetch(`${root}/__log`, { cache: 'no-store' });
    return (await response.json()) as LoggedRequest[];
  };
  return {
    id,
    baseUrl: `${root}/api`,
    sameSiteBaseUrl: `${location.protocol}//${location.hostname}:${secondPort}${root}/api`,
    crossSiteBaseUrl: `${location.protocol}//${otherHost}:${location.port}${root}/api`,
    async script(steps, settings = {}) {
      const response = await fetch(`${root}/__script`, { method: 'POST', body: JSON.stringify({ steps, ...settings }) });
      expect(response.status, 'fault server script accepted').to.equal(204);
    },
    async release() {
      const response = await fetch(`${root}/__release`, { method: 'POST' });
      expect(response.status, 'fault server released the held requests').to.equal(204);
    },
    log,
    async received(count) {
      for (;;) {
        const entries = await log();
        if (entries.length >= count) return entries;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
  };
}

/** Awaits a call that must fail, and returns its `BackendError` after checking the code. */
export async function rejection(call: Promise<unknown>, code: BackendErrorCode): Promise<BackendError> {
  let outcome: unknown;
  try {
    outcome = await call;
  } catch (error) {
    expect(error, 'rejects with a BackendError').to.be.instanceOf(BackendError);
    const backendError = error as BackendError;
    expect(backendError.code, backendError.message).to.equal(code);
    return backendError;
  }
  throw new Error(`expected a rejection with "${code}", but the call resolved with ${JSON.stringify(outcome)}`);
}

export const signal = () => new AbortController().signal;
