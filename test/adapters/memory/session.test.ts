import { expect } from '@open-wc/testing';
import { MemoryBackend } from '../../../src/adapters/memory/index.js';
import { call, rejection, pupil, teacher, unconfirmed } from './helpers.js';

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
      expect(backend.mailbox[0]?.token).to.have.length.of.at.least(32);
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
