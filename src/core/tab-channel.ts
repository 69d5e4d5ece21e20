/**
 * How a store tells the page's other tabs of a sign-in or a sign-out, and hears of theirs: a
 * BroadcastChannel (none where the browser has none, or the store's `channel` option is `false`).
 */

export type TabMessage =
  | { type: 'signed-in'; userId: string }
  | { type: 'signed-out' }
  /** A sign-out the backend did not confirm: every tab owes it (see `AccountStore.signOut`). */
  | { type: 'sign-out-owed'; account: string };

export class TabChannel {
  readonly #channel: BroadcastChannel | null;

  /** Joins the channel `name` (default `keyshelf`) and hands `receive` what the other tabs post. */
  constructor(name: string | false | undefined, receive: (message: TabMessage) => void) {
    const channelName = name === undefined ? 'keyshelf' : name;
    this.#channel = channelName !== false && typeof BroadcastChannel === 'function' ? new BroadcastChannel(channelName) : null;
    this.#channel?.addEventListener('message', (event: MessageEvent<TabMessage>) => receive(event.data));
  }

  post(message: TabMessage): void {
    try {
      this.#channel?.postMessage(message);
    } catch {
      // A closed channel (disposed store) has nobody to tell.
    }
  }

  close(): void {
    this.#channel?.close();
  }
}
