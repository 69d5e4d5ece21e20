// This file runs in its own page: it checks what happens before anything is defined or configured.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { getPageDefaultStore } from '../../src/core/document-context.js';
import { configure } from '../../src/core/page-default.js';
import { AccountStore } from '../../src/core/store.js';
import type { KsTestProbe } from '../support/probe-element.js';
import { ScriptedBackend } from '../support/scripted-backend.js';

const anna = { id: 'u1', email: 'anna@example.org', displayName: 'Anna', customerType: 'teacher', emailConfirmed: true };

describe('order of definition and configuration', () => {
  it('an element added before configure() gets the store and its session once configure() runs', async () => {
    await import('../support/probe-element.js');
    const probe = await fixture<KsTestProbe>(html`<ks-test-probe></ks-test-probe>`);
    expect(probe.currentStore).to.equal(getPageDefaultStore());
    expect(probe.shadowRoot?.textContent).to.equal('unknown');
    const backend = new ScriptedBackend();
    configure({ backend });
    expect(backend.callsOf('getSession')).to.have.length(1);
    backend.last('getSession').resolve(anna);
    await waitUntil(() => probe.shadowRoot?.textContent === 'signed-in');
  });

  it('an element added before its provider is defined moves to that provider once it is', async () => {
    const container = await fixture(html`<ks-provider><ks-test-probe></ks-test-probe></ks-provider>`);
    const probe = container.querySelector<KsTestProbe>('ks-test-probe')!;
    expect(customElements.get('ks-provider')).to.equal(undefined);
    expect(probe.currentStore).to.equal(getPageDefaultStore());
    const backend = new ScriptedBackend();
    const store = new AccountStore({ backend, storage: null, channel: false });
    await import('../../src/elements/provider/define.js');
    const provider = container as unknown as { store: AccountStore };
    // The upgraded provider made its own store; give it ours, as a publisher would.
    provider.store = store;
    await waitUntil(() => probe.currentStore === store, 'the probe did not move to the provider');
    backend.last('getSession').resolve(null);
    await waitUntil(() => probe.shadowRoot?.textContent === 'signed-out');
  });
});
