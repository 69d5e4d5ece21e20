// The URL is the page's: each test sets it with history.replaceState and puts it back afterwards.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../src/elements/provider/define.js';
import '../support/probe-element.js';
import { BackendError } from '../../src/core/errors.js';
import { getPageDefaultStore } from '../../src/core/document-context.js';
import { configure } from '../../src/core/page-default.js';
import type { SessionUser } from '../../src/core/schemas.js';
import { AccountStore } from '../../src/core/store.js';
import type { KsTestProbe } from '../support/probe-element.js';
import { ScriptedBackend, settle } from '../support/scripted-backend.js';

const anna: SessionUser = {
  id: 'u-anna', email: 'anna@example.org', displayName: 'Anna Muster', customerType: 'teacher', emailConfirmed: true,
};
const original = `${location.pathname}${location.search}${location.hash}`;
/** The test runner's own parameters, which must survive too. */
const runnerSearch = location.search;
let counter = 0;
/** A fresh token per test: a token taken once is never taken again on the page. */
const freshToken = () => `tok-${++counter}-${'x'.repeat(40)}`;

/** Puts the page on `?{runner params}&{query}#{hash}` as if it had been opened from a link. */
function visit(query: string, hash = ''): void {
  const search = runnerSearch ? `${runnerSearch}&${query}` : `?${query}`;
  history.replaceState(null, '', `${location.pathname}${search}${hash}`);
}

/** The page's parameters other than the runner's. */
function ownParams(): string {
  const search = location.search.startsWith(runnerSearch) ? location.search.slice(runnerSearch.length) : location.search;
  return search.replace(/^[?&]/, '');
}

function newStore() {
  const backend = new ScriptedBackend();
  return { backend, store: new AccountStore({ backend, storage: null, channel: false }) };
}

afterEach(() => {
  history.replaceState(null, '', original);
});

describe('e-mail links', () => {
  // First, while the page default store has no backend yet.
  it('holds the token for the page default store until it is configured, with the URL cleaned at once', async () => {
    const token = freshToken();
    visit(`ks-confirm=${token}`);
    const probe = await fixture<KsTestProbe>(html`<ks-test-probe></ks-test-probe>`);
    expect(probe.currentStore).to.equal(getPageDefaultStore());
    expect(ownParams()).to.equal('');
    const backend = new ScriptedBackend();
    configure({ backend });
    await waitUntil(() => backend.callsOf('confirmEmail').length === 1, 'confirmEmail once configured');
    expect(backend.last('confirmEmail').args).to.deep.equal([token]);
    backend.last('confirmEmail').resolve(anna);
    await waitUntil(() => probe.shadowRoot?.textContent === 'signed-in');
    expect(getPageDefaultStore().snapshot.emailConfirmation).to.deep.equal({ state: 'confirmed', user: anna });
  });

  it('takes ks-confirm off the URL, keeps the other parameters and the hash, and confirms once for several elements', async () => {
    const token = freshToken();
    visit(`a=1&ks-confirm=${token}&b=x%20y&c`, '#abschnitt');
    const { backend, store } = newStore();
    const provider = await fixture(html`
      <ks-provider .store=${store}>
        <ks-test-probe></ks-test-probe><ks-test-probe></ks-test-probe><ks-test-probe></ks-test-probe>
      </ks-provider>
    `);
    expect(ownParams()).to.equal('a=1&b=x%20y&c');
    expect(location.hash).to.equal('#abschnitt');
    expect(backend.callsOf('confirmEmail').map((call) => call.args)).to.deep.equal([[token]]);
    expect(store.snapshot.emailConfirmation.state).to.equal('confirming');
    // The probes asked for the session; it waits for the link rather than answering "signed out".
    expect(backend.callsOf('getSession')).to.have.length(0);
    const probes = [...provider.querySelectorAll<KsTestProbe>('ks-test-probe')];
    expect(probes.map((probe) => probe.shadowRoot?.textContent)).to.deep.equal(['unknown', 'unknown', 'unknown']);
    backend.last('confirmEmail').resolve(anna);
    await waitUntil(() => probes.every((probe) => probe.shadowRoot?.textContent === 'signed-in'));
    expect(store.snapshot.emailConfirmation).to.deep.equal({ state: 'confirmed', user: anna });
    expect(backend.callsOf('getSession')).to.have.length(0);
    // More elements later, even with the old URL put back by a router: no second request.
    visit(`a=1&ks-confirm=${token}`);
    await fixture(html`<ks-provider .store=${store}><ks-test-probe></ks-test-probe></ks-provider>`);
    expect(backend.callsOf('confirmEmail')).to.have.length(1);
  });

  it('uses the token once on a page with two stores: the first store connected takes it', async () => {
    const token = freshToken();
    visit(`ks-confirm=${token}`);
    const first = newStore();
    const second = newStore();
    await fixture(html`
      <div>
        <ks-provider .store=${first.store}><ks-test-probe></ks-test-probe></ks-provider>
        <ks-provider .store=${second.store}><ks-test-probe></ks-test-probe></ks-provider>
      </div>
    `);
    expect(first.backend.callsOf('confirmEmail')).to.have.length(1);
    expect(second.backend.callsOf('confirmEmail')).to.have.length(0);
    expect(second.store.snapshot.emailConfirmation.state).to.equal('idle');
    // The second store reads its session as usual.
    expect(second.backend.callsOf('getSession')).to.have.length(1);
  });

  it('shows a failure in the snapshot and keeps it once the session is known', async () => {
    visit(`ks-confirm=${freshToken()}`);
    const { backend, store } = newStore();
    const provider = await fixture(html`<ks-provider .store=${store}><ks-test-probe></ks-test-probe></ks-provider>`);
    backend.last('confirmEmail').reject(new BackendError('validation', { fieldErrors: [{ field: 'token', code: 'token-expired' }] }));
    await waitUntil(() => backend.callsOf('getSession').length === 1, 'the session is read after the failure');
    backend.last('getSession').resolve(null);
    const probe = provider.querySelector<KsTestProbe>('ks-test-probe')!;
    await waitUntil(() => probe.shadowRoot?.textContent === 'signed-out');
    const confirmation = store.snapshot.emailConfirmation;
    expect(confirmation.state).to.equal('failed');
    expect(confirmation.state === 'failed' && confirmation.error.fieldErrors).to.deep.equal([{ field: 'token', code: 'token-expired' }]);
  });

  it('passes the token on as the link carried it, percent-decoded', async () => {
    visit('ks-confirm=abc%2Bdef%3D%3D-0123456789abcdef');
    const { backend, store } = newStore();
    await fixture(html`<ks-provider .store=${store}><ks-test-probe></ks-test-probe></ks-provider>`);
    expect(backend.last('confirmEmail').args).to.deep.equal(['abc+def==-0123456789abcdef']);
  });

  it('takes ks-reset off the URL and keeps it in the store for the form that asks for the new password', async () => {
    const token = freshToken();
    visit(`ks-reset=${token}&from=mail`);
    const { backend, store } = newStore();
    await fixture(html`<ks-provider .store=${store}><ks-test-probe></ks-test-probe></ks-provider>`);
    expect(ownParams()).to.equal('from=mail');
    expect(store.snapshot.passwordResetPending).to.equal(true);
    expect(backend.callsOf('confirmEmail')).to.have.length(0);
    expect(backend.callsOf('completePasswordReset')).to.have.length(0);
    expect(store.takePasswordResetToken()).to.equal(token);
    expect(store.takePasswordResetToken()).to.equal(null);
  });

  it('writes no token to web storage', async () => {
    const confirm = freshToken();
    const reset = freshToken();
    visit(`ks-confirm=${confirm}&ks-reset=${reset}`);
    // The default storage: sessionStorage, where the store keeps the pending key and the draft.
    const backend = new ScriptedBackend();
    const store = new AccountStore({ backend, channel: false });
    await fixture(html`<ks-provider .store=${store}><ks-test-probe></ks-test-probe></ks-provider>`);
    store.setPendingKey('MATH-7A3B-4C6D-E7F6');
    backend.last('confirmEmail').resolve(anna);
    await settle();
    const stored = [sessionStorage, localStorage].flatMap((storage) =>
      Array.from({ length: storage.length }, (_, index) => `${storage.key(index)}=${storage.getItem(storage.key(index)!)}`),
    );
    expect(stored.join('\n')).to.include('MATH7A3B4C6DE7F6');
    expect(stored.join('\n')).to.not.include(confirm);
    expect(stored.join('\n')).to.not.include(reset);
    expect(JSON.stringify(history.state)).to.not.include(confirm);
    store.setPendingKey(null);
  });

  it('does nothing to the URL on a page without such a parameter', async () => {
    visit('a=1&ks-other=2');
    const replaceState = history.replaceState;
    let calls = 0;
    history.replaceState = function (this: History, ...args: Parameters<History['replaceState']>) {
      calls += 1;
      return replaceState.apply(this, args);
    };
    try {
      const { backend, store } = newStore();
      await fixture(html`<ks-provider .store=${store}>${[1, 2, 3].map(() => html`<ks-test-probe></ks-test-probe>`)}</ks-provider>`);
      expect(calls).to.equal(0);
      expect(ownParams()).to.equal('a=1&ks-other=2');
      expect(backend.callsOf('confirmEmail')).to.have.length(0);
      expect(store.snapshot.passwordResetPending).to.equal(false);
    } finally {
      history.replaceState = replaceState;
    }
  });
});
