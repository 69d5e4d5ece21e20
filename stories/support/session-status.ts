import { html } from 'lit';
import { KsElement } from '../../src/core/ks-element.js';
import type { AccountStore } from '../../src/core/store.js';

/**
 * Story support only: prints the session of the store it finds through context, to show in
 * Storybook what a `<ks-provider>` shares. Not part of the library.
 */
export class StorySessionStatus extends KsElement {
  protected override storeConnected(store: AccountStore): void {
    void store.ensureSession();
  }

  protected override render() {
    const account = this.account;
    if (!account || account.status === 'unknown') return html`<p role="status">${this.t('provider.loading')}</p>`;
    if (account.status === 'signed-out') return html`<p role="status">${this.t('provider.signedOut')}</p>`;
    return html`<p role="status">${this.t('provider.signedIn', { name: account.user?.displayName ?? '' })}</p>`;
  }
}

if (!customElements.get('story-session-status')) customElements.define('story-session-status', StorySessionStatus);
