import { html } from 'lit';
import { KsElement } from '../../src/core/ks-element.js';
import type { MessageBundle } from '../../src/core/localize.js';
import type { AccountStore } from '../../src/core/store.js';

/** The helper's own strings: story support, not part of keyshelf's shipped catalogue. */
const messages = {
  de: { 'story.loading': 'Konto wird geladen …', 'story.signedOut': 'Nicht angemeldet', 'story.signedIn': 'Angemeldet als {name}' },
  en: { 'story.loading': 'Loading account …', 'story.signedOut': 'Not signed in', 'story.signedIn': 'Signed in as {name}' },
} satisfies MessageBundle<'story.loading' | 'story.signedOut' | 'story.signedIn'>;

type StoryMessageId = keyof typeof messages.de;

/**
 * Story support only: prints the session of the store it finds through context, to show in
 * Storybook what a `<ks-provider>` shares. Not part of the library.
 */
export class StorySessionStatus extends KsElement<StoryMessageId> {
  static override messages = messages;

  protected override storeConnected(store: AccountStore): void {
    void store.ensureSession();
  }

  protected override render() {
    const account = this.account;
    if (!account || account.status === 'unknown') return html`<p role="status">${this.t('story.loading')}</p>`;
    if (account.status === 'signed-out') return html`<p role="status">${this.t('story.signedOut')}</p>`;
    return html`<p role="status">${this.t('story.signedIn', { name: account.user?.displayName ?? '' })}</p>`;
  }
}

if (!customElements.get('story-session-status')) customElements.define('story-session-status', StorySessionStatus);
