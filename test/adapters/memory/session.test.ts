import { expect } from '@open-wc/testing';
import { MemoryBackend, SIGN_IN_FAILURE_LIMIT, SIGN_IN_FAILURE_WINDOW_MS } from '../../../src/adapters/memory/index.js';
import { call, rejection, pupil, teacher, TestClock, unconfirmed } from './helpers.js';

describe('MemoryBackend: session', () => {
  it('has nobody signed in at first', async () => {
    expect(await new MemoryBackend().getSession(call())).to.equal(null);
  });

  it('signs in with a case-insensitive e-mail and the password, and keeps the session', async () => {
    const backend = new MemoryBackend();
    const user = await backend.signIn({ email: teacher.email.toUpperCase(), password: teacher.password }, call());
    expect(user).to.deep.equal({
      id: teacher.id,
      email: teacher.email,
      displayName: teacher.displayName,
      customerType: 'teacher',
      customerNumber: '100200',
      emailConfirmed: true,
    });
    expect(await backend.getSession(call())).to.deep.equal(user);
  });

  it('leaves out the customer number of an account without one', async () => {
    const backend = new MemoryBackend();
    const user = await backend.signIn({ email: pupil.email, password: pupil.password }, call());
    expect(user).not.to.have.property('customerNumber');
  });

  it('answers an unknown e-mail and a wrong password the same way', async () => {
    const backend = new MemoryBackend();
    await rejection(backend.signIn({ email: 'niemand@keyshelf.example', password: teacher.password }, call()), 'invalid-credentials');
    await rejection(backend.signIn({ email: teacher.email, password: `${teacher.password}x` }, call()), 'invalid-credentials');
    expect(await backend.getSession(call())).to.equal(null);
  });

  it('refuses an unconfirmed account only to someone who knows its password', async () => {
    const backend = new MemoryBackend();
    await rejection(backend.signIn({ email: unconfirmed.email, password: unconfirmed.password }, call()), 'email-not-confirmed');
    await rejection(backend.signIn({ email: unconfirmed.email, password: 'falsches Kennwort' }, call()), 'invalid-credentials');
    expect(await backend.getSession(call())).to.equal(null);
  });

  it('reports a malformed e-mail as a validation error on the field', async () => {
    const error = await rejection(new MemoryBackend().signIn({ email: 'kein-at-zeichen', password: 'x' }, call()), 'validation');
    expect(error.fieldErrors).to.deep.equal([{ field: 'email', code: 'invalid-email' }]);
  });

  describe('failed sign-ins', () => {
    const wrong = { email: teacher.email, password: 'falsches Kennwort' };

    it(`refuses an address after ${SIGN_IN_FAILURE_LIMIT} failures, even with the right password, until the window passes`, async () => {
      const clock = new TestClock();
      const backend = new MemoryBackend({ now: clock.now });
      for (let i = 0; i < SIGN_IN_FAILURE_LIMIT; i += 1) await rejection(backend.signIn(wrong, call()), 'invalid-credentials');
      const limited = await rejection(backend.signIn({ email: teacher.email, password: teacher.password }, call()), 'rate-limited');
      expect(limited.retryAfter).to.equal(SIGN_IN_FAILURE_WINDOW_MS / 1000);
      expect((await backend.signIn({ email: pupil.email, password: pupil.password }, call())).id, 'other addresses').to.equal(pupil.id);
      clock.advance(SIGN_IN_FAILURE_WINDOW_MS);
      expect((await backend.signIn({ email: teacher.email, password: teacher.password }, call())).id).to.equal(teacher.id);
    });

    it('forgets the failures of an address after a successful sign-in', async () => {
      const backend = new MemoryBackend();
      for (let i = 0; i < SIGN_IN_FAILURE_LIMIT - 1; i += 1) await rejection(backend.signIn(wrong, call()), 'invalid-credentials');
      await backend.signIn({ email: teacher.email, password: teacher.password }, call());
      for (let i = 0; i < SIGN_IN_FAILURE_LIMIT - 1; i += 1) await rejection(backend.signIn(wrong, call()), 'invalid-credentials');
      await rejection(backend.signIn(wrong, call()), 'invalid-credentials');
      await rejection(backend.signIn(wrong, call()), 'rate-limited');
    });
  });

  it('signs out, and signing out twice is harmless', async () => {
    const backend = new MemoryBackend();
    await backend.signIn({ email: teacher.email, password: teacher.password }, call());
    await backend.signOut(call());
    expect(await backend.getSession(call())).to.equal(null);
    await backend.signOut(call());
    await rejection(backend.listProducts(call()), 'unauthenticated');
  });

  it('replaces the session when someone else signs in', async () => {
    const backend = new MemoryBackend();
    await backend.signIn({ email: teacher.email, password: teacher.password }, call());
    await backend.signIn({ email: pupil.email, password: pupil.password }, call());
    expect((await backend.getSession(call()))?.id).to.equal(pupil.id);
  });

  it('returns fresh copies of the user', async () => {
    const backend = new MemoryBackend();
    const user = await backend.signIn({ email: teacher.email, password: teacher.password }, call());
    user.displayName = 'verändert';
    expect((await backend.getSession(call()))?.displayName).to.equal(teacher.displayName);
  });

  describe('requestPasswordReset', () => {
    it('sends a reset mail with a token to a known address', async () => {
      const backend = new MemoryBackend();
      await backend.requestPasswordReset(teacher.email.toUpperCase(), call());
      expect(backend.mailbox).to.have.length(1);
      expect(backend.mailbox[0]).to.include({ to: teacher.email, kind: 'reset' });
      expect(backend.mailbox[0]?.token).to.match(/^[A-Za-z0-9_-]{32,}$/);
      await backend.requestPasswordReset(teacher.email, call());
      expect(backend.mailbox[1]?.token, 'a new token for every mail').not.to.equal(backend.mailbox[0]?.token);
    });

    it('resolves the same way for an unknown address, without a mail', async () => {
      const backend = new MemoryBackend();
      expect(await backend.requestPasswordReset('niemand@keyshelf.example', call())).to.equal(undefined);
      expect(backend.mailbox).to.deep.equal([]);
    });

    it('rejects a malformed address', async () => {
      const error = await rejection(new MemoryBackend().requestPasswordReset('@', call()), 'validation');
      expect(error.fieldErrors).to.deep.equal([{ field: 'email', code: 'invalid-email' }]);
    });
  });

  describe('listProducts', () => {
    it('requires a session', async () => {
      await rejection(new MemoryBackend().listProducts(call()), 'unauthenticated');
    });

    it("returns the caller's products in seed order, as copies", async () => {
      const backend = new MemoryBackend();
      await backend.signIn({ email: teacher.email, password: teacher.password }, call());
      const products = await backend.listProducts(call());
      expect(products.map((product) => product.id)).to.deep.equal([...teacher.productIds]);
      products[0]!.title = 'verändert';
      products.pop();
      const again = await backend.listProducts(call());
      expect(again).to.have.length(teacher.productIds.length);
      expect(again[0]?.title).to.equal('Mathematik heute 7');
    });

    it('returns an empty list for an account without products', async () => {
      const backend = new MemoryBackend();
      await backend.signIn({ email: pupil.email, password: pupil.password }, call());
      expect(await backend.listProducts(call())).to.deep.equal([]);
    });
  });
});
