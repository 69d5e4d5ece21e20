import { LitElement, type PropertyValues } from 'lit';
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
import { wireDocumentContext } from './document-context.js';
import type { AccountSnapshot, AccountStore, KeyshelfLinks } from './store.js';

/** What an element's link can lead to, and the key of `KeyshelfLinks` configured for it. */
const linkKeys = {
  'sign-in': 'signIn',
  register: 'register',
  account: 'account',
  products: 'products',
  redeem: 'redeem',
  support: 'support',
} as const satisfies Record<Exclude<NavigationTarget, 'redirect'>, keyof KeyshelfLinks>;

export type LinkTarget = keyof typeof linkKeys;

/** The elements' own `*-href` properties: `signInHref`, `registerHref`, … */
type OwnLinks = Partial<Record<`${keyof KeyshelfLinks}Href`, string>>;

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
  /** Attached on first use; `null` where the browser (or a subclass that took them) gives none. */
  #internals?: ElementInternals | null;
  #rendering = false;

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

  /**
   * Whether Lit is rendering the element right now. Chromium blurs a focused field while a render
   * removes it: a blur handler asks for an update only when this is false, since the render under
   * way needs no other (and Lit warns about a change scheduled during an update).
   */
  protected get isRendering(): boolean {
    return this.#rendering;
  }

  protected override update(changed: PropertyValues): void {
    this.#rendering = true;
    try {
      super.update(changed);
    } finally {
      this.#rendering = false;
    }
  }

  /**
   * Turns the custom state `name` (CSS `:state(name)`) on or off. Custom states are newer than the
   * rest (Chromium 125, Safari 17.4; older Chromium accepts only `--name`): they are styling hooks
   * only, so where the browser lacks them this does nothing rather than break the element.
   */
  protected setState(name: string, on: boolean): void {
    if (this.#internals === undefined) {
      try {
        this.#internals = typeof this.attachInternals === 'function' ? this.attachInternals() : null;
      } catch {
        this.#internals = null;
      }
    }
    const states = this.#internals?.states as CustomStateSet | undefined;
    if (!states) return;
    try {
      if (on) states.add(name);
      else states.delete(name);
    } catch {
      // A browser that knows only the older `--name` syntax: no styling hook there.
    }
  }

  /**
   * Where the element's link to `to` leads: its own `*-href` attribute (`sign-in-href`, i.e. the
   * `signInHref` property) wins, else the link configured on the provider or with `configure()`;
   * undefined when neither is set (the element then handles it inline or fires `ks-navigate` only).
   */
  protected linkHref(to: LinkTarget): string | undefined {
    const key = linkKeys[to];
    const own = (this as OwnLinks)[`${key}Href`];
    return own || this.account?.settings.links[key] || undefined;
  }

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

  /**
   * The element's own strings: its class's `static messages`. An element that loads a part of
   * itself later (with its strings) returns them here once they are there.
   */
  protected get ownMessages(): MessageBundle<string> | undefined {
    return (this.constructor as typeof KsElement).messages;
  }

  /** A visible string in the user's locale, with the publisher's overrides. */
  protected t(id: MessageId | OwnMessageId, params?: MessageParams): string {
    return translate(this.locale, id, params, this.account?.settings.messages, this.ownMessages);
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
