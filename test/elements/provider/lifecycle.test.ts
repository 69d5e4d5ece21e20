// <ks-provider> disposes of the store it made itself when it leaves the page (its BroadcastChannel,
// its loads in flight), but not when it is only moved, and never a store it was given.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../../src/elements/provider/define.js';
import { MemoryBackend } from '../../../src/adapters/memory/index.js';
import { getPageDefaultStore } from '../../../src/core/document-context.js';
import { AccountStore } from '../../../src/core/store.js';
import type { KsProvider } from '../../../src/elements/provider/provider.js';
import { demoCredentials } from '../../support/fixture.js';
import type { KsTestProbe } from '../../support/probe-element.js';
import '../../support/probe-element.js';

const microtasks = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** Notes when `store` is disposed. */
function watchDisposal(store: AccountStore): { disposed: boolean } {
  const seen = { disposed: false };
  const dispose = store.dispose.bind(store);
  store.dispose = () => {
    seen.disposed = true;
    dispose();
  };
  return seen;
}

async function signedInBackend(): Promise<MemoryBackend> {
  const backend = new MemoryBackend();
  await backend.signIn(demoCredentials('teacher'), { signal: new AbortController().signal });
  return backend;
}

async function mountProvider(backend: MemoryBackend): Promise<{ provider: KsProvider; probe: KsTestProbe }> {
  const provider = await fixture<KsProvider>(html`<ks-provider .backend=${backend}><ks-test-probe></ks-test-probe></ks-provider>`);
  const probe = provider.querySelector<KsTestProbe>('ks-test-probe')!;
  await waitUntil(() => probe.shadowRoot?.textContent === 'signed-in', 'the session was not read');
  return { provider, probe };
}

describe('<ks-provider> and its store', () => {
  it('disposes of the store it made once it leaves the page', async () => {
    const { provider } = await mountProvider(await signedInBackend());
    const store = provider.store;
    const seen = watchDisposal(store);
    provider.remove();
    expect(seen.disposed, 'not before the end of the task: it may be put back').to.equal(false);
    await microtasks();
    expect(seen.disposed).to.equal(true);
  });

  it('keeps its store, and the session, when it is moved', async () => {
    const { provider, probe } = await mountProvider(await signedInBackend());
    const store = provider.store;
    const seen = watchDisposal(store);
    const elsewhere = await fixture(html`<section></section>`);
    elsewhere.append(provider);
    await microtasks();
    expect(seen.disposed).to.equal(false);
    expect(provider.store).to.equal(store);
    expect(probe.currentStore).to.equal(store);
    expect(store.snapshot.status).to.equal('signed-in');
  });

  it('makes a new store when it is put back after it disposed of its old one', async () => {
    const backend = await signedInBackend();
    const { provider, probe } = await mountProvider(backend);
    const old = provider.store;
    const parent = provider.parentElement!;
    provider.remove();
    await microtasks();
    parent.append(provider);
    await waitUntil(() => probe.shadowRoot?.textContent === 'signed-in', 'the new store did not read the session');
    expect(provider.store).to.not.equal(old);
    expect(probe.currentStore).to.equal(provider.store);
    expect(provider.store.backend).to.equal(backend);
  });

  it('never disposes of a store it was given, nor the page default', async () => {
    const given = new AccountStore({ backend: await signedInBackend(), storage: null, channel: false });
    const givenSeen = watchDisposal(given);
    const pageDefaultSeen = watchDisposal(getPageDefaultStore());
    const root = await fixture(html`<div>
      <ks-provider .store=${given}><ks-test-probe></ks-test-probe></ks-provider>
      <ks-provider page-default></ks-provider>
    </div>`);
    root.remove();
    await microtasks();
    expect(givenSeen.disposed).to.equal(false);
    expect(pageDefaultSeen.disposed).to.equal(false);
    given.dispose();
  });

  it('disposes of the store it made when it is given another one', async () => {
    const { provider, probe } = await mountProvider(await signedInBackend());
    const own = provider.store;
    const seen = watchDisposal(own);
    const given = new AccountStore({ backend: await signedInBackend(), storage: null, channel: false });
    const givenSeen = watchDisposal(given);
    provider.store = given;
    expect(seen.disposed).to.equal(true);
    expect(probe.currentStore).to.equal(given);
    provider.remove();
    await microtasks();
    // Nor does it dispose of the given one afterwards.
    expect(givenSeen.disposed).to.equal(false);
    given.dispose();
  });
});
