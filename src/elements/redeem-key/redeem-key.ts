import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import { baseStyles } from '../../core/base-styles.js';
import { CountdownController } from '../../core/countdown.js';
import type { NavigationTarget } from '../../core/events.js';
import { KsElement } from '../../core/ks-element.js';
import { DEFAULT_KEY_FORMAT, checkKey, formatForDisplay, normalizeKey } from '../../core/online-key.js';
import type { MessageBundle } from '../../core/localize.js';
import type { KeyFormat, Product, RegistrationOptions } from '../../core/schemas.js';
import type { AccountStatus, AccountStore, KeyshelfLinks } from '../../core/store.js';
import { attachSignIn, focusFirstField, loadSignIn } from '../account-menu/inline-sign-in.js';
import { BatchRedeemController } from './batch-controller.js';
import { type ParsedBatch, parseBatch } from './batch-keys.js';
import { batchMessages, type BatchMessageId } from './batch.messages.js';
import { batchStyles, batchView } from './batch-view.js';
import { editKey, hintFor, problemFor } from './key-field.js';
import { takeKeyFromLocation } from './key-from-url.js';
import {
  type Message,
  type OutcomeView,
  type RedeemOutcome,
  describeOutcome,
  isDefinitive,
  isTransientCode,
  listOf,
  outcomeOf,
} from './outcome.js';
import { isModifiedClick, productCard, productCardStyles } from './product-card.js';
import { type RedeemKeyMessageId, redeemKeyMessages } from './redeem-key.messages.js';
import { redeemKeyStyles } from './redeem-key.styles.js';

/** An outcome, and the key it belongs to. */
interface Shown {
  readonly key: string;
  readonly outcome: RedeemOutcome;
}

type View = 'form' | 'sign-in';
type SignInLoad = 'idle' | 'loading' | 'ready' | 'failed';
type FocusTarget = 'input' | 'submit' | 'textarea' | 'control';
type LinkTarget = Extract<NavigationTarget, 'sign-in' | 'products' | 'support'>;

const linkKeys: Record<LinkTarget, keyof KeyshelfLinks> = { 'sign-in': 'signIn', products: 'products', support: 'support' };

type OwnMessageId = RedeemKeyMessageId | BatchMessageId;

/** The element's strings: the single form's and batch mode's. */
const messages: MessageBundle<OwnMessageId> = {
  de: { ...redeemKeyMessages.de, ...batchMessages.de },
  en: { ...redeemKeyMessages.en, ...batchMessages.en },
};

/** Outcomes after which the key is used up and the form makes way for the result. */
const FORM_HIDING: ReadonlySet<RedeemOutcome['kind']> = new Set(['activated', 'already-owned', 'redeemed-by-you']);

/**
 * "Online-Schlüssel einlösen": one field for an online key and a button. The key is checked as the
 * user types or pastes it (normalized, grouped with hyphens, its length and check character
 * verified) before any request. A signed-in user's key is redeemed; the result says what happened
 * and what to do next, and a product card leads to the product ("Zur Nutzung"). A signed-out user
 * is led to sign in (inline, or to `sign-in-href`), and the key waits for them: after signing in,
 * registering and confirming the e-mail address, or a reload, the form asks "Jetzt einlösen?".
 *
 * A key in the page's address (`?key=…`, e.g. from a QR code printed in a book) fills the field
 * and is removed from the address.
 *
 * **Batch mode** (`multiple`), for teachers with class sets: a text area takes several keys, one
 * per line or separated by commas, semicolons or spaces (a key typed with spaces between its groups
 * stays one key). Before anything is sent, it shows how it read them: each key grouped, duplicates
 * ("doppelt") and malformed keys ("unvollständig", "Zeichen 7 prüfen") marked, and the count. Only
 * well-formed keys are sent, each once, one after the other (not in parallel: the backend limits
 * attempts, a class set at once would load the server, and one at a time gives a progress people
 * can follow), each with its result in a list and a summary at the end ("12 aktiviert, 1 bereits
 * eingelöst, 1 ungültig"). One key's failure never stops the others: a rate limit pauses the run
 * with a countdown and it goes on by itself; a network failure marks the key "nicht eingelöst" and
 * "Fehlgeschlagene erneut versuchen" sends it again with the same Idempotency-Key. "Anhalten" and
 * "Fortsetzen" pause and resume the run; the keys not finished wait in the tab's session storage
 * (the store's `pendingBatch`), so the run can be resumed after a reload, and after the sign-in a
 * signed-out user (or one whose session ended) is led to. The status region speaks when the run
 * changes course and its progress every five keys, never once per key; focus stays on
 * "Anhalten"/"Fortsetzen" while the run lasts and moves to the summary when it is done.
 *
 * The field lives in the shadow root: a key is not a credential, so password managers need not see
 * it, and the form keeps its look on any CMS theme. The inline `<ks-sign-in>` is a light-DOM
 * child (slotted in), loaded only when a signed-out user submits a key, so that pages whose users
 * are signed in never load it.
 *
 * @tagname ks-redeem-key
 * @summary Redeem an online key: check it while typing, redeem it, show the product.
 *
 * @fires {CustomEvent<{ product: Product; list: ProductKind }>} ks-key-redeemed - A key was redeemed and activated a product, which is now in `list`. Fired after the user's submit (or, with `auto-redeem`, after the user who submitted the key signed in); not when the product was owned already. In batch mode, once for each key that activated a product, in a run the user started.
 * @fires {CustomEvent<{ product: Product; href: string }>} ks-open-product - Cancelable. The user chose "Zur Nutzung". `preventDefault()` to open the product yourself; otherwise the link is followed.
 * @fires {CustomEvent<KsNavigateDetail>} ks-navigate - Cancelable; `preventDefault()` to route yourself. `{ to: 'sign-in', href? }` when a signed-out user submits a key (without `href`, the sign-in form opens inline unless cancelled); `{ to: 'products', href }` for the link to the product's list; `{ to: 'support', href }` for the support link. The inline `<ks-sign-in>` fires `{ to: 'register', href? }` for "Neues Konto erstellen".
 *
 * @slot sign-in - The inline sign-in form. Filled with a `<ks-sign-in>` when first needed; put your own `<ks-sign-in slot="sign-in">` here to configure it.
 *
 * @csspart form - The form around the field and the button.
 * @csspart label - The field's label.
 * @csspart hint - The hint below the label (length, characters that do not occur).
 * @csspart input - The key field.
 * @csspart textarea - Batch mode: the field for several keys.
 * @csspart problem - What is wrong with the key, below the field (batch mode: no key to send, too many keys).
 * @csspart count - Batch mode: how many keys were recognised, duplicates and malformed ones.
 * @csspart preview - Batch mode: the list of keys as read from the field, before anything is sent.
 * @csspart submit - The submit button ("Online-Schlüssel einlösen", "Erneut versuchen", "Jetzt einlösen"; batch mode: "12 Schlüssel einlösen").
 * @csspart countdown - How long to wait after too many attempts.
 * @csspart run - Batch mode: the progress and the controls of a run.
 * @csspart progress - Batch mode: "5 von 14 Schlüsseln bearbeitet: …" (not a live region).
 * @csspart control - Batch mode: "Anhalten", "Fortsetzen" or "Jetzt einlösen"; one button, so focus stays on it.
 * @csspart results - Batch mode: the list of keys with a result each.
 * @csspart result - Batch mode: one key and its result.
 * @csspart status - The polite live region: success, "Jetzt einlösen?", sign-in needed; in batch mode the course of the run and its summary.
 * @csspart alert - The assertive live region: why a key could not be redeemed.
 * @csspart actions - The buttons and links after an outcome (batch mode: after the run).
 * @csspart button - "Weiteren Schlüssel einlösen" and other secondary buttons (batch mode: "Liste verwerfen", "Fehlgeschlagene erneut versuchen", "Weitere Schlüssel einlösen").
 * @csspart link - The support link and the link to the product's list.
 * @csspart card - The product card.
 * @csspart cover - The product's cover (its image, or one drawn from the title).
 * @csspart card-title - The product's title.
 * @csspart card-subtitle - The product's subtitle.
 * @csspart card-meta - Licence type and validity.
 * @csspart open - "Zur Nutzung".
 *
 * @cssprop [--ks-redeem-key-max-width=36rem] - Widest the element grows.
 * @cssprop [--ks-redeem-key-gap=var(--ks-space, 1rem)] - Space between the form, the messages and the card.
 * @cssprop [--ks-redeem-key-input-font=ui-monospace, …] - Font of the key field, the batch field and the keys in batch mode's lists.
 * @cssprop [--ks-redeem-key-input-background=var(--ks-color-surface)] - Background of the key field and the batch field.
 * @cssprop [--ks-redeem-key-button-background=var(--ks-color-primary)] - Background of the submit button.
 * @cssprop [--ks-redeem-key-button-color=var(--ks-color-on-primary)] - Text of the submit button.
 * @cssprop [--ks-product-card-cover-width=5.5rem] - Width of the product's cover.
 * @cssprop --ks-color-primary - Buttons and links.
 * @cssprop --ks-color-on-primary - Text on the primary buttons.
 * @cssprop --ks-color-surface - Background of the field, the card and secondary buttons.
 * @cssprop --ks-color-surface-alt - Background of messages.
 * @cssprop --ks-color-text - Text.
 * @cssprop --ks-color-muted - Hints, the card's details, the blocked button.
 * @cssprop --ks-color-border - Borders of the field and the card.
 * @cssprop --ks-color-danger - Problems and error messages.
 * @cssprop --ks-color-success - Success messages.
 * @cssprop --ks-color-focus - The focus ring.
 * @cssprop --ks-radius - Corner radius.
 * @cssprop --ks-font-family - Font; inherits the page's by default.
 * @cssprop --ks-space - Base spacing.
 *
 * @cssstate busy - A redemption is in flight; in batch mode, a run is going on (or pausing).
 * @cssstate blocked - Too many attempts: submitting is refused until the countdown ends; in batch mode, the run waits for it.
 * @cssstate success - The key activated a product, or the product was owned already.
 * @cssstate error - The key could not be redeemed.
 */
export class KsRedeemKey extends KsElement<OwnMessageId> {
  static override messages = messages;
  static override styles = [baseStyles, productCardStyles, redeemKeyStyles, batchStyles];

  /** URL of the sign-in page for a signed-out user; without it (here or in the provider's links) the sign-in form opens inline. */
  @property({ attribute: 'sign-in-href' }) signInHref?: string;
  /** URL of the registration page, for "Neues Konto erstellen" in the inline sign-in form. */
  @property({ attribute: 'register-href' }) registerHref?: string;
  /** URL of the product lists ("Meine Produkte"); the product card links there. */
  @property({ attribute: 'products-href' }) productsHref?: string;
  /** URL of the publisher's customer service, offered when a key cannot be redeemed. */
  @property({ attribute: 'support-href' }) supportHref?: string;
  /**
   * Redeem a waiting key as soon as the user is signed in, without asking "Jetzt einlösen?". A key
   * waits when a signed-out user submitted it, or when it came with the page's address.
   */
  @property({ type: Boolean, attribute: 'auto-redeem' }) autoRedeem = false;
  /** Name of the address parameter that carries a key (`?key=…`); read when the element first renders. */
  @property({ attribute: 'key-param' }) keyParam = 'key';
  /**
   * The field's label; by default "Online-Schlüssel" from the translations (`key.label`). Batch
   * mode's field has its own ("Online-Schlüssel, einer pro Zeile", `redeemKey.batch.label`).
   */
  @property() label?: string;
  /**
   * Batch mode, for teachers with class sets: a field for several keys (one per line, or separated
   * by commas, semicolons or spaces), shown as read before anything is sent (duplicates and
   * malformed keys marked), then redeemed one after the other with a result per key and a summary.
   * The run can be paused and resumed, also after a reload. Reflected, for styling with `[multiple]`.
   * In batch mode, `?key=` and `auto-redeem` do not apply: a batch always asks before it starts.
   */
  @property({ type: Boolean, reflect: true }) multiple = false;

  /**
   * The key in the field, normalized (upper case, no hyphens or spaces). Setting it fills the field
   * as a link or the pending key would, and shows at once what is wrong with it; it fires nothing.
   */
  @property({ attribute: false })
  get value(): string {
    return this.currentKey;
  }

  set value(value: string) {
    this.#prefill(String(value ?? ''));
  }

  @state() private currentKey = '';
  @state() private shown: Shown | null = null;
  @state() private inFlight: string | null = null;
  @state() private view: View = 'form';
  @state() private signInLoad: SignInLoad = 'idle';
  /** An informational message that is not an outcome: sign in first, you may try again now. */
  @state() private notice: Message | null = null;

  // When to show the field's problem: (touched && dirty) || submitted.
  #touched = false;
  #dirty = false;
  #submitted = false;
  /** The user typed into the field since it was last filled: a pending key no longer replaces it. */
  #typed = false;

  readonly #block = new CountdownController(this);
  readonly #batch = new BatchRedeemController(this, {
    store: () => this.store,
    active: () => this.multiple,
    onActivated: (product) => this.emit('ks-key-redeemed', { product, list: product.kind }),
    onSignInNeeded: () => this.#leadToSignIn(),
  });
  /** The batch was submitted without a key to send: say so. */
  #batchSubmittedEmpty = false;
  #parsed: { text: string; format: KeyFormat; parsed: ParsedBatch } | null = null;
  readonly #internals = this.attachInternals();
  #blockedBefore = false;
  #urlRead = false;
  #keyFromUrl: string | null = null;
  #previousStatus: AccountStatus | undefined;
  #previousUserId: string | null | undefined;
  #previousPendingKey: string | null | undefined;
  readonly #autoTried = new Set<string>();
  #focusTarget: FocusTarget | null = null;
  #focusWasInside = false;
  #focusSignIn = false;
  #rendering = false;

  protected override storeConnected(store: AccountStore): void {
    void store.ensureSession();
  }

  // ——— derived state ———

  /** The registration options, once loaded: the key format and the names of customer types. */
  get #options(): RegistrationOptions | undefined {
    const options = this.account?.registrationOptions;
    return options && 'data' in options ? options.data : undefined;
  }

  get #format(): KeyFormat {
    return this.#options?.keyFormat ?? DEFAULT_KEY_FORMAT;
  }

  get #signedIn(): boolean {
    return this.account?.status === 'signed-in';
  }

  /** The key waits for this user to confirm: "Jetzt einlösen?". */
  get #asksToRedeem(): boolean {
    const pending = this.account?.pendingKey ?? null;
    return this.#signedIn && pending !== null && pending === this.currentKey && this.shown === null && this.inFlight === null;
  }

  #href(to: LinkTarget): string | undefined {
    const own = { 'sign-in': this.signInHref, products: this.productsHref, support: this.supportHref }[to];
    return own || this.account?.settings.links[linkKeys[to]] || undefined;
  }

  // ——— lifecycle ———

  protected override willUpdate(changed: PropertyValues<this>): void {
    // A key in the address is for the single form; a batch leaves it there.
    if (!this.#urlRead && !this.multiple) {
      this.#urlRead = true;
      const fromUrl = takeKeyFromLocation(this.keyParam);
      if (fromUrl !== null) {
        this.#prefill(fromUrl);
        this.#keyFromUrl = this.currentKey || null;
      }
    }
    // A key from the address waits like a submitted one, so a reload or a sign-in elsewhere keeps it.
    if (this.#keyFromUrl !== null && this.store) {
      this.store.setPendingKey(this.#keyFromUrl);
      this.#keyFromUrl = null;
    }
    // For the key format and the names of customer types; again after the backend was replaced.
    if (this.store && this.account?.configured && this.account.registrationOptions.state === 'idle') {
      void this.store.loadRegistrationOptions();
    }
    this.#followAccount();
    // Out of batch mode: a run stops after the key in flight rather than go on unseen.
    if (changed.has('multiple') && !this.multiple) this.#batch.stop();
    if (this.#blockedBefore && !this.#block.running) {
      if (this.shown?.outcome.kind === 'rate-limited') this.shown = null;
      this.notice = { id: 'redeemKey.retryNow' };
    }
    this.#blockedBefore = this.#block.running;
    this.#focusWasInside = this.#containsFocus();
    super.willUpdate(changed);
  }

  #followAccount(): void {
    const account = this.account;
    const status = account?.status ?? 'unknown';
    const userId = account?.user?.id ?? null;
    // What was shown belonged to the previous user.
    if (this.#previousUserId !== undefined && userId !== this.#previousUserId) this.shown = null;
    if (status === 'signed-in' && this.#previousStatus !== undefined && this.#previousStatus !== 'signed-in') {
      if (this.view === 'sign-in') {
        this.view = 'form';
        this.notice = null;
        // The sign-in form is gone from under the user: the next step is the button.
        if (this.#containsFocus()) this.#focusTarget = this.multiple ? 'control' : 'submit';
      }
    }
    this.#previousStatus = status;
    this.#previousUserId = userId;

    const pending = account?.pendingKey ?? null;
    if (pending !== this.#previousPendingKey) {
      this.#previousPendingKey = pending;
      if (pending !== null && pending !== this.currentKey && (!this.#typed || this.currentKey === '') && this.inFlight === null) {
        this.#prefill(pending);
      }
    }
  }

  protected override update(changed: PropertyValues<this>): void {
    this.#rendering = true;
    try {
      super.update(changed);
    } finally {
      this.#rendering = false;
    }
  }

  protected override updated(): void {
    const kind = this.shown?.outcome.kind;
    const phase = this.multiple ? this.#batch.phase : null;
    this.#setState('busy', this.inFlight !== null || phase === 'running' || phase === 'stopping');
    this.#setState('blocked', this.#block.running || phase === 'rate-limited');
    this.#setState('success', kind !== undefined && FORM_HIDING.has(kind));
    this.#setState('error', kind !== undefined && !FORM_HIDING.has(kind));

    const target = this.#focusTarget
      ? this.#part(this.#focusTarget)
      : this.#focusWasInside && !this.#containsFocus()
        ? this.#focusFallback()
        : null;
    this.#focusTarget = null;
    // After this update: moving focus blurs the field, whose handler asks for another update.
    if (target) void this.updateComplete.then(() => target.focus());

    if (!this.multiple && this.autoRedeem && this.#asksToRedeem && !this.#autoTried.has(this.currentKey) && checkKey(this.currentKey, this.#format).valid) {
      const key = this.currentKey;
      this.#autoTried.add(key);
      void this.updateComplete.then(() => this.#redeem(key));
    }
  }

  // ——— rendering ———

  protected override render(): TemplateResult {
    return this.multiple ? this.#batchMode() : this.#singleKey();
  }

  #batchMode(): TemplateResult {
    return batchView({
      batch: this.#batch,
      parsed: this.#parsedBatch(),
      format: this.#format,
      locale: this.locale,
      t: (id, params) => this.t(id, params),
      describe: (outcome) => this.#describe(outcome),
      productsHref: this.#href('products'),
      supportHref: this.#href('support'),
      showProblem: this.#batchSubmittedEmpty,
      signIn: this.view === 'sign-in' && this.account?.status === 'signed-out' ? this.#signInArea() : nothing,
      alert: this.#alertMessages(),
      onInput: this.#onBatchInput,
      onKeydown: this.#onBatchKeydown,
      onSubmit: this.#onBatchSubmit,
      onControl: this.#onBatchControl,
      onDiscard: this.#onBatchDiscard,
      onRetryFailed: this.#onBatchRetry,
      onAnother: this.#onBatchDiscard,
      onLink: (event, to, href) => this.#onLinkClick(event, to, href),
    });
  }

  /** The batch field as read now; read again only when its text or the key format changed. */
  #parsedBatch(): ParsedBatch {
    const text = this.#batch.text;
    const format = this.#format;
    if (this.#parsed?.text !== text || this.#parsed.format !== format) this.#parsed = { text, format, parsed: parseBatch(text, format) };
    return this.#parsed.parsed;
  }

  #singleKey(): TemplateResult {
    const view = this.#outcomeView();
    const kind = this.shown?.outcome.kind;
    const showForm = kind === undefined || !FORM_HIDING.has(kind);
    const status = view?.tone === 'success' ? view.messages : this.#statusMessages();
    const alert = view?.tone === 'error' ? view.messages : this.#alertMessages();
    return html`<div class="root">
      ${showForm ? this.#form(view) : nothing}
      <div part="status" class="notice" id="status" role="status" tabindex="-1">${this.#paragraphs(status)}</div>
      <div part="alert" class="notice error" id="alert" role="alert" tabindex="-1">${this.#paragraphs(alert)}</div>
      ${view?.product ? this.#card(view.product) : nothing} ${view ? this.#actions(view) : nothing}
      ${this.view === 'sign-in' && this.account?.status === 'signed-out' ? this.#signInArea() : nothing}
    </div>`;
  }

  #form(view: OutcomeView | null): TemplateResult {
    const format = this.#format;
    const busy = this.inFlight !== null;
    const blocked = this.#block.running;
    const showProblem = (this.#touched && this.#dirty) || this.#submitted;
    const problem = showProblem ? problemFor(checkKey(this.currentKey, format)) : null;
    const hint = hintFor(format);
    const hintText =
      hint.id === 'redeemKey.hint'
        ? this.t(hint.id, { length: hint.length, characters: listOf(this.locale, hint.characters, 'conjunction') })
        : this.t(hint.id, { length: hint.length });
    const retry = view?.retry === true && this.shown?.key === this.currentKey;
    const submitLabel: RedeemKeyMessageId = busy
      ? 'redeemKey.submitting'
      : retry
        ? 'redeemKey.retry'
        : this.#asksToRedeem
          ? 'redeemKey.redeemNow'
          : 'redeemKey.submit';
    return html`
      <form part="form" novalidate aria-label=${this.t('redeemKey.form')} @submit=${this.#onSubmit}>
        <label part="label" for="key">${this.label || this.t('key.label')}</label>
        <p part="hint" class="hint" id="hint">${hintText}</p>
        <input
          part="input"
          id="key"
          name="key"
          type="text"
          autocapitalize="characters"
          autocomplete="off"
          spellcheck="false"
          aria-invalid=${problem ? 'true' : 'false'}
          aria-describedby=${problem ? 'problem hint' : 'hint'}
          ?readonly=${busy}
          .value=${live(formatForDisplay(this.currentKey, format))}
          @input=${this.#onInput}
          @compositionend=${this.#onCompositionEnd}
          @keydown=${this.#onKeydown}
          @blur=${this.#onBlur}
        />
        ${problem ? html`<p part="problem" class="problem" id="problem">${this.t(problem.id, 'params' in problem ? problem.params : undefined)}</p>` : nothing}
        <div class="buttons">
          <button
            part="submit"
            class="submit ${busy ? 'busy' : ''}"
            type="submit"
            aria-disabled=${busy || blocked ? 'true' : 'false'}
            aria-describedby=${blocked ? 'countdown' : nothing}
          >
            ${this.t(submitLabel)}
          </button>
        </div>
        ${blocked ? html`<p part="countdown" class="countdown" id="countdown">${this.t('redeemKey.retryIn', { count: this.#block.remaining })}</p>` : nothing}
      </form>
    `;
  }

  #statusMessages(): readonly Message[] {
    if (this.#asksToRedeem) return [{ id: 'redeemKey.pending', params: { key: formatForDisplay(this.currentKey, this.#format) } }];
    return this.notice ? [this.notice] : [];
  }

  #alertMessages(): readonly Message[] {
    return this.view === 'sign-in' && this.signInLoad === 'failed' ? [{ id: 'redeemKey.signInUnavailable' }] : [];
  }

  #paragraphs(messages: readonly Message[]): TemplateResult[] {
    return messages.map((message) => html`<p>${this.t(message.id, message.params)}</p>`);
  }

  #outcomeView(): OutcomeView | null {
    const outcome = this.shown?.outcome;
    return outcome ? this.#describe(outcome) : null;
  }

  #describe(outcome: RedeemOutcome): OutcomeView {
    const customerTypes = this.#options?.customerTypes ?? [];
    const locale = this.locale;
    return describeOutcome(outcome, {
      locale,
      hasSupport: this.#href('support') !== undefined,
      customerTypeLabel: (id) => {
        const label = customerTypes.find((type) => type.id === id)?.label;
        return label ? (label[locale] ?? label.de) : undefined;
      },
      yourCustomerType: this.account?.user?.customerType,
      openLabel: this.t('product.open'),
      listLabel: (kind) => this.t(`product.kind.${kind}`),
    });
  }

  #card(product: Product): TemplateResult {
    const list = this.t(`product.kind.${product.kind}`);
    const href = this.#href('products');
    return productCard({
      product,
      locale: this.locale,
      t: (id, params) => this.t(id, params),
      onOpen: this.#onOpen,
      footer: href
        ? html`<a part="link" href=${href} @click=${(event: MouseEvent) => this.#onLinkClick(event, 'products', href)}
            >${this.t('redeemKey.toList', { list })}</a
          >`
        : html`<span>${this.t('redeemKey.inList', { list })}</span>`,
    });
  }

  #actions(view: OutcomeView): TemplateResult {
    const support = view.support ? this.#href('support') : undefined;
    return html`<div part="actions" class="actions">
      ${support
        ? html`<a part="link" href=${support} @click=${(event: MouseEvent) => this.#onLinkClick(event, 'support', support)}
            >${this.t('redeemKey.support')}</a
          >`
        : nothing}
      <button part="button" class="secondary" type="button" @click=${this.#onAnother}>${this.t('redeemKey.another')}</button>
    </div>`;
  }

  #signInArea(): TemplateResult {
    return this.signInLoad === 'failed'
      ? html`<div part="actions" class="actions">
          <button part="button" class="secondary" type="button" @click=${this.#onRetrySignIn}>${this.t('redeemKey.retry')}</button>
        </div>`
      : html`<slot name="sign-in"></slot>`;
  }

  // ——— user actions ———

  readonly #onInput = (event: InputEvent): void => {
    if (event.isComposing) return;
    this.#applyEdit(event.target as HTMLInputElement, event.inputType);
  };

  readonly #onCompositionEnd = (event: CompositionEvent): void => {
    this.#applyEdit(event.target as HTMLInputElement, 'insertCompositionText');
  };

  readonly #onKeydown = (event: KeyboardEvent): void => {
    // A held Enter repeats: one submit is what the user meant.
    if (event.key === 'Enter' && event.repeat) event.preventDefault();
  };

  readonly #onBlur = (): void => {
    this.#touched = true;
    // Chromium also blurs a focused field while a render removes it; that render needs no other.
    if (!this.#rendering) this.requestUpdate();
  };

  readonly #onSubmit = (event: SubmitEvent): void => {
    event.preventDefault();
    void this.#submit();
  };

  readonly #onAnother = (): void => {
    if (this.store && this.account?.pendingKey) this.store.setPendingKey(null);
    this.#setKey('');
    this.#touched = this.#dirty = this.#submitted = this.#typed = false;
    this.shown = null;
    this.notice = null;
    this.view = 'form';
    this.#focusTarget = 'input';
  };

  readonly #onRetrySignIn = (): void => {
    this.#focusSignIn = true;
    void this.#prepareSignIn();
  };

  readonly #onOpen = (event: MouseEvent, product: Product, href: string): void => {
    if (isModifiedClick(event)) return;
    if (!this.emit('ks-open-product', { product, href }, { cancelable: true })) event.preventDefault();
  };

  // ——— batch mode ———

  readonly #onBatchInput = (event: InputEvent): void => {
    this.#batch.text = (event.target as HTMLTextAreaElement).value;
  };

  readonly #onBatchKeydown = (event: KeyboardEvent): void => {
    // Enter starts a new line; Ctrl+Enter (⌘+Enter) submits, as in many text areas.
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey) && !event.repeat) {
      event.preventDefault();
      (event.target as HTMLTextAreaElement).form?.requestSubmit();
    }
  };

  readonly #onBatchSubmit = (event: SubmitEvent): void => {
    event.preventDefault();
    const started = this.#batch.start(this.#parsedBatch());
    this.#batchSubmittedEmpty = !started;
    // The form makes way for the run: its control keeps focus from here on ("Anhalten").
    if (!started) this.#focusTarget = 'textarea';
    else if (this.#containsFocus()) this.#focusTarget = 'control';
    this.requestUpdate();
  };

  readonly #onBatchControl = (): void => {
    const phase = this.#batch.phase;
    if (phase === 'running' || phase === 'rate-limited') this.#batch.stop();
    else if (phase === 'paused' || phase === 'waiting') this.#batch.resume();
  };

  readonly #onBatchRetry = (): void => {
    this.#batch.retryFailed();
    this.#focusTarget = 'control';
  };

  /** "Weitere Schlüssel einlösen", "Liste verwerfen": an empty field, focused. */
  readonly #onBatchDiscard = (): void => {
    this.#batch.discard();
    this.#batchSubmittedEmpty = false;
    this.view = 'form';
    this.notice = null;
    this.#focusTarget = 'textarea';
  };

  #onLinkClick(event: MouseEvent, to: LinkTarget, href: string): void {
    // A new tab or window is the browser's job; a plain click may be routed by the host.
    if (isModifiedClick(event)) return;
    event.preventDefault();
    this.navigate(to, href);
  }

  /** Normalizes and regroups the field after an edit and puts the caret back where it belongs. */
  #applyEdit(input: HTMLInputElement, inputType: string): void {
    const edit = editKey(input.value, input.selectionStart ?? input.value.length, this.#format, {
      previousKey: this.currentKey,
      inputType,
    });
    if (input.value !== edit.display) input.value = edit.display;
    // Only in a focused field: elsewhere, setting the selection may move focus there.
    if (this.shadowRoot?.activeElement === input) input.setSelectionRange(edit.caret, edit.caret);
    this.#typed = true;
    this.#dirty = true;
    this.#setKey(edit.key);
    this.requestUpdate();
  }

  // ——— redeeming ———

  async #submit(): Promise<void> {
    if (this.inFlight !== null || this.#block.running) return;
    this.#submitted = true;
    const key = this.currentKey;
    if (!checkKey(key, this.#format).valid) {
      this.shown = null;
      this.#focusTarget = 'input';
      this.requestUpdate();
      return;
    }
    const pending = this.account?.pendingKey ?? null;
    // The user chose another key than the one that waited: that one waits no more.
    if (this.#signedIn && pending !== null && pending !== key) this.store?.setPendingKey(null);
    await this.#redeem(key);
  }

  async #redeem(key: string): Promise<void> {
    const store = this.store;
    if (!store || this.inFlight !== null) return;
    this.shown = null;
    this.notice = null;
    this.inFlight = key;
    let outcome: RedeemOutcome;
    try {
      if (this.account?.sessionError) await store.refreshSession();
      outcome = outcomeOf(await store.redeem(key));
    } finally {
      this.inFlight = null;
    }
    this.#settle(key, outcome, store);
  }

  #settle(key: string, outcome: RedeemOutcome, store: AccountStore): void {
    if (outcome.kind === 'ignored') return;
    if (outcome.kind === 'sign-in') {
      const account = store.snapshot;
      if (account.status === 'signed-out') {
        this.#leadToSignIn();
      } else {
        // The session could not be read: that is the failure to report, with a retry.
        const code = account.sessionError?.code;
        this.shown = { key, outcome: { kind: 'transient', code: isTransientCode(code) ? code : 'server' } };
      }
      return;
    }
    if (outcome.kind === 'rate-limited') this.#block.start(outcome.seconds);
    this.shown = { key, outcome };
    if (isDefinitive(outcome) && store.snapshot.pendingKey === key) store.setPendingKey(null);
    if (outcome.kind === 'activated') this.emit('ks-key-redeemed', { product: outcome.product, list: outcome.product.kind });
  }

  // ——— signing in ———

  #leadToSignIn(): void {
    this.notice = { id: 'redeemKey.signInFirst' };
    if (this.navigate('sign-in', this.#href('sign-in'))) return;
    this.view = 'sign-in';
    this.#focusSignIn = true;
    void this.#prepareSignIn();
  }

  async #prepareSignIn(): Promise<void> {
    if (this.signInLoad !== 'ready') {
      this.signInLoad = 'loading';
      try {
        await loadSignIn();
      } catch {
        this.signInLoad = 'failed';
        return;
      }
      const { element, created } = attachSignIn(this);
      if (created && this.registerHref) element.setAttribute('register-href', this.registerHref);
      this.signInLoad = 'ready';
    }
    if (!this.#focusSignIn) return;
    this.#focusSignIn = false;
    await this.updateComplete;
    const element = this.querySelector<HTMLElement>(':scope > [slot="sign-in"]');
    if (element && this.view === 'sign-in') await focusFirstField(element);
  }

  // ——— helpers ———

  /** Fills the field from outside the user's typing (the address, the pending key, `value`). */
  #prefill(raw: string): void {
    this.#setKey(normalizeKey(raw));
    this.#typed = false;
    this.#submitted = false;
    // A key that arrives whole is checked at once.
    this.#touched = this.#dirty = this.currentKey !== '';
  }

  #setKey(key: string): void {
    if (key === this.currentKey) return;
    this.currentKey = key;
    // What was shown belongs to the key that was there.
    if (this.shown && this.shown.key !== key && this.shown.outcome.kind !== 'rate-limited') this.shown = null;
  }

  #part(name: FocusTarget): HTMLElement | null {
    return this.renderRoot.querySelector<HTMLElement>(`[part="${name}"]`);
  }

  #containsFocus(): boolean {
    const active = (this.getRootNode() as Document | ShadowRoot).activeElement;
    return active !== null && (active === this || this.contains(active));
  }

  /** Where focus goes when what had it went away: the message that took its place. */
  #focusFallback(): HTMLElement | null {
    for (const id of ['status', 'alert']) {
      const region = this.renderRoot.querySelector<HTMLElement>(`#${id}`);
      if (region?.textContent?.trim()) return region;
    }
    return this.#part('input') ?? this.#part('textarea') ?? this.#part('control') ?? this.#part('submit');
  }

  #setState(name: string, on: boolean): void {
    const states = this.#internals.states as CustomStateSet | undefined;
    if (on) states?.add(name);
    else states?.delete(name);
  }
}
