import { html } from 'lit';
import { KsElement } from '../../src/core/ks-element.js';
import type { AccountStore } from '../../src/core/store.js';

/** A minimal keyshelf element for core tests: asks for the session and prints the status. */
export class KsTestProbe extends KsElement {
  get currentStore(): AccountStore | undefined {
    return this.store;
  }

  protected override storeConnected(store: AccountStore): void {
    void store.ensureSession();
  }

  protected override render() {
    return html`<span>${this.account?.status ?? 'no-store'}</span>`;
  }
}

if (!customElements.get('ks-test-probe')) customElements.define('ks-test-probe', KsTestProbe);

declare global {
  interface HTMLElementTagNameMap {
    'ks-test-probe': KsTestProbe;
  }
}
