import { LitElement, css, html, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import { ContextProvider } from '@lit/context';
import type { Backend } from '../../core/backend.js';
import { accountContext } from '../../core/context.js';
import type { MessageOverrides } from '../../core/localize.js';
import { getPageDefaultStore, wireDocumentContext } from '../../core/document-context.js';
import { type KeyshelfConfig, applyConfig } from '../../core/page-default.js';
import { AccountStore, type KeyshelfLinks } from '../../core/store.js';

let pageDefaultClaimed = false;

/**
 * Shares one account session with every keyshelf element inside it, and connects it to a backend.
 *
 * Give it `api` (the base URL of a backend speaking the keyshelf REST contract) or set its
 * `backend` property to any object implementing `Backend`. With `page-default`, it configures the
 * page's default store, which elements outside any provider use: for CMS pages whose tags sit in
 * separate content blocks.
 *
 * @tagname ks-provider
 * @summary Shares one account session with the keyshelf elements inside it.
 * @slot - The page content, with keyshelf elements anywhere inside.
 */
export class KsProvider extends LitElement {
  static override styles = css`
    :host {
      display: contents;
    }
  `;

  /** Base URL of a backend speaking the keyshelf REST contract, e.g. `/api`. */
  @property() api?: string;

  /** Configure the page's default store instead of a private one (the first such provider wins). */
  @property({ type: Boolean, attribute: 'page-default' }) pageDefault = false;

  /** Any object implementing the `Backend` interface; wins over `api`. */
  @property({ attribute: false }) backend?: Backend;

  /**
   * The language of the elements inside (`de` or `en`); with `page-default`, also of the elements
   * outside any provider. Reactive, so that a change reaches those too.
   */
  @property({ reflect: true }) override lang!: string;

  /** Replacement strings per locale, e.g. `{ de: { 'key.label': 'Lizenzcode' } }`. */
  @property({ attribute: false }) messages?: MessageOverrides;

  /** URL of the sign-in page; without it, elements sign in inline. */
  @property({ attribute: 'sign-in-href' }) signInHref?: string;
  /** URL of the registration page. */
  @property({ attribute: 'register-href' }) registerHref?: string;
  /** URL of the account page ("Mein Konto"). */
  @property({ attribute: 'account-href' }) accountHref?: string;
  /** URL of the products page ("Meine Produkte"). */
  @property({ attribute: 'products-href' }) productsHref?: string;
  /** URL of the page with the redeem form. */
  @property({ attribute: 'redeem-href' }) redeemHref?: string;
  /** URL of the publisher's support page, offered when a key cannot be redeemed. */
  @property({ attribute: 'support-href' }) supportHref?: string;

  readonly #context = new ContextProvider(this, { context: accountContext });
  #store?: AccountStore;
  /** Whether this provider made `#store` itself, and so disposes of it (never the page default, never one set). */
  #ownsStore = false;
  /** Counts disconnections: a disposal waits a microtask, and a reconnect (a move in the DOM) cancels it. */
  #disconnections = 0;
  /** Whether this provider may configure its store (false for a second page-default provider). */
  #configures = true;

  /**
   * The store this provider shares. Set it to share a store you built yourself (e.g. with
   * `new AccountStore({ backend })`; the provider never disposes of it); by default the provider
   * makes its own, and disposes of it (tab sync, loads in flight) when it leaves the page.
   */
  get store(): AccountStore {
    this.#store ??= this.#chooseStore();
    return this.#store;
  }

  set store(store: AccountStore) {
    const previous = this.#store;
    if (store === previous) return;
    const ownedPrevious = this.#ownsStore;
    this.#store = store;
    this.#ownsStore = false;
    this.#context.setValue(store);
    // The store it made is no one's now: the elements below have the new one.
    if (ownedPrevious) previous?.dispose();
  }

  override connectedCallback(): void {
    wireDocumentContext();
    this.#disconnections += 1;
    // Choose the store before super announces this provider, so no child ever gets `undefined`.
    this.#context.setValue(this.store);
    this.#applyConfig();
    super.connectedCallback();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    if (!this.#ownsStore) return;
    // Moved in the DOM (removed and put back in the same task): keep the store and its session.
    const disconnection = ++this.#disconnections;
    queueMicrotask(() => {
      if (disconnection !== this.#disconnections || this.isConnected || !this.#ownsStore) return;
      this.#store?.dispose();
      // Put back later, it makes a new one: a disposed store no longer talks to its backend.
      this.#store = undefined;
      this.#ownsStore = false;
    });
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.size > 0 && this.hasUpdated) this.#applyConfig();
  }

  protected override render() {
    return html`<slot></slot>`;
  }

  #chooseStore(): AccountStore {
    if (!this.pageDefault) {
      this.#ownsStore = true;
      return new AccountStore();
    }
    if (pageDefaultClaimed) {
      this.#configures = false;
      console.warn('keyshelf: only the first <ks-provider page-default> configures the page default store.');
    }
    pageDefaultClaimed = true;
    return getPageDefaultStore();
  }

  #applyConfig(): void {
    if (!this.#configures) return;
    const hrefs: KeyshelfLinks = {
      signIn: this.signInHref,
      register: this.registerHref,
      account: this.accountHref,
      products: this.productsHref,
      redeem: this.redeemHref,
      support: this.supportHref,
    };
    const config: KeyshelfConfig = { links: Object.fromEntries(Object.entries(hrefs).filter(([, href]) => href)) };
    if (this.backend) config.backend = this.backend;
    else if (this.api) config.api = this.api;
    if (this.lang) config.lang = this.lang;
    if (this.messages) config.messages = this.messages;
    applyConfig(this.store, config);
  }
}
