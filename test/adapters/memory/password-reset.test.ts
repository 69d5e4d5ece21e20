import { expect } from '@open-wc/testing';
import { MemoryBackend, PASSWORD_RESET_TTL_MS } from '../../../src/adapters/memory/index.js';
import { call, registration, rejection, TestClock, pupil, teacher, unconfirmed } from './helpers.js';

const NEW_PASSWORD = 'ein ganz neues Kennwort';

/** The token of the newest reset mail to `to`. */
function resetToken(backend: MemoryBackend, to: string): string {
  const mail = backend.mailbox.filter((candidate) => candidate.to === to && candidate.kind === 'reset').at(-1);
  if (!mail?.token) throw new Error(`no reset mail to ${to}`);
  return mail.token;
}

async function requestReset(backend: MemoryBackend, email: string): Promise<string> {
  await backend.requestPasswordReset(email, call());
  return resetToken(backend, email);
}

const tokenErrors = async (promise: Promise<unknown>) => (await rejection(promise, 'validation')).fieldErrors;

describe('MemoryBackend: completePasswordReset', () => {
  it('sets the new password of a demo account; the old one stops working; it does not sign in', async () => {
    const backend = new MemoryBackend();
    const token = await requestReset(backend, teacher.email);
    expect(await backend.completePasswordReset(token, NEW_PASSWORD, call())).to.equal(undefined);
    expect(await backend.getSession(call())).to.equal(null);
    await rejection(backend.signIn({ email: teacher.email, password: teacher.password }, call()), 'invalid-credentials');
    expect((await backend.signIn({ email: teacher.email, password: NEW_PASSWORD }, call())).id).to.equal(teacher.id);
  });

  it('sets the new password of a registered account', async () => {
    const backend = new MemoryBackend();
    const request = registration();
    await backend.register(request, call());
    await backend.confirmEmail(backend.mailbox.at(-1)!.token!, call());
    await backend.completePasswordReset(await requestReset(backend, request.email), NEW_PASSWORD, call());
    await rejection(backend.signIn({ email: request.email, password: request.password }, call()), 'invalid-credentials');
    expect((await backend.signIn({ email: request.email, password: NEW_PASSWORD }, call())).email).to.equal(request.email);
  });

  it('accepts a token once; every other reset link of the account is void too', async () => {
    const backend = new MemoryBackend();
    const older = await requestReset(backend, pupil.email);
    const newer = await requestReset(backend, pupil.email);
    await backend.completePasswordReset(newer, NEW_PASSWORD, call());
    for (const token of [newer, older]) {
      expect(await tokenErrors(backend.completePasswordReset(token, 'noch ein anderes Kennwort', call()))).to.deep.equal([
        { field: 'token', code: 'token-invalid' },
      ]);
    }
    expect((await backend.signIn({ email: pupil.email, password: NEW_PASSWORD }, call())).id).to.equal(pupil.id);
  });

  it('accepts a token for one hour, and not after', async () => {
    const clock = new TestClock();
    const backend = new MemoryBackend({ now: clock.now });
    const token = await requestReset(backend, pupil.email);
    clock.advance(PASSWORD_RESET_TTL_MS + 1);
    expect(await tokenErrors(backend.completePasswordReset(token, NEW_PASSWORD, call()))).to.deep.equal([
      { field: 'token', code: 'token-expired' },
    ]);
    const fresh = await requestReset(backend, pupil.email);
    clock.advance(PASSWORD_RESET_TTL_MS);
    await backend.completePasswordReset(fresh, NEW_PASSWORD, call());
  });

  it('reports an unknown or malformed token as token-invalid, with the password problems beside it', async () => {
    const backend = new MemoryBackend();
    for (const token of ['A'.repeat(43), 'kurz', '', 'x'.repeat(300)]) {
      expect(await tokenErrors(backend.completePasswordReset(token, NEW_PASSWORD, call())), token).to.deep.equal([
        { field: 'token', code: 'token-invalid' },
      ]);
    }
    expect(await tokenErrors(backend.completePasswordReset('kurz', '', call()))).to.deep.equal([
      { field: 'token', code: 'token-invalid' },
      { field: 'password', code: 'required' },
    ]);
  });

  it('checks the password policy and leaves the token usable when it refuses the password', async () => {
    const backend = new MemoryBackend();
    const token = await requestReset(backend, teacher.email);
    const refused: Record<string, string> = {
      'zu kurz': 'password-too-short',
      ['x'.repeat(129)]: 'too-long',
      'Lehrkraft-Kennwort-2026': 'password-contains-email',
    };
    for (const [password, code] of Object.entries(refused)) {
      expect(await tokenErrors(backend.completePasswordReset(token, password, call())), password).to.deep.equal([{ field: 'password', code }]);
    }
    await backend.completePasswordReset(token, NEW_PASSWORD, call());
  });

  it('signs out the session of that account, and leaves another account signed in', async () => {
    const backend = new MemoryBackend();
    await backend.signIn({ email: teacher.email, password: teacher.password }, call());
    await backend.completePasswordReset(await requestReset(backend, teacher.email), NEW_PASSWORD, call());
    expect(await backend.getSession(call())).to.equal(null);

    await backend.signIn({ email: pupil.email, password: pupil.password }, call());
    await backend.completePasswordReset(await requestReset(backend, teacher.email), 'noch ein anderes Kennwort', call());
    expect((await backend.getSession(call()))?.id).to.equal(pupil.id);
  });

  it('confirms the address (the mail reached it) and voids its confirmation links', async () => {
    const backend = new MemoryBackend();
    await backend.register(registration({ email: unconfirmed.email }), call());
    const confirmation = backend.mailbox.at(-1)!.token!;
    // Not NEW_PASSWORD: it contains "neu", the local part of neu@keyshelf.example.
    const password = 'ein frisches Kennwort';
    await backend.completePasswordReset(await requestReset(backend, unconfirmed.email), password, call());
    expect(await backend.signIn({ email: unconfirmed.email, password }, call())).to.include({ emailConfirmed: true });
    expect(await tokenErrors(backend.confirmEmail(confirmation, call()))).to.deep.equal([{ field: 'token', code: 'token-invalid' }]);
  });
});
