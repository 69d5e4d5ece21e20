import { html, type PropertyValues, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { property, query, state } from 'lit/decorators.js';
import { baseStyles } from '../../core/base-styles.js';
import { type BackendError, isTransientError } from '../../core/errors.js';
import { isModifiedClick } from '../../core/events.js';
import { KsElement, type LinkTarget as AnyLinkTarget } from '../../core/ks-element.js';
import type { MessageId, MessageParams } from '../../core/localize.js';
import type { AccountStatus, AccountStore, EmailConfirmation } from '../../core/store.js';
import { InlineSignInController, SIGN_IN_SLOT, asksForNewPassword, loadSignIn, pageShowsSignIn } from '../../ui/inline-sign-in.js';
import { accountMenuMessages, type AccountMenuMessageId } from './account-menu.messages.js';
import { accountMenuStyles } from './account-menu.styles.js';
import { initials } from './initials.js';
import { focusItem, indexForCharacter, indexForKey, isPrintableKey } from './menu-keyboard.js';
import { OutsidePointerController } from './outside-pointer.js';
import { type PanelAlign, choosePanelAlign } from './panel-placement.js';
import { personIcon } from './person-icon.js';

/** What the open panel shows. */
export type AccountMenuView = KsAccountMenu['view'];

type LinkTarget = Extract<AnyLinkTarget, 'sign-in' | 'register' | 'account' | 'products' | 'redeem'>;
type FocusRequest = 'first' | 'last';
type Announcement = { readonly id: AccountMenuMessageId; readonly params?: MessageParams };

/** Why the session could not be read, in words; anything but a transport failure reads as a server error. */
function sessionErrorMessage(error: BackendError): MessageId {
  return isTransientError(error) ? `error.${error.code}` : 'error.server';
}

const itemLabels: Record<LinkTarget, AccountMenuMessageId> = {
  'sign-in': 'accountMenu.signIn',
  register: 'accountMenu.register',
  account: 'accountMenu.account',
  products: 'accountMenu.products',
  redeem: 'accountMenu.redeem',
};

/**
 * The person symbol in a page header, with the account menu in a panel ("Lasche") below it.
 * Signed out, the panel offers "Anmelden" and "Neues Konto erstellen"; signed in, it shows the
 * e-mail address and offers "Mein Konto", "Meine Produkte", "Online-Schlüssel einlösen" and
 * "Abmelden". While the session is unknown the trigger keeps its size in a neutral look.
 *
 * It is a WAI-ARIA menu button: Enter, Space or ↓ open the menu on its first item, ↑ on its last;
 * ↑/↓ (wrapping), Home/End and the first letter move between items; Esc closes and returns focus to
 * the trigger; Tab out or a click outside closes.
 *
 * Each item is a link to its URL (the `*-href` attribute, else the provider's or `configure()`'s
 * links) and fires a cancelable `ks-navigate` first, so a single-page app can route instead.
 * Without a sign-in URL, "Anmelden" opens `<ks-sign-in>` inside the panel (loaded on first use);
 * the panel is then a non-modal dialog labelled "Anmelden" and the trigger announces a dialog.
 *
 * It answers the links in keyshelf's e-mails (`?ks-reset=`, `?ks-confirm=`), which the page's
 * keyshelf elements take off the URL. None of this fires an event: the user chose the link, not an
 * item of the menu.
 * - After a password-reset link that no other `<ks-sign-in>` on the page took, the panel opens on
 *   the inline form, which asks for the new password ("Neues Kennwort festlegen"), with focus in
 *   its first field. It does so with a `sign-in-href` too: the link's token lives in this page's
 *   memory only and cannot go to another page. A signed-in user gets the same form (the dialog is
 *   then labelled "Neues Kennwort festlegen"): the new password ends the account's sessions, and
 *   the form then asks to sign in with it.
 * - After a confirmation link that failed, the panel opens on the inline form, which says why and
 *   offers a new link or a retry, unless a `<ks-sign-in>` of the page's own (not in a menu) shows
 *   that already.
 * - After a confirmation link that worked (and signed the user in), the menu announces "Ihre
 *   E-Mail-Adresse ist bestätigt. Sie sind jetzt angemeldet." in its live region.
 * Each link is answered once.
 *
 * @tagname ks-account-menu
 * @summary The account menu behind the person symbol in a page header.
 *
 * @fires {CustomEvent<KsNavigateDetail>} ks-navigate - Cancelable. An item was chosen: `{ to, href }`.
 *   Call `preventDefault()` to route yourself; otherwise the page goes to `href` (or, for `sign-in`
 *   without `href`, the sign-in form opens in the panel).
 * @fires {CustomEvent<Record<string, never>>} ks-signed-out - The user chose "Abmelden" (not fired when another tab or an expired session signs out).
 *
 * @slot sign-in - The inline sign-in form. Filled with a `<ks-sign-in>` on first use; put your own
 *   `<ks-sign-in slot="sign-in">` here to configure it.
 *
 * @csspart trigger - The person-symbol button.
 * @csspart icon - The person symbol (signed out or unknown).
 * @csspart initials - The user's initials in the trigger (signed in).
 * @csspart panel - The panel below the trigger.
 * @csspart user - Who is signed in, above the items.
 * @csspart menu - The list of items.
 * @csspart item - Each item.
 * @csspart message - Loading and error messages in the panel.
 *
 * @cssprop [--ks-account-menu-trigger-size=2.5rem] - Width and height of the trigger (at least 24px).
 * @cssprop [--ks-account-menu-panel-width=18rem] - Width of the panel; never wider than the viewport.
 * @cssprop [--ks-z-index-panel=1000] - z-index of the panel; raise it above a sticky header.
 * @cssprop [--ks-color-primary] - Background of the signed-in trigger.
 * @cssprop [--ks-color-on-primary] - Initials on the signed-in trigger.
 * @cssprop [--ks-color-surface] - Background of the trigger and the panel.
 * @cssprop [--ks-color-surface-alt] - Background of the item under the pointer or focus.
 * @cssprop [--ks-color-text] - Text colour.
 * @cssprop [--ks-color-muted] - The "Angemeldet als" label and the unknown trigger.
 * @cssprop [--ks-color-border] - Borders of the trigger and the panel.
 * @cssprop [--ks-color-danger] - Error messages.
 * @cssprop [--ks-color-focus] - The focus ring.
 * @cssprop [--ks-radius] - Corner radius of the panel.
 * @cssprop [--ks-font-family] - Font.
 *
 * @cssstate open - The panel is open.
 * @cssstate unknown - The session is not known yet.
 * @cssstate signed-in - A user is signed in.
 * @cssstate signed-out - Nobody is signed in.
 */
export class KsAccountMenu extends KsElement<AccountMenuMessageId> {
  static override styles = [baseStyles, accountMenuStyles];
  static override messages = accountMenuMessages;

  /** URL of the sign-in page. Without it (here or in the links), "Anmelden" opens the form in the panel. */
  @property({ attribute: 'sign-in-href' }) signInHref?: string;
  /** URL of the registration page ("Neues Konto erstellen"). */
  @property({ attribute: 'register-href' }) registerHref?: string;
  /** URL of the account page ("Mein Konto"). */
  @property({ attribute: 'account-href' }) accountHref?: string;
  /** URL of the products page ("Meine Produkte"). */
  @property({ attribute: 'products-href' }) productsHref?: string;
  /** URL of the page with the redeem form ("Online-Schlüssel einlösen"). */
  @property({ attribute: 'redeem-href' }) redeemHref?: string;

  /**
   * Whether the panel is open. Setting it opens or closes the panel without moving focus and
   * without events (for stories and pages that restore a state); the element sets it as the user
   * opens and closes the panel.
   */
  @property({ type: Boolean, reflect: true }) open = false;

  /**
   * What the open panel shows: `menu`, or `sign-in` for the inline sign-in form (only while
   * signed out, or while a signed-in user sets a new password after a reset link). The element
   * returns to `menu` whenever the panel closes.
   */
  @property({ reflect: true }) view: 'menu' | 'sign-in' = 'menu';

  @state() private align: PanelAlign = 'right';
  /** What the live region says, kept as an id so that it follows a change of language. */
  @state() private announcement: Announcement | null = null;

  @query('.trigger') private trigger?: HTMLButtonElement;
  @query('.panel') private panel?: HTMLElement;

  /** Where focus goes once the menu's items are there (they may still be loading). */
  #focusRequest: FocusRequest | null = null;
  /** The form in the panel when "Anmelden" has no URL; loaded on first use. */
  readonly #signIn = new InlineSignInController(this, {
    registerHref: () => this.registerHref,
    shown: () => this.#showsSignIn,
    load: () => this.loadSignIn(),
  });
  #tabbing = false;
  #previousStatus: AccountStatus | undefined;
  /** `passwordResetPending` as last seen, to notice each new reset link once. */
  #resetPendingBefore = false;
  /** A reset link arrived and waits for the session status to be known before the menu answers it. */
  #resetLinkArrived = false;
  /** The confirmation-link outcome the menu has answered (opened the form or announced it). */
  #answeredConfirmation: EmailConfirmation | undefined;
  /** The inline form was opened for a signed-in user's reset link: it shows while signed in, until the panel closes. */
  #newPasswordSignedIn = false;

  constructor() {
    super();
    new OutsidePointerController(
      this,
      () => this.open,
      () => this.#close(false),
    );
  }

  protected override storeConnected(store: AccountStore): void {
    // Now, before any element renders: a <ks-sign-in> slotted here may take the token on its first render.
    this.#noticeResetLink(store.snapshot.passwordResetPending);
    void store.ensureSession();
  }

  get #status(): AccountStatus {
    return this.account?.status ?? 'unknown';
  }

  /**
   * The view actually shown: the sign-in form only makes sense while signed out, or while a
   * signed-in user sets a new password after a reset link.
   */
  get #showsSignIn(): boolean {
    if (this.view !== 'sign-in') return false;
    return this.#status === 'signed-out' || (this.#status === 'signed-in' && this.#newPasswordSignedIn);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    const status = this.#status;
    if (this.#previousStatus !== undefined && status !== this.#previousStatus) this.#statusChanged(status);
    this.#previousStatus = status;

    if (changed.has('open')) {
      if (this.open) {
        this.align = choosePanelAlign(this.getBoundingClientRect(), document.documentElement.clientWidth);
        this.announcement = null;
      } else {
        this.view = 'menu';
        this.#focusRequest = null;
        this.#newPasswordSignedIn = false;
        this.#signIn.reset();
      }
    }
    this.#followEmailLinks(status);
    if (this.open && this.#showsSignIn && this.#signIn.load === 'idle') this.#signIn.open();

    for (const name of ['unknown', 'signed-in', 'signed-out'] as const) this.setState(name, name === status);
    this.setState('open', this.open);
  }

  #statusChanged(status: AccountStatus): void {
    const focusInPanel = this.matches(':focus-within') && this.shadowRoot?.activeElement !== this.trigger;
    if (status === 'signed-in' && this.view === 'sign-in') {
      // Signed in with the inline form: the panel has done its job. The form stays (unslotted) in
      // the light DOM: it still fires ks-signed-in and follows its redirect, and clears its password.
      const name = this.account?.user?.displayName ?? '';
      this.open = false;
      this.announcement = { id: 'accountMenu.signedIn', params: { name } };
      if (focusInPanel) this.trigger?.focus();
    } else if (this.open && focusInPanel) {
      // The items change under the user's focus (another tab signed out, the session expired).
      this.#focusRequest = 'first';
    }
  }

  protected override updated(): void {
    if (this.open && this.#focusRequest) {
      const items = this.#items();
      if (items.length > 0) {
        focusItem(items, this.#focusRequest === 'first' ? 0 : items.length - 1);
        this.#focusRequest = null;
      }
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.open = false;
  }

  protected override render(): TemplateResult {
    const status = this.#status;
    const dialog = this.#showsSignIn;
    const name = this.account?.user?.displayName ?? '';
    const shortName = initials(name, this.locale);
    const label =
      status === 'signed-in'
        ? this.t('accountMenu.trigger.signedIn', { name, initials: shortName })
        : this.t(status === 'signed-out' ? 'accountMenu.trigger.signedOut' : 'accountMenu.trigger.unknown');
    return html`
      <div class="root" @focusout=${this.#onFocusOut}>
        <button
          id="trigger"
          part="trigger"
          class="trigger ${status}"
          type="button"
          aria-label=${label}
          aria-haspopup=${dialog ? 'dialog' : 'menu'}
          aria-expanded=${this.open ? 'true' : 'false'}
          aria-controls=${dialog ? 'panel' : 'menu'}
          @click=${this.#onTriggerClick}
          @keydown=${this.#onTriggerKeydown}
        >
          ${status === 'signed-in'
            ? html`<span part="initials" class="initials" aria-hidden="true">${shortName}</span>`
            : personIcon}
        </button>
        <div
          id="panel"
          part="panel"
          class="panel align-${this.align}"
          role=${ifDefined(dialog ? 'dialog' : undefined)}
          aria-label=${ifDefined(dialog ? this.t(status === 'signed-in' ? 'accountMenu.newPassword' : 'accountMenu.signIn') : undefined)}
          ?hidden=${!this.open}
          @keydown=${this.#onPanelKeydown}
        >
          ${dialog ? this.#renderSignIn() : this.#renderMenu(status)}
        </div>
        <div class="visually-hidden" role="status">${this.announcement ? this.t(this.announcement.id, this.announcement.params) : ''}</div>
      </div>
    `;
  }

  #renderMenu(status: AccountStatus): TemplateResult {
    const error = this.account?.sessionError;
    if (status === 'signed-in') {
      return html`
        <p id="user" part="user" class="user">
          <span class="user-label">${this.t('accountMenu.signedInAs')}</span>
          <span class="user-email">${this.account?.user?.email}</span>
        </p>
        <div id="menu" part="menu" class="menu" role="menu" aria-labelledby="trigger" aria-describedby="user">
          ${this.#renderLink('account')} ${this.#renderLink('products')} ${this.#renderLink('redeem')}
          <hr class="separator" role="separator" />
          <button part="item" class="item" type="button" role="menuitem" tabindex="-1" @click=${this.#signOut}>
            ${this.t('accountMenu.signOut')}
          </button>
        </div>
      `;
    }
    if (status === 'signed-out') {
      return html`
        <div id="menu" part="menu" class="menu" role="menu" aria-labelledby="trigger">
          ${this.#renderLink('sign-in')} ${this.#renderLink('register')}
        </div>
      `;
    }
    if (error) {
      return html`
        <p id="message" part="message" class="message error">
          ${this.t('accountMenu.sessionError')} ${this.t(sessionErrorMessage(error))}
        </p>
        <div id="menu" part="menu" class="menu" role="menu" aria-labelledby="trigger" aria-describedby="message">
          <button part="item" class="item" type="button" role="menuitem" tabindex="-1" @click=${this.#retry}>
            ${this.t('common.retry')}
          </button>
        </div>
      `;
    }
    // A menu with no items yet is busy; its items arrive with the session (or once a backend is configured).
    return html`
      <p id="message" part="message" class="message">
        ${this.t(this.account?.configured === false ? 'provider.unconfigured' : 'accountMenu.loading')}
      </p>
      <div id="menu" part="menu" class="menu" role="menu" aria-labelledby="trigger" aria-describedby="message" aria-busy="true"></div>
    `;
  }

  #renderLink(to: LinkTarget): TemplateResult {
    const href = this.linkHref(to);
    const label = this.t(itemLabels[to]);
    return href
      ? html`<a part="item" class="item" role="menuitem" tabindex="-1" href=${href} @click=${(event: MouseEvent) => this.#onLinkClick(event, to, href)}>${label}</a>`
      : html`<button part="item" class="item" type="button" role="menuitem" tabindex="-1" @click=${() => this.#choose(to, undefined)}>${label}</button>`;
  }

  #renderSignIn(): TemplateResult {
    if (this.#signIn.load === 'failed') {
      return html`
        <p part="message" class="message error">${this.t('common.signInUnavailable')}</p>
        <div class="sign-in">
          <button part="item" class="item" type="button" @click=${this.#retrySignIn}>${this.t('common.retry')}</button>
        </div>
      `;
    }
    return html`<div class="sign-in"><slot name=${SIGN_IN_SLOT}></slot></div>`;
  }

  // ——— opening and closing ———

  #openPanel(focus: FocusRequest): void {
    this.open = true;
    this.view = 'menu';
    this.#focusRequest = focus;
    // Already open (by the property, or while the items loaded): focus still has to move.
    this.requestUpdate();
  }

  #close(returnFocus: boolean): void {
    if (!this.open) return;
    this.open = false;
    if (returnFocus) this.trigger?.focus();
  }

  #onTriggerClick(): void {
    if (this.open) this.#close(false);
    else this.#openPanel('first');
  }

  #onTriggerKeydown(event: KeyboardEvent): void {
    switch (event.key) {
      case 'Enter':
      case ' ':
      case 'ArrowDown':
        event.preventDefault();
        if (this.open && this.#showsSignIn) this.#signIn.open({ focus: true });
        else this.#openPanel('first');
        break;
      case 'ArrowUp':
        event.preventDefault();
        this.#openPanel('last');
        break;
      case 'Escape':
        if (this.open) {
          event.preventDefault();
          this.#close(false);
        }
        break;
    }
  }

  #onPanelKeydown(event: KeyboardEvent): void {
    this.#tabbing = event.key === 'Tab';
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      this.#close(true);
      return;
    }
    if (this.#showsSignIn) return;
    const items = this.#items();
    const current = items.findIndex((item) => this.#focusIsIn(item));
    const next =
      indexForKey(event.key, current, items.length) ??
      (isPrintableKey(event)
        ? indexForCharacter(items.map((item) => item.textContent ?? ''), current, event.key, this.locale)
        : null);
    if (next !== null) {
      event.preventDefault();
      focusItem(items, next);
    } else if (event.key === ' ' && event.target instanceof HTMLAnchorElement) {
      // Links answer Enter only; in a menu, Space chooses an item too.
      event.preventDefault();
      event.target.click();
    }
  }

  #onFocusOut(event: FocusEvent): void {
    const tabbing = this.#tabbing;
    this.#tabbing = false;
    const next = event.relatedTarget instanceof Node ? event.relatedTarget : null;
    // Focus going nowhere (a click on the panel's text, the window losing focus) keeps it open;
    // a press outside is the outside-pointer controller's business.
    if (!this.open || next === null) return;
    const toTrigger = next === this.trigger;
    const inside = (this.panel?.contains(next) ?? false) || this.contains(next);
    if (inside || (toTrigger && !tabbing)) return;
    this.#close(false);
  }

  // ——— items ———

  #onLinkClick(event: MouseEvent, to: LinkTarget, href: string): void {
    // A middle click, Ctrl/⌘-click or Shift-click opens a new tab or window: the browser's job.
    if (isModifiedClick(event)) return;
    event.preventDefault();
    this.#choose(to, href);
  }

  #choose(to: LinkTarget, href: string | undefined): void {
    if (to === 'sign-in' && !href) {
      if (this.navigate(to, undefined)) {
        this.#close(true);
      } else {
        this.view = 'sign-in';
        this.#signIn.open({ focus: true });
      }
      return;
    }
    this.#close(true);
    this.navigate(to, href);
  }

  #signOut(): void {
    const store = this.store;
    if (!store) return;
    // The store clears the user's data at once, whatever the backend answers.
    const answered = store.signOut();
    this.#close(true);
    const announcement: Announcement = { id: 'accountMenu.signedOut' };
    this.announcement = announcement;
    this.emit('ks-signed-out', {});
    void answered.then((result) => {
      // Unconfirmed, the session may live on at the server until the store pays the owed sign-out:
      // someone leaving a shared computer should know. Not when it no longer matters: the server had
      // no session, someone has signed in since (cutting the request short: `aborted`, or the
      // status), or the menu has said something else since.
      if (result.ok || ['unauthenticated', 'aborted'].includes(result.error.code)) return;
      if (store.snapshot.status === 'signed-out' && this.announcement === announcement) this.announcement = { id: 'accountMenu.signedOutUnconfirmed' };
    });
  }

  /**
   * @internal Loads `<ks-sign-in>` for the panel (`loadSignIn`, once per page). A seam for tests,
   * whose subclass makes the load fail as a lost connection would.
   */
  protected loadSignIn(): Promise<unknown> {
    return loadSignIn();
  }

  #retry(): void {
    // The item goes while the session loads; focus waits on the trigger for the new items.
    this.trigger?.focus();
    this.#focusRequest = 'first';
    void this.store?.refreshSession();
  }

  #items(): HTMLElement[] {
    return [...(this.renderRoot.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])];
  }

  // ——— e-mail links ———

  #noticeResetLink(pending: boolean): void {
    if (pending && !this.#resetPendingBefore) this.#resetLinkArrived = true;
    this.#resetPendingBefore = pending;
  }

  /** Answers a reset link or a confirmation link once the session status is known; see the class comment. */
  #followEmailLinks(status: AccountStatus): void {
    const account = this.account;
    const store = this.store;
    if (!account || !store) return;
    this.#noticeResetLink(account.passwordResetPending);
    if (this.#resetLinkArrived && status !== 'unknown') {
      this.#resetLinkArrived = false;
      // Still waiting for a form, or taken by the form in this menu's slot (which shows it only here).
      void this.#openForEmailLink(() => store.snapshot.passwordResetPending || asksForNewPassword(this.#signIn.element));
    }
    const confirmation = account.emailConfirmation;
    if (confirmation === this.#answeredConfirmation) return;
    if (confirmation.state === 'confirmed' && status === 'signed-in') {
      this.#answeredConfirmation = confirmation;
      this.announcement = { id: 'accountMenu.emailConfirmed' };
    } else if (confirmation.state === 'failed' && status === 'signed-out') {
      this.#answeredConfirmation = confirmation;
      void this.#openForEmailLink(
        () =>
          store.snapshot.emailConfirmation === confirmation &&
          this.#status === 'signed-out' &&
          !pageShowsSignIn((element) => element instanceof KsAccountMenu),
      );
    }
  }

  /**
   * Opens the panel on the inline form and moves focus into it. First the form's module loads: by
   * then any `<ks-sign-in>` elsewhere on the page has rendered and taken a waiting reset token, so
   * `stillApplies` (asked afterwards) can tell whether this menu is the one to show the link.
   */
  async #openForEmailLink(stillApplies: () => boolean): Promise<void> {
    try {
      await this.loadSignIn();
    } catch {
      // The panel says the form could not be loaded and offers a retry.
    }
    if (!this.isConnected || !stillApplies()) return;
    if (this.open && this.#showsSignIn) return;
    this.#newPasswordSignedIn = this.#status === 'signed-in';
    this.open = true;
    this.view = 'sign-in';
    this.#focusRequest = null;
    this.#signIn.open({ focus: true });
  }

  #retrySignIn(): void {
    this.#signIn.open({ focus: true });
  }

  #focusIsIn(element: Element | undefined): boolean {
    const active = this.shadowRoot?.activeElement;
    return !!element && !!active && element.contains(active);
  }
}
