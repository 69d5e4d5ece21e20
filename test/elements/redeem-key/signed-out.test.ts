import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import type { TemplateResult } from 'lit';
import { MemoryBackend } from '../../../src/adapters/memory/index.js';
import { normalizeKey } from '../../../src/core/online-key.js';
import { AccountStore } from '../../../src/core/store.js';
import type { KsRedeemKey } from '../../../src/elements/redeem-key/redeem-key.js';
import type { KsProvider } from '../../../src/elements/provider/provider.js';
import { demoCredentials } from '../../support/fixture.js';
import { collect, deepActiveElement, MemoryStorage } from '../../support/helpers.js';
import { inlineSignIn, keys, mountRedeemKey, redeem, settled, signInInline, spyOnRedeem, submit, typeInto, ui } from './helpers.js';

const teacher = demoCredentials('teacher');
const signal = () => new AbortController().signal;
const PENDING_KEY_STORAGE = 'keyshelf:pending-key';

/** Mounts `template` under a provider with `store`, as a page (or the same page after a reload) would. */
async function mountWith(store: AccountStore, template: TemplateResult = html`<ks-redeem-key></ks-redeem-key>`) {
  const provider = await fixture<KsProvider>(html`<ks-provider .store=${store} lang="de">${template}</ks-provider>`);
  const element = provider.firstElementChild as KsRedeemKey;
  await element.updateComplete;
  return element;
}

const asksToRedeem = (key: string) => `Ihr Online-Schlüssel ${key} ist eingetragen. Jetzt einlösen?`;

describe('<ks-redeem-key> signed out', () => {
  it('accepts the key, keeps it as the pending key and opens the sign-in form inline', async () => {
    const { element, store, backend } = await mountRedeemKey();
    const spy = spyOnRedeem(backend);
    const navigate = collect('ks-navigate');
    typeInto(element, keys.licence);
    await submit(element);
    await settled(element);
    const signIn = await inlineSignIn(element);
    navigate.stop();
    expect(navigate.events.map((event) => [event.detail, event.cancelable])).to.deep.equal([[{ to: 'sign-in' }, true]]);
    expect(store.snapshot.pendingKey).to.equal(normalizeKey(keys.licence));
    expect(spy.calls).to.have.length(0);
    expect(ui(element).statusText()).to.equal('Bitte melden Sie sich an, um den Online-Schlüssel einzulösen. Ihr Schlüssel bleibt eingetragen.');
    expect(ui(element).input()!.value).to.equal(keys.licence);
    // A light-DOM child, slotted in: password managers see its form.
    expect(signIn.parentElement).to.equal(element);
    expect(signIn.assignedSlot?.name).to.equal('sign-in');
    await waitUntil(() => document.activeElement === signIn.querySelector('input[autocomplete=username]'), 'focus on the e-mail field');
    await expect(element).to.be.accessible();
  });

  it('after signing in there, asks "Jetzt einlösen?" with the key filled in, and redeems only when asked', async () => {
    const { element, store, backend } = await mountRedeemKey();
    const spy = spyOnRedeem(backend);
    const redeemed = collect('ks-key-redeemed');
    typeInto(element, keys.licence);
    await submit(element);
    signInInline(await inlineSignIn(element), 'teacher');
    await waitUntil(() => store.snapshot.status === 'signed-in');
    await element.updateComplete;
    expect(ui(element).statusText()).to.equal(asksToRedeem(keys.licence));
    expect(ui(element).submit()!.textContent?.trim()).to.equal('Jetzt einlösen');
    expect(ui(element).input()!.value).to.equal(keys.licence);
    expect(element.shadowRoot!.querySelector('slot[name=sign-in]')).to.equal(null);
    // The form the user was on went away: the next step, the button, has focus.
    await waitUntil(() => deepActiveElement() === ui(element).submit(), 'focus on the button');
    await expect(element).to.be.accessible();
    expect(spy.calls).to.have.length(0);
    expect(redeemed.events).to.have.length(0);

    ui(element).submit()!.click();
    await settled(element);
    redeemed.stop();
    expect(spy.calls).to.have.length(1);
    expect(redeemed.events).to.have.length(1);
    expect(ui(element).statusText()).to.include('Die Lizenz ist aktiviert.');
    expect(store.snapshot.pendingKey).to.equal(null);
  });

  it('asks again when the user signs in anywhere else on the page', async () => {
    const { element, store } = await mountRedeemKey();
    await redeem(element, keys.journal);
    await store.signIn(teacher);
    await element.updateComplete;
    expect(ui(element).statusText()).to.equal(asksToRedeem(keys.journal));
    expect(element.shadowRoot!.querySelector('slot[name=sign-in]')).to.equal(null);
  });

  it('offers "Neues Konto erstellen" in the sign-in form, leading to register-href after a cancelable ks-navigate', async () => {
    const { element } = await mountRedeemKey(html`<ks-redeem-key register-href="#ks-register"></ks-redeem-key>`);
    await redeem(element, keys.licence);
    const signIn = await inlineSignIn(element);
    const link = [...signIn.querySelectorAll<HTMLAnchorElement>('a')].find((each) => each.textContent?.trim() === 'Neues Konto erstellen')!;
    expect(link.getAttribute('href')).to.equal('#ks-register');
    const navigate = collect('ks-navigate', (event) => event.preventDefault());
    const before = location.href;
    link.click();
    navigate.stop();
    expect(navigate.events.map((event) => event.detail)).to.deep.equal([{ to: 'register', href: '#ks-register' }]);
    expect(location.href).to.equal(before);
  });

  it('goes to sign-in-href after a cancelable ks-navigate instead, with no form of its own', async () => {
    const { element, store } = await mountRedeemKey(html`<ks-redeem-key sign-in-href="#ks-sign-in-page"></ks-redeem-key>`, {
      links: { signIn: '#ks-provider-sign-in' },
    });
    const navigate = collect('ks-navigate', (event) => event.preventDefault());
    const before = location.href;
    await redeem(element, keys.licence);
    navigate.stop();
    expect(navigate.events.map((event) => [event.detail, event.cancelable])).to.deep.equal([[{ to: 'sign-in', href: '#ks-sign-in-page' }, true]]);
    expect(location.href).to.equal(before);
    expect(element.querySelector('ks-sign-in')).to.equal(null);
    expect(store.snapshot.pendingKey).to.equal(normalizeKey(keys.licence));
    expect(ui(element).statusText()).to.include('Bitte melden Sie sich an');
    expect(ui(element).alertText()).to.equal('');
    expect(element.shadowRoot!.querySelector('slot[name=sign-in]')).to.equal(null);
    await expect(element).to.be.accessible();
  });

  it("takes the provider's sign-in link, and leaves sign-in to a host that cancels ks-navigate", async () => {
    const { element } = await mountRedeemKey(undefined, { links: { signIn: '#ks-provider-sign-in' } });
    const navigate = collect('ks-navigate', (event) => event.preventDefault());
    await redeem(element, keys.licence);
    navigate.stop();
    expect(navigate.events.map((event) => event.detail)).to.deep.equal([{ to: 'sign-in', href: '#ks-provider-sign-in' }]);

    const { element: other } = await mountRedeemKey();
    const hostTakesOver = collect('ks-navigate', (event) => event.preventDefault());
    await redeem(other, keys.licence);
    hostTakesOver.stop();
    expect(hostTakesOver.events.map((event) => event.detail)).to.deep.equal([{ to: 'sign-in' }]);
    expect(other.querySelector('ks-sign-in')).to.equal(null);
  });

  describe('across a reload', () => {
    async function submitSignedOut(storage: Storage, backend: MemoryBackend, key: string): Promise<void> {
      const before = new AccountStore({ backend, storage, channel: false });
      await before.ensureSession();
      const element = await mountWith(before, html`<ks-redeem-key sign-in-href="#ks-sign-in-page"></ks-redeem-key>`);
      const navigate = collect('ks-navigate', (event) => event.preventDefault());
      await redeem(element, key);
      navigate.stop();
      element.parentElement!.remove();
      before.dispose();
    }

    it('keeps the key and asks "Jetzt einlösen?" once the user is signed in', async () => {
      const storage = new MemoryStorage();
      const backend = new MemoryBackend();
      await submitSignedOut(storage, backend, keys.download);
      expect(storage.getItem(PENDING_KEY_STORAGE)).to.include(normalizeKey(keys.download));
      // The sign-in page signed the user in; this is the page they come back to.
      await backend.signIn(teacher, { signal: signal() });
      const after = new AccountStore({ backend, storage, channel: false });
      const spy = spyOnRedeem(backend);
      const redeemed = collect('ks-key-redeemed');
      const element = await mountWith(after);
      await waitUntil(() => ui(element).statusText() === asksToRedeem(keys.download), 'the key did not come back');
      expect(ui(element).input()!.value).to.equal(keys.download);
      expect(spy.calls).to.have.length(0);
      await expect(element).to.be.accessible();
      ui(element).submit()!.click();
      await settled(element);
      redeemed.stop();
      expect(redeemed.events.map((event) => event.detail.list)).to.deep.equal(['download']);
      expect(storage.getItem(PENDING_KEY_STORAGE)).to.equal(null);
    });

    it('shows the key to a user who is still signed out, without opening anything', async () => {
      const storage = new MemoryStorage();
      const backend = new MemoryBackend();
      await submitSignedOut(storage, backend, keys.download);
      const after = new AccountStore({ backend, storage, channel: false });
      const navigate = collect('ks-navigate');
      const element = await mountWith(after);
      await waitUntil(() => after.snapshot.status === 'signed-out');
      await element.updateComplete;
      navigate.stop();
      expect(ui(element).input()!.value).to.equal(keys.download);
      expect(ui(element).statusText()).to.equal('');
      expect(navigate.events).to.have.length(0);
      expect(element.querySelector('ks-sign-in')).to.equal(null);
    });

    it('comes back after the user registered and followed the confirmation link in this tab', async () => {
      const storage = new MemoryStorage();
      const backend = new MemoryBackend();
      await submitSignedOut(storage, backend, keys.journal);
      const email = 'qr-leser@example.org';
      await backend.register(
        {
          customerType: 'parent',
          email,
          password: 'ein langes Kennwort 2026',
          acceptedTermsVersion: '2026-01',
          newsletter: false,
          address: { firstName: 'Lea', lastName: 'Leser', street: 'Weg 2', postcode: '12345', city: 'Ort', country: 'DE' },
        },
        { signal: signal() },
      );
      const token = backend.mailbox.find((mail) => mail.to === email && mail.kind === 'confirm')!.token!;
      const original = location.href;
      const url = new URL(location.href);
      history.replaceState(history.state, '', `${url.pathname}${url.search}${url.search ? '&' : '?'}ks-confirm=${encodeURIComponent(token)}`);
      try {
        const after = new AccountStore({ backend, storage, channel: false });
        const element = await mountWith(after);
        await waitUntil(() => ui(element).statusText() === asksToRedeem(keys.journal), 'the key did not come back');
        expect(after.snapshot.user?.email).to.equal(email);
        expect(location.search).to.not.include('ks-confirm');
      } finally {
        history.replaceState(history.state, '', original);
      }
    });

    it('redeems at once with auto-redeem, and fires ks-key-redeemed once', async () => {
      const storage = new MemoryStorage();
      const backend = new MemoryBackend();
      await submitSignedOut(storage, backend, keys.licence);
      await backend.signIn(teacher, { signal: signal() });
      const spy = spyOnRedeem(backend);
      const redeemed = collect('ks-key-redeemed');
      const element = await mountWith(new AccountStore({ backend, storage, channel: false }), html`<ks-redeem-key auto-redeem></ks-redeem-key>`);
      await waitUntil(() => ui(element).statusText().startsWith('Die Lizenz ist aktiviert.'), 'the key was not redeemed');
      await settled(element);
      redeemed.stop();
      expect(spy.calls).to.have.length(1);
      expect(redeemed.events).to.have.length(1);
      expect(storage.getItem(PENDING_KEY_STORAGE)).to.equal(null);
    });
  });

  it('asks "Jetzt einlösen?" after registering and confirming the e-mail address', async () => {
    const { element, store, backend } = await mountRedeemKey(html`<ks-redeem-key register-href="#ks-register"></ks-redeem-key>`);
    await redeem(element, keys.journal);
    const email = 'neu-registriert@example.org';
    const registered = await store.register({
      customerType: 'teacher',
      email,
      password: 'ein langes Kennwort 2026',
      acceptedTermsVersion: '2026-01',
      newsletter: false,
      address: { firstName: 'Rita', lastName: 'Neu', street: 'Weg 1', postcode: '12345', city: 'Ort', country: 'DE', institution: 'Schule' },
    });
    expect(registered.ok).to.equal(true);
    const token = backend.mailbox.find((mail) => mail.to === email && mail.kind === 'confirm')!.token!;
    expect((await store.confirmEmail(token)).ok).to.equal(true);
    await element.updateComplete;
    expect(ui(element).statusText()).to.equal(asksToRedeem(keys.journal));
    ui(element).submit()!.click();
    await settled(element);
    expect(ui(element).statusText()).to.include('Fachzeitschriften');
  });

  it('does not redeem a malformed pending key, even with auto-redeem', async () => {
    const { element, store, backend } = await mountRedeemKey(html`<ks-redeem-key auto-redeem></ks-redeem-key>`, { signedInAs: 'teacher' });
    const spy = spyOnRedeem(backend);
    store.setPendingKey('MATH-7A3B-4C6D');
    await element.updateComplete;
    await settled(element);
    expect(ui(element).input()!.value).to.equal('MATH-7A3B-4C6D');
    expect(ui(element).problem()).to.equal('Dieser Schlüssel ist unvollständig: Es fehlen noch 4 Zeichen.');
    expect(spy.calls).to.have.length(0);
  });

  it('lets go of the pending key once it had a definitive answer, or the user chose another key', async () => {
    const { element, store } = await mountRedeemKey(undefined, { signedInAs: 'teacher' });
    store.setPendingKey(keys.expired);
    await element.updateComplete;
    ui(element).submit()!.click();
    await settled(element);
    expect(ui(element).alertText()).to.include('abgelaufen');
    expect(store.snapshot.pendingKey).to.equal(null);

    store.setPendingKey(keys.notYetValid);
    await element.updateComplete;
    expect(ui(element).input()!.value).to.equal(keys.notYetValid);
    await redeem(element, keys.journal);
    expect(store.snapshot.pendingKey).to.equal(null);
  });

  it('keeps what the user typed when a pending key arrives later', async () => {
    const { element, store } = await mountRedeemKey(undefined, { signedInAs: 'teacher' });
    typeInto(element, 'MATH-7A3B');
    await element.updateComplete;
    store.setPendingKey(keys.journal);
    await element.updateComplete;
    expect(ui(element).input()!.value).to.equal('MATH-7A3B');
    expect(ui(element).statusText()).to.equal('');
  });

  describe('the key in the address', () => {
    let original: string;
    beforeEach(() => (original = location.href));
    afterEach(() => history.replaceState(history.state, '', original));

    function visit(query: string, hash = '#ks-frag'): void {
      const url = new URL(location.href);
      history.replaceState(history.state, '', `${url.pathname}${url.search}${url.search ? '&' : '?'}${query}${hash}`);
    }

    it('fills the field, is removed from the address and waits as the pending key', async () => {
      const searchBefore = location.search;
      visit('foo=1&key=math-7a3b-4c6d-e7f6&bar=a+b');
      const events = (['ks-key-redeemed', 'ks-navigate', 'ks-open-product'] as const).map((type) => collect(type));
      const { element, store, backend } = await mountRedeemKey(undefined, { signedInAs: 'teacher' });
      const spy = spyOnRedeem(backend);
      await element.updateComplete;
      expect(ui(element).input()!.value).to.equal(keys.licence);
      expect(location.search).to.equal(`${searchBefore}${searchBefore ? '&' : '?'}foo=1&bar=a+b`);
      expect(location.hash).to.equal('#ks-frag');
      expect(store.snapshot.pendingKey).to.equal(normalizeKey(keys.licence));
      expect(ui(element).statusText()).to.equal(asksToRedeem(keys.licence));
      await expect(element).to.be.accessible();
      await settled(element);
      for (const each of events) each.stop();
      expect(events.flatMap((each) => each.events)).to.have.length(0);
      expect(spy.calls).to.have.length(0);
    });

    it('reads the parameter named by key-param, and leaves others alone', async () => {
      visit('key=ignored&code=jahr9t3u4v6wx7y3', '');
      const { element } = await mountRedeemKey(html`<ks-redeem-key key-param="code"></ks-redeem-key>`);
      expect(ui(element).input()!.value).to.equal(keys.journal);
      expect(new URL(location.href).searchParams.get('key')).to.equal('ignored');
      expect(new URL(location.href).searchParams.has('code')).to.equal(false);
    });

    it('shows at once what is wrong with a malformed key from the address', async () => {
      visit('key=MATH-7A3B-4C6D-E7F');
      const { element } = await mountRedeemKey();
      expect(ui(element).input()!.value).to.equal('MATH-7A3B-4C6D-E7F');
      expect(ui(element).problem()).to.equal('Dieser Schlüssel ist unvollständig: Es fehlt noch 1 Zeichen.');
      expect(new URL(location.href).searchParams.has('key')).to.equal(false);
      await expect(element).to.be.accessible();
    });
  });
});
