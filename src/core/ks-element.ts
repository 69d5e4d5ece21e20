import { LitElement } from 'lit';
import { ContextConsumer } from '@lit/context';
import { accountContext } from './context.js';
import type { KsEventMap, NavigationTarget } from './events.js';
import { followEmailLinks } from './email-links.js';
import { observeLang } from './lang-observer.js';
import {
  type Locale,
  type MessageBundle,
  type MessageId,
  type MessageParams,
  resolveLocale,
  translate,
} from './localize.js';
import { wireDocumentContext } from './page-default.js';
import type { AccountSnapshot, AccountStore } from './store.js';

/**
 * The base of every keyshelf element: finds the account store (from the nearest `<ks-provider>`
 * or the page default), re-renders on every new snapshot and on `lang` changes, translates, and
 * fires typed events. `OwnMessageId` are the ids of the element's own `static messages`.
 *
 * When it gets its store, it also hands the tokens of an e-mail link in the page's URL
 * (`?ks-confirm=`, `?ks-reset=`) to the first store with a backend (see email-links.ts), so a
 * confirmation link works on any page with any keyshelf element, shown or not.
 */
export abstract class KsElement<OwnMessageId extends string = never> extends LitElement {
  /** The element's own strings; looked up before the shared catalogue. */
  static messages?: MessageBundle<string>;

  /** The store this element shows; undefined until a provider or the page default answers. */
  protected store?: AccountStore;
  /** The latest snapshot of the store; `undefined` until the store is known. */
  protected account?: AccountSnapshot;

  #unsubscribeStore?: () => void;
  #unobserveLang?: () => void;

  constructor() {
    super();
    new ContextConsumer(this, {
      context: accountContext,
      subscribe: true,
      callback: (store) => this.#useStore(store),
    });
  }

  override connectedCallback(): void {
    // Before super: the context request fires from super's controllers and must find the root.
    wireDocumentContext();
    super.connectedCallback();
    this.#unobserveLang = observeLang(this);
    if (this.store && !this.#unsubscribeStore) this.#subscribe(this.store);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#unobserveLang?.();
    this.#unsubscribeStore?.();
    this.#unsubscribeStore = undefined;
  }

  /** Called when the element gets (or changes) its store; load what the element shows here. */
  protected storeConnected(_store: AccountStore): void {}

  #useStore(store: AccountStore): void {
    if (store === this.store && this.#unsubscribeStore) return;
    this.#unsubscribeStore?.();
    this.store = store;
    // Before the first snapshot is read: the element starts with the confirmation in flight.
    followEmailLinks(store);
    this.#subscribe(store);
    this.storeConnected(store);
  }

  #subscribe(store: AccountStore): void {
    this.account = store.snapshot;
    this.#unsubscribeStore = store.subscribe((snapshot) => {
      this.account = snapshot;
      this.requestUpdate();
    });
    this.requestUpdate();
  }

  /** The locale of this element: nearest `lang`, else the configured one, else `<html lang>`, else de. */
  protected get locale(): Locale {
    return resolveLocale(this, this.account?.settings.lang);
  }

  /** A visible string in the user's locale, with the publisher's overrides. */
  protected t(id: MessageId | OwnMessageId, params?: MessageParams): string {
    const bundle = (this.constructor as typeof KsElement).messages;
    return translate(this.locale, id, params, this.account?.settings.messages, bundle);
  }

  /**
   * Leads the user to `to`: fires the cancelable `ks-navigate` first, so a single-page app can
   * route itself (`preventDefault()`), then follows `href` if there is one. Returns true when the
   * host took over or the page navigates, false when there is nowhere to go (show it inline then).
   */
  protected navigate(to: NavigationTarget, href: string | undefined): boolean {
    const notCancelled = this.emit('ks-navigate', { to, ...(href ? { href } : {}) }, { cancelable: true });
    if (!notCancelled) return true;
    if (!href) return false;
    window.location.assign(href);
    return true;
  }

  /**
   * Fires a typed keyshelf event that bubbles out of shadow roots. Returns false when the host
   * called `preventDefault()` on a cancelable event, i.e. it takes over (e.g. routes itself).
   */
  protected emit<K extends keyof KsEventMap>(
    type: K,
    detail: KsEventMap[K]['detail'],
    options: { cancelable?: boolean } = {},
  ): boolean {
    return this.dispatchEvent(
      new CustomEvent(type, { detail, bubbles: true, composed: true, cancelable: options.cancelable ?? false }),
    );
  }
}
