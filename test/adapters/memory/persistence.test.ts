import { expect } from '@open-wc/testing';
import { DEFAULT_STORAGE_KEY, MemoryBackend, demoAccounts } from '../../../src/adapters/memory/index.js';
import { call, demoKey, pupil, redeemCall, registration, rejection, teacher, unconfirmed } from './helpers.js';

let storageKey = '';
let counter = 0;

function storedText(): string {
  const entries: string[] = [];
  for (let i = 0; i < localStorage.length; i += 1) {
    const key = localStorage.key(i) ?? '';
    entries.push(key, localStorage.getItem(key) ?? '');
  }
  return entries.join('\n');
}

describe('MemoryBackend: localStorage persistence', () => {
  beforeEach(() => {
    storageKey = `keyshelf-test-${Date.now()}-${++counter}`;
  });

  afterEach(() => {
    localStorage.removeItem(storageKey);
  });

  const persisted = () => new MemoryBackend({ persist: 'localStorage', storageKey });

  it('keeps registrations, confirmations, redemptions and the session across instances', async () => {
    const first = persisted();
    const request = registration();
    await first.register(request, call());
    const token = first.mailbox[0]?.token ?? '';
    const user = await first.confirmEmail(token, call());
    const redeemed = await first.redeemKey(demoKey('deutsch-kompetent-8'), redeemCall());

    const second = persisted();
    expect(await second.getSession(call())).to.deep.equal(user);
    expect(await second.listProducts(call())).to.deep.equal([redeemed.product]);
    await second.signOut(call());
    expect(await second.signIn({ email: request.email, password: request.password }, call())).to.deep.equal(user);
    await rejection(second.confirmEmail(token, call()), 'validation');

    await second.signIn({ email: teacher.email, password: teacher.password }, call());
    expect((await rejection(second.redeemKey(demoKey('deutsch-kompetent-8'), redeemCall()), 'key-already-redeemed')).byYou).to.equal(false);
  });

  it('keeps a pending confirmation, so a link followed after a reload still works', async () => {
    const first = persisted();
    await first.register(registration(), call());
    const token = first.mailbox[0]?.token ?? '';
    expect((await persisted().confirmEmail(token, call())).emailConfirmed).to.equal(true);
  });

  it('keeps a pending reset link and the new password across instances, as digests only', async () => {
    const first = persisted();
    await first.requestPasswordReset(teacher.email, call());
    const token = first.mailbox[0]?.token ?? '';
    const newPassword = 'ein ganz neues Kennwort';
    await persisted().completePasswordReset(token, newPassword, call());
    const stored = storedText();
    for (const secret of [token, newPassword]) expect(stored, 'a secret in storage').not.to.include(secret);
    const later = persisted();
    await rejection(later.signIn({ email: teacher.email, password: teacher.password }, call()), 'invalid-credentials');
    expect((await later.signIn({ email: teacher.email, password: newPassword }, call())).id).to.equal(teacher.id);
    await rejection(first.completePasswordReset(token, 'noch ein anderes Kennwort', call()), 'validation');
  });

  it('stores no password and no token', async () => {
    const backend = persisted();
    const request = registration();
    await backend.register(request, call());
    await backend.resendConfirmation(request.email, call());
    await backend.requestPasswordReset(request.email, call());
    await backend.signIn({ email: teacher.email, password: teacher.password }, call());
    await backend.redeemKey(demoKey('weltatlas-digital'), redeemCall());

    const stored = storedText();
    expect(stored).to.include(storageKey);
    expect(stored).to.include(demoKey('weltatlas-digital'));
    const secrets = [request.password, ...demoAccounts.map((account) => account.password), ...backend.mailbox.map((mail) => mail.token ?? '')];
    expect(backend.mailbox.filter((mail) => mail.token)).to.have.length(3);
    for (const secret of secrets) expect(stored, 'a secret in storage').not.to.include(secret);
  });

  it('follows changes made by another instance (another tab)', async () => {
    const one = persisted();
    const other = persisted();
    await one.signIn({ email: pupil.email, password: pupil.password }, call());
    expect((await other.getSession(call()))?.id).to.equal(pupil.id);
    await other.signOut(call());
    expect(await one.getSession(call())).to.equal(null);
  });

  it('starts afresh from a corrupt or foreign document', async () => {
    for (const junk of ['{nicht json', '{"version":99}', 'null']) {
      localStorage.setItem(storageKey, junk);
      const backend = persisted();
      expect(await backend.getSession(call()), junk).to.equal(null);
      await backend.signIn({ email: pupil.email, password: pupil.password }, call());
      expect((await persisted().getSession(call()))?.id, junk).to.equal(pupil.id);
    }
  });

  it('ignores a stored session of an account that is unknown or cannot sign in', async () => {
    for (const sessionAccountId of ['u-gone', unconfirmed.id]) {
      const document = { version: 1, sessionAccountId, accounts: [], confirmedAccountIds: [], redemptions: [], confirmations: [] };
      localStorage.setItem(storageKey, JSON.stringify(document));
      const backend = persisted();
      expect(await backend.getSession(call()), sessionAccountId).to.equal(null);
      await rejection(backend.listProducts(call()), 'unauthenticated');
    }
  });

  it('uses a default storage key', async () => {
    const before = localStorage.getItem(DEFAULT_STORAGE_KEY);
    try {
      await new MemoryBackend({ persist: 'localStorage' }).signIn({ email: pupil.email, password: pupil.password }, call());
      expect(localStorage.getItem(DEFAULT_STORAGE_KEY)).to.include(pupil.id);
    } finally {
      if (before === null) localStorage.removeItem(DEFAULT_STORAGE_KEY);
      else localStorage.setItem(DEFAULT_STORAGE_KEY, before);
    }
  });

  it('touches no storage unless asked to', async () => {
    const before = storedText();
    const backend = new MemoryBackend({ storageKey });
    await backend.signIn({ email: teacher.email, password: teacher.password }, call());
    await backend.redeemKey(demoKey('weltatlas-digital'), redeemCall());
    expect(storedText()).to.equal(before);
    expect(await new MemoryBackend({ storageKey }).getSession(call())).to.equal(null);
  });
});
