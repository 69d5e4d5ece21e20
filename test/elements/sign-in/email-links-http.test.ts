// The e-mail links end to end, over real HTTP against the reference server that web-test-runner
// starts (test/servers/reference-server.mjs): a fresh account registers, follows the confirmation
// link from the server's dev mailbox, resets its password with the reset link and signs in with it.
// It uses an account of its own, so the demo accounts stay as the other tests expect them.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { HttpBackend } from '../../../src/adapters/http/index.js';
import { AccountStore } from '../../../src/core/store.js';
import type { KsProvider } from '../../../src/elements/provider/provider.js';
import type { KsSignIn } from '../../../src/elements/sign-in/sign-in.js';
import { deepActiveElement, followLink } from '../../support/helpers.js';
import { typeInto, ui } from './helpers.js';

const signal = () => new AbortController().signal;
// Sign-in and registration hash with scrypt at full cost, on a machine shared with the browser.
const TIMEOUT = 20_000;

async function apiUrl(): Promise<string> {
  const response = await fetch('/__reference-server');
  return `${((await response.json()) as { url: string }).url}/api`;
}

/** The token of `param` in the newest mail to `email` that has one, from the server's dev mailbox. */
async function tokenFromMailbox(email: string, param: 'ks-confirm' | 'ks-reset'): Promise<string> {
  const response = await fetch(`/__reference-server/mailbox?to=${encodeURIComponent(email)}`);
  const { messages } = (await response.json()) as { messages: { links: string[] }[] };
  for (const link of messages.flatMap((message) => message.links)) {
    const token = new URL(link).searchParams.get(param);
    if (token) return token;
  }
  throw new Error(`no ${param} link to ${email}`);
}

/** A new page: a provider with its own store on the reference server, and `<ks-sign-in>` in it. */
async function openPage(baseUrl: string) {
  const store = new AccountStore({ backend: new HttpBackend({ baseUrl, timeout: TIMEOUT }), storage: null, channel: false });
  const provider = await fixture<KsProvider>(html`<ks-provider .store=${store} lang="de"><ks-sign-in></ks-sign-in></ks-provider>`);
  const element = provider.querySelector<KsSignIn>('ks-sign-in')!;
  await element.updateComplete;
  return { store, element };
}

describe('<ks-sign-in> with the links of the reference server', function () {
  this.timeout(60_000);
  let restoreUrl: (() => void) | undefined;
  afterEach(() => {
    restoreUrl?.();
    restoreUrl = undefined;
  });

  const email = `link-${crypto.randomUUID()}@example.com`;
  const firstPassword = `Erstes-Kennwort-${crypto.randomUUID().slice(0, 8)}`;
  const newPassword = `Neues-Kennwort-${crypto.randomUUID().slice(0, 8)}`;

  it('confirms a new account from the link in its confirmation mail and signs it in', async () => {
    const baseUrl = await apiUrl();
    const backend = new HttpBackend({ baseUrl, timeout: TIMEOUT });
    const options = await backend.getRegistrationOptions({ signal: signal() });
    const type = options.customerTypes.find((each) => !each.requiresInstitution)!;
    await backend.register(
      {
        customerType: type.id,
        email,
        password: firstPassword,
        acceptedTermsVersion: options.terms.version,
        newsletter: false,
        address: { firstName: 'Lina', lastName: 'Link', street: 'Mailweg 1', postcode: '10115', city: 'Berlin', country: 'DE' },
      },
      { signal: signal() },
    );
    restoreUrl = followLink(`ks-confirm=${encodeURIComponent(await tokenFromMailbox(email, 'ks-confirm'))}`);
    const { store, element } = await openPage(baseUrl);
    expect(location.search).to.not.include('ks-confirm');
    await waitUntil(() => store.snapshot.emailConfirmation.state !== 'confirming', 'the confirmation', { timeout: TIMEOUT });
    expect(ui(element).status().textContent?.trim()).to.equal('Ihre E-Mail-Adresse ist bestätigt. Sie sind jetzt angemeldet.');
    expect(store.snapshot.user?.email).to.equal(email);
    expect(store.snapshot.user?.emailConfirmed).to.equal(true);
    await store.signOut();
  });

  it('sets a new password from the link in the reset mail, and signs in with it', async () => {
    const baseUrl = await apiUrl();
    // The reset request, as the user makes it in the form.
    const first = await openPage(baseUrl);
    await waitUntil(() => first.store.snapshot.status === 'signed-out', 'the session', { timeout: TIMEOUT });
    ui(first.element).button('Passwort vergessen?')!.click();
    await first.element.updateComplete;
    typeInto(ui(first.element).email()!, email);
    ui(first.element).form()!.requestSubmit();
    await waitUntil(() => ui(first.element).status().textContent?.includes('Falls ein Konto'), 'the request', { timeout: TIMEOUT });

    restoreUrl = followLink(`ks-reset=${encodeURIComponent(await tokenFromMailbox(email, 'ks-reset'))}`);
    const { store, element } = await openPage(baseUrl);
    expect(location.search).to.not.include('ks-reset');
    const password = () => element.querySelector<HTMLInputElement>('input[autocomplete=new-password]');
    await waitUntil(() => element.textContent?.includes('Mindestens 12 Zeichen.'), 'the policy from the server', { timeout: TIMEOUT });
    typeInto(ui(element).email()!, email);
    typeInto(password()!, newPassword);
    ui(element).submit()!.focus();
    ui(element).form()!.requestSubmit();
    await waitUntil(
      () => ui(element).status().textContent?.trim() === 'Ihr Kennwort wurde geändert. Bitte melden Sie sich mit dem neuen Kennwort an.',
      'the password is changed',
      { timeout: TIMEOUT },
    );
    expect(ui(element).email()!.value).to.equal(email);
    await waitUntil(() => deepActiveElement() === ui(element).password(), 'focus on the password');
    await sendKeys({ type: newPassword });
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => store.snapshot.status === 'signed-in', 'signed in with the new password', { timeout: TIMEOUT });
    expect(store.snapshot.user?.email).to.equal(email);
    await store.signOut();
  });
});
