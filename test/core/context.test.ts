import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../src/elements/provider/define.js';
import { getPageDefaultStore } from '../../src/core/document-context.js';
import { configure } from '../../src/core/page-default.js';
import { AccountStore } from '../../src/core/store.js';
import type { KsProvider } from '../../src/elements/provider/provider.js';
import { type KsTestProbe } from '../support/probe-element.js';
import { ScriptedBackend, settle } from '../support/scripted-backend.js';

const anna = { id: 'u1', email: 'anna@example.org', displayName: 'Anna', customerType: 'teacher', emailConfirmed: true };

describe('sharing one store', () => {
  it('gives 10 consumers under one provider its store, with exactly 1 getSession request', async () => {
    const backend = new ScriptedBackend();
    const store = new AccountStore({ backend, storage: null, channel: false });
    const provider = await fixture<KsProvider>(html`
      <ks-provider .store=${store}>
        ${Array.from({ length: 10 }, () => html`<div><ks-test-probe></ks-test-probe></div>`)}
      </ks-provider>
    `);
    const probes = [...provider.querySelectorAll<KsTestProbe>('ks-test-probe')];
    expect(probes).to.have.length(10);
    expect(probes.every((probe) => probe.currentStore === store)).to.equal(true);
    expect(backend.callsOf('getSession')).to.have.length(1);
    backend.last('getSession').resolve(anna);
    await waitUntil(() => probes.every((probe) => probe.shadowRoot?.textContent === 'signed-in'));
  });

  it('gives 10 consumers with no provider the page default store, with exactly 1 getSession request', async () => {
    const backend = new ScriptedBackend();
    configure({ backend });
    const container = await fixture(html`
      <section>${Array.from({ length: 10 }, () => html`<article><ks-test-probe></ks-test-probe></article>`)}</section>
    `);
    const probes = [...container.querySelectorAll<KsTestProbe>('ks-test-probe')];
    expect(probes.every((probe) => probe.currentStore === getPageDefaultStore())).to.equal(true);
    expect(backend.callsOf('getSession')).to.have.length(1);
    backend.last('getSession').resolve(null);
    await waitUntil(() => probes.every((probe) => probe.shadowRoot?.textContent === 'signed-out'));
  });

  it('keeps nested providers apart: the nearest one wins', async () => {
    const outer = new AccountStore({ backend: new ScriptedBackend(), storage: null, channel: false });
    const inner = new AccountStore({ backend: new ScriptedBackend(), storage: null, channel: false });
    const root = await fixture(html`
      <ks-provider .store=${outer}>
        <ks-test-probe id="a"></ks-test-probe>
        <ks-provider .store=${inner}><ks-test-probe id="b"></ks-test-probe></ks-provider>
      </ks-provider>
    `);
    expect(root.querySelector<KsTestProbe>('#a')?.currentStore).to.equal(outer);
    expect(root.querySelector<KsTestProbe>('#b')?.currentStore).to.equal(inner);
  });

  it('builds an HttpBackend from the api attribute and keeps it when other attributes change', async () => {
    const provider = await fixture<KsProvider>(html`<ks-provider api="/api-not-served"><ks-test-probe></ks-test-probe></ks-provider>`);
    const backend = provider.store.backend;
    expect(backend?.constructor.name).to.equal('HttpBackend');
    provider.setAttribute('products-href', '/meine-produkte');
    await provider.updateComplete;
    expect(provider.store.backend).to.equal(backend);
    expect(provider.store.snapshot.settings.links.products).to.equal('/meine-produkte');
    provider.api = '/other-api';
    await provider.updateComplete;
    expect(provider.store.backend).to.not.equal(backend);
  });

  it('moves a consumer to the new store when it is re-attached under another provider', async () => {
    const first = new AccountStore({ backend: new ScriptedBackend(), storage: null, channel: false });
    const second = new AccountStore({ backend: new ScriptedBackend(), storage: null, channel: false });
    const root = await fixture(html`
      <div>
        <ks-provider id="one" .store=${first}><ks-test-probe></ks-test-probe></ks-provider>
        <ks-provider id="two" .store=${second}></ks-provider>
      </div>
    `);
    const probe = root.querySelector<KsTestProbe>('ks-test-probe')!;
    expect(probe.currentStore).to.equal(first);
    root.querySelector('#two')!.append(probe);
    await settle();
    expect(probe.currentStore).to.equal(second);
  });
});
