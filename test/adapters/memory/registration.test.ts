import { expect } from '@open-wc/testing';
import { CONFIRMATION_TTL_MS, MemoryBackend, demoRegistrationOptions } from '../../../src/adapters/memory/index.js';
import { call, registration, rejection, TestClock, teacher, unconfirmed } from './helpers.js';

function confirmToken(backend: MemoryBackend, to: string): string {
  const mail = backend.mailbox.filter((candidate) => candidate.to === to && candidate.kind === 'confirm').at(-1);
  if (!mail?.token) throw new Error(`no confirmation mail to ${to}`);
  return mail.token;
}

describe('MemoryBackend: registration', () => {
  it('offers the registration options as a copy', async () => {
    const backend = new MemoryBackend();
    const options = await backend.getRegistrationOptions(call());
    expect(options).to.deep.equal(demoRegistrationOptions);
    options.customerTypes.pop();
    options.passwordPolicy.minLength = 8;
    expect(await backend.getRegistrationOptions(call())).to.deep.equal(demoRegistrationOptions);
  });

  it('creates an unconfirmed account and mails a confirmation token', async () => {
    const backend = new MemoryBackend();
    const request = registration();
    expect(await backend.register(request, call())).to.deep.equal({ email: request.email });
    expect(backend.mailbox).to.have.length(1);
    expect(backend.mailbox[0]).to.include({ to: request.email, kind: 'confirm' });
    expect(backend.mailbox[0]?.token).to.match(/^[A-Za-z0-9_-]{32,}$/);
    await rejection(backend.signIn({ email: request.email, password: request.password }, call()), 'email-not-confirmed');
    expect(await backend.getSession(call())).to.equal(null);
  });

  it('confirms with the token, signs in, and the password works afterwards', async () => {
    const backend = new MemoryBackend();
    const request = registration({ customerNumber: '100300' });
    await backend.register(request, call());
    const user = await backend.confirmEmail(confirmToken(backend, request.email), call());
    expect(user).to.deep.include({
      email: request.email,
      displayName: 'Erika Muster',
      customerType: 'parent',
      customerNumber: '100300',
      emailConfirmed: true,
    });
    expect(await backend.getSession(call())).to.deep.equal(user);
    expect(await backend.listProducts(call())).to.deep.equal([]);
    await backend.signOut(call());
    await rejection(backend.signIn({ email: request.email, password: 'ein falsches Kennwort' }, call()), 'invalid-credentials');
    expect(await backend.signIn({ email: request.email.toUpperCase(), password: request.password }, call())).to.deep.equal(user);
  });

  it('accepts an unknown customer number without linking it (it is checked by hand)', async () => {
    const backend = new MemoryBackend();
    await backend.register(registration({ customerNumber: '999999' }), call());
    const user = await backend.confirmEmail(confirmToken(backend, registration().email), call());
    expect(user).not.to.have.property('customerNumber');
  });

  it('accepts a confirmation token only once', async () => {
    const backend = new MemoryBackend();
    await backend.register(registration(), call());
    const token = confirmToken(backend, registration().email);
    await backend.confirmEmail(token, call());
    const error = await rejection(backend.confirmEmail(token, call()), 'validation');
    expect(error.fieldErrors).to.deep.equal([{ field: 'token', code: 'token-invalid' }]);
  });

  it('accepts a token until 48 hours have passed, and not after', async () => {
    const clock = new TestClock();
    const backend = new MemoryBackend({ now: clock.now });
    await backend.register(registration(), call());
    await backend.register(registration({ email: 'zweite@example.org' }), call());
    clock.advance(CONFIRMATION_TTL_MS);
    expect((await backend.confirmEmail(confirmToken(backend, 'zweite@example.org'), call())).emailConfirmed).to.equal(true);
    clock.advance(1);
    const token = confirmToken(backend, registration().email);
    for (const attempt of ['first', 'second']) {
      const error = await rejection(backend.confirmEmail(token, call()), 'validation');
      expect(error.fieldErrors, `${attempt} attempt`).to.deep.equal([{ field: 'token', code: 'token-expired' }]);
    }
    await rejection(backend.signIn({ email: registration().email, password: registration().password }, call()), 'email-not-confirmed');
  });

  it('rejects unknown and malformed tokens', async () => {
    const backend = new MemoryBackend();
    for (const token of ['', 'kurz', 'x'.repeat(300), 'A'.repeat(43)]) {
      const error = await rejection(backend.confirmEmail(token, call()), 'validation');
      expect(error.fieldErrors, token).to.deep.equal([{ field: 'token', code: 'token-invalid' }]);
    }
  });

  it('answers a known e-mail like a new one and mails the owner instead (no enumeration)', async () => {
    const backend = new MemoryBackend();
    const request = registration({ email: teacher.email.toUpperCase(), password: 'ein ganz anderes Kennwort' });
    expect(await backend.register(request, call())).to.deep.equal({ email: request.email });
    expect(backend.mailbox).to.have.length(1);
    expect(backend.mailbox[0]).to.deep.include({ to: teacher.email, kind: 'already-registered' });
    expect(backend.mailbox[0]).not.to.have.property('token');
    await rejection(backend.signIn({ email: teacher.email, password: request.password }, call()), 'invalid-credentials');
    expect((await backend.signIn({ email: teacher.email, password: teacher.password }, call())).id).to.equal(teacher.id);
  });

  it('sends a new confirmation when a still unconfirmed address registers again', async () => {
    const backend = new MemoryBackend();
    await backend.register(registration({ email: unconfirmed.email }), call());
    const user = await backend.confirmEmail(confirmToken(backend, unconfirmed.email), call());
    expect(user).to.include({ id: unconfirmed.id, emailConfirmed: true });
  });

  describe('resendConfirmation', () => {
    it('mails a new token to an unconfirmed account; confirming voids the older one', async () => {
      const backend = new MemoryBackend();
      await backend.register(registration(), call());
      const first = confirmToken(backend, registration().email);
      await backend.resendConfirmation(registration().email, call());
      const second = confirmToken(backend, registration().email);
      expect(second).not.to.equal(first);
      await backend.confirmEmail(second, call());
      await rejection(backend.confirmEmail(first, call()), 'validation');
    });

    it('mails nothing to a confirmed or an unknown address, and answers the same (as the reference server)', async () => {
      const backend = new MemoryBackend();
      expect(await backend.resendConfirmation(teacher.email, call())).to.equal(undefined);
      expect(await backend.resendConfirmation('niemand@keyshelf.example', call())).to.equal(undefined);
      expect(backend.mailbox).to.deep.equal([]);
    });

    it('rejects a malformed address', async () => {
      await rejection(new MemoryBackend().resendConfirmation('nope', call()), 'validation');
    });
  });

  describe('the key a confirmation link carries', () => {
    const KEY = 'MATH7A3B4C6DE7F6';
    const mailTo = (backend: MemoryBackend, to: string) => backend.mailbox.filter((mail) => mail.to === to).at(-1);

    it('puts the pending key of a registration and of a resend into the confirmation mail, for the link', async () => {
      const backend = new MemoryBackend();
      await backend.register(registration({ pendingKey: KEY }), call());
      expect(mailTo(backend, registration().email)).to.include({ kind: 'confirm', key: KEY });
      await backend.resendConfirmation(registration().email, { ...call(), pendingKey: 'JAHR9T3U4V6WX7Y3' });
      expect(mailTo(backend, registration().email)).to.include({ kind: 'confirm', key: 'JAHR9T3U4V6WX7Y3' });
      await backend.resendConfirmation(registration().email, call());
      expect(mailTo(backend, registration().email)).to.not.have.property('key');
      // The link works with or without it.
      expect(await backend.confirmEmail(mailTo(backend, registration().email)!.token!, call())).to.include({ emailConfirmed: true });
    });

    it('carries it in the new link to a still unconfirmed address, never in the "already registered" notice', async () => {
      const backend = new MemoryBackend();
      await backend.register(registration({ email: unconfirmed.email, pendingKey: KEY }), call());
      expect(mailTo(backend, unconfirmed.email)).to.include({ kind: 'confirm', key: KEY });
      await backend.register(registration({ email: teacher.email, pendingKey: KEY }), call());
      const notice = mailTo(backend, teacher.email);
      expect(notice).to.include({ kind: 'already-registered' });
      expect(notice).to.not.have.property('key');
    });

    it('leaves out a key that is not well-formed for the key format', async () => {
      const backend = new MemoryBackend();
      for (const pendingKey of ['MATH7A3B4C6DE7F7', 'MATH7A3B', 'MATH7A3B4C6DE7F6E']) {
        await backend.register(registration({ pendingKey }), call());
        expect(mailTo(backend, registration().email), pendingKey).to.not.have.property('key');
      }
    });

    it('refuses a key that is not normalized key text, on its field', async () => {
      const backend = new MemoryBackend();
      const formatError = await rejection(backend.register(registration({ pendingKey: 'MATH-7A3B-4C6D-E7F6' }), call()), 'validation');
      expect(formatError.fieldErrors).to.deep.equal([{ field: 'pendingKey', code: 'invalid-format' }]);
      const lengthError = await rejection(backend.resendConfirmation(registration().email, { ...call(), pendingKey: 'A'.repeat(65) }), 'validation');
      expect(lengthError.fieldErrors).to.deep.equal([{ field: 'pendingKey', code: 'too-long' }]);
      expect(backend.mailbox).to.deep.equal([]);
    });
  });

  describe('validation', () => {
    async function fieldErrors(request: unknown): Promise<unknown> {
      const backend = new MemoryBackend();
      const error = await rejection(backend.register(request as never, call()), 'validation');
      expect(backend.mailbox, 'no mail for a refused registration').to.deep.equal([]);
      return error.fieldErrors;
    }

    it('names every missing field', async () => {
      expect(await fieldErrors({})).to.deep.equal([
        { field: 'customerType', code: 'required' },
        { field: 'email', code: 'required' },
        { field: 'password', code: 'required' },
        { field: 'acceptedTermsVersion', code: 'terms-required' },
        { field: 'newsletter', code: 'required' },
        { field: 'address', code: 'required' },
      ]);
    });

    it('treats blank text as missing and names nested fields by path', async () => {
      const request = registration();
      expect(await fieldErrors({ ...request, address: { ...request.address, city: '   ', firstName: 'x'.repeat(101) } })).to.deep.equal([
        { field: 'address.firstName', code: 'too-long' },
        { field: 'address.city', code: 'required' },
      ]);
    });

    it('rejects a malformed e-mail, a bad country, a wrong type and unknown fields', async () => {
      const request = registration();
      const broken = { ...request, email: 'erika@', newsletter: 'ja', address: { ...request.address, country: 'Deutschland' }, admin: true };
      expect(await fieldErrors(broken)).to.deep.equal([
        { field: 'email', code: 'invalid-email' },
        { field: 'newsletter', code: 'invalid-type' },
        { field: 'address.country', code: 'invalid-value' },
        { field: 'admin', code: 'unknown-field' },
      ]);
    });

    it('enforces the password policy', async () => {
      expect(await fieldErrors(registration({ password: 'zu kurz' }))).to.deep.equal([{ field: 'password', code: 'password-too-short' }]);
      // Counted in code points, as at the reference server: 11 emoji are 22 UTF-16 units, and too short.
      expect(await fieldErrors(registration({ password: '🔑'.repeat(11) }))).to.deep.equal([{ field: 'password', code: 'password-too-short' }]);
      expect(await fieldErrors(registration({ password: 'x'.repeat(129) }))).to.deep.equal([{ field: 'password', code: 'too-long' }]);
      expect(await fieldErrors(registration({ password: 'Erika.Muster-2026!' }))).to.deep.equal([
        { field: 'password', code: 'password-contains-email' },
      ]);
    });

    it('accepts a password of exactly the minimum length', async () => {
      const backend = new MemoryBackend();
      await backend.register(registration({ password: 'x'.repeat(demoRegistrationOptions.passwordPolicy.minLength) }), call());
      expect(backend.mailbox).to.have.length(1);
    });

    it('requires a school or institution for the customer types that need one', async () => {
      expect(await fieldErrors(registration({ customerType: 'teacher' }))).to.deep.equal([
        { field: 'address.institution', code: 'institution-required' },
      ]);
      const backend = new MemoryBackend();
      const request = registration({ customerType: 'teacher' });
      await backend.register({ ...request, address: { ...request.address, institution: 'Goethe-Gymnasium' } }, call());
      expect(backend.mailbox).to.have.length(1);
    });

    it('requires the current terms version', async () => {
      expect(await fieldErrors(registration({ acceptedTermsVersion: '2025-01' }))).to.deep.equal([
        { field: 'acceptedTermsVersion', code: 'terms-required' },
      ]);
    });

    it('rejects an unknown customer type', async () => {
      expect(await fieldErrors(registration({ customerType: 'astronaut' }))).to.deep.equal([{ field: 'customerType', code: 'invalid-value' }]);
    });

    it('reports shape errors and policy errors together', async () => {
      expect(await fieldErrors(registration({ email: 'kaputt', password: 'kurz', acceptedTermsVersion: '' }))).to.deep.equal([
        { field: 'email', code: 'invalid-email' },
        { field: 'acceptedTermsVersion', code: 'terms-required' },
        { field: 'password', code: 'password-too-short' },
      ]);
    });
  });
});
