import { expect } from '@open-wc/testing';
import { BackendError, type BackendErrorCode } from '../../../src/core/errors.js';
import type { RegistrationRequest } from '../../../src/core/schemas.js';
import { demoAccounts, demoKeys, type DemoAccount } from '../../../src/adapters/memory/index.js';

export const call = () => ({ signal: new AbortController().signal });

let idempotencyCounter = 0;
export const redeemCall = (idempotencyKey = `idem-${++idempotencyCounter}`) => ({ ...call(), idempotencyKey });

/** The rejection of `promise`, which must be a `BackendError` with `code`. */
export async function rejection(promise: Promise<unknown>, code: BackendErrorCode): Promise<BackendError> {
  let settled: unknown;
  try {
    settled = await promise;
  } catch (error) {
    expect(error).to.be.instanceOf(BackendError);
    expect((error as BackendError).code).to.equal(code);
    return error as BackendError;
  }
  return expect.fail(`expected a rejection with "${code}", got ${JSON.stringify(settled)}`);
}

/** A clock the test moves by hand. */
export class TestClock {
  constructor(public ms = Date.parse('2026-06-01T10:00:00Z')) {}
  readonly now = (): Date => new Date(this.ms);
  advance(ms: number): void {
    this.ms += ms;
  }
}

export function demoAccount(id: string): DemoAccount {
  const account = demoAccounts.find((candidate) => candidate.id === id);
  if (!account) throw new Error(`no demo account ${id}`);
  return account;
}

export const teacher = demoAccount('u-demo-teacher');
export const pupil = demoAccount('u-demo-pupil');
export const unconfirmed = demoAccount('u-demo-unconfirmed');

export function registration(overrides: Partial<RegistrationRequest> = {}): RegistrationRequest {
  return {
    customerType: 'parent',
    email: 'erika.muster@example.org',
    password: 'ein langes Kennwort 42',
    acceptedTermsVersion: '2026-01',
    newsletter: false,
    address: { firstName: 'Erika', lastName: 'Muster', street: 'Hauptstraße 1', postcode: '10115', city: 'Berlin', country: 'DE' },
    ...overrides,
  };
}

/** The demo key for a product, looked up so that tests follow changes to the catalogue. */
export function demoKey(productId: string): string {
  const key = demoKeys.find((candidate) => candidate.productId === productId);
  if (!key) throw new Error(`no demo key for ${productId}`);
  return key.key;
}
