import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import { baseStyles } from '../../core/base-styles.js';
import { CountdownController } from '../../core/countdown.js';
import { isModifiedClick } from '../../core/events.js';
import { KsElement, type LinkTarget } from '../../core/ks-element.js';
import { DEFAULT_KEY_FORMAT, checkKey, formatForDisplay, normalizeKey } from '../../core/online-key.js';
import type { MessageBundle, MessageId } from '../../core/localize.js';
import type { KeyFormat, Product, RegistrationOptions } from '../../core/schemas.js';
import type { AccountStatus, AccountStore } from '../../core/store.js';
import { FocusController } from '../../ui/focus.js';
import { InlineSignInController, loadSignIn } from '../../ui/inline-sign-in.js';
import type { BatchRedeemController } from './batch-controller.js';
import type { ParsedBatch } from './batch-keys.js';
import type { BatchMessageId } from './batch.messages.js';
import { batchStyles } from './batch.styles.js';
import { editKey, hintFor, problemFor } from './key-field.js';
import { takeKeyFromLocation } from './key-from-url.js';
import {
  type Message,
  type OutcomeView,
  type RedeemOutcome,
  describeOutcome,
  isDefinitive,
  listOf,
  outcomeOf,
  refusesKey,
  usesKey,
} from './outcome.js';
import { productCard, productCardStyles } from './product-card.js';
import { type RedeemKeyMessageId, redeemKeyMessages } from './redeem-key.messages.js';
import { redeemKeyStyles } from './redeem-key.styles.js';

/** An outcome, and the key it belongs to. */
interface Shown {
  readonly key: string;
  readonly outcome: RedeemOutcome;
}

type View = 'form' | 'sign-in';
type FocusTarget = 'input' | 'submit' | 'textarea' | 'control' | 'alert';

type OwnMessageId = RedeemKeyMessageId | BatchMessageId;

/** Batch mode's code and strings, loaded once, when an element first needs them. */
interface BatchMode {
  readonly module: typeof import('./batch-mode.js');
  /** The element's strings: the single form's and batch mode's. */
  readonly messages: MessageBundle<OwnMessageId>;
}

type BatchModule = typeof import('./batch-mode.js');

let batchMode: Promise<BatchMode> | undefined;

/** Loads batch mode once for the page, with `load`; a failed load may be tried again. */
function loadBatchMode(load: () => Promise<BatchModule>): Promise<BatchMode> {
  batchMode ??= load().then(
    (module) => ({
      module,
      messages: {
        de: { ...redeemKeyMessages.de, ...module.batchMessages.de },
        en: { ...redeemKeyMessages.en, ...module.batchMessages.en },
      },
    }),
    (error: unknown) => {
      batchMode = undefined;
      throw error;
    },
  );
  return batchMode;
}

/**
 * "Online-Schlüssel einlösen": one field for an online key and a button. The key is checked as the
 * user types or pastes it (normalized, grouped with hyphens, its length and check character
 * verified) before any request. A signed-in user's key is redeemed; the result says what happened
 * and what to do next, and a product card leads to the product ("Zur Nutzung"). A key the backend
 * refused (unknown, expired, …) is not sent again until it is edited: submitting it again moves
 * focus to the refusal, which is read out once more. A signed-out user
 * is led to sign in (inline, or to `sign-in-href`), and the key waits for them: after signing in,
 * registering and confirming the e-mail address, or a reload, the form asks "Jetzt einlösen?".
 *
 * A key in the page's address (`?key=…`, e.g. from a QR code printed in a book) fills the field
 * and is removed from the address; it is redeemed only when the user asks ("Jetzt einlösen").
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
 * signed-out user (or one whose session ended) is led to. The keys done before a reload stay in the
 * list with their result in a word ("Aktiviert (vor dem Neuladen der Seite)"; the tab keeps the
 * word only, no product), and the progress and the summary count the whole run; these results are
 * the signed-in user's, so a sign-out (or a reload that finds nobody signed in) drops them, while
 * the keys wait. The status region speaks when the run changes course and its progress every five
 * keys, never once per key; focus stays on "Anhalten"/"Fortsetzen" while the run lasts and moves to
 * the summary when it is done.
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
  static override messages: MessageBundle<string> = redeemKeyMessages;
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
   * Redeem a key the user submitted while signed out as soon as they are signed in, without asking
   * "Jetzt einlösen?". A key that only came with the page's address (`?key=`) is not redeemed
   * unasked, even so: a link must not redeem into the visitor's account; it waits for a click.
   */
  @property({ type: Boolean, attribute: 'auto-redeem' }) autoRedeem = false;
  /** Name of the address parameter that carries a key (`?key=…`); read once, when the element connects to its store. */
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
   * The run can be paused and resumed, also after a reload (which keeps the results so far, in a
   * word each). Reflected, for styling with `[multiple]`.
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
  /** An informational message that is not an outcome: sign in first, you may try again now. */
  @state() private notice: Message | null = null;

  // When to show the field's problem: (touched && dirty) || submitted.
  #touched = false;
  #dirty = false;
  #submitted = false;
  /** The user typed into the field since it was last filled: a pending key no longer replaces it. */
  #typed = false;

  readonly #block = new CountdownController(this);
  /** Batch mode, once its code has loaded (see `multiple`). */
  #batchMode?: BatchMode;
  #batch?: BatchRedeemController;
  /** The load of batch mode in flight; `failed` when it did not load (the element offers a retry). */
  #batchLoading: Promise<unknown> | 'failed' | null = null;
  /** The batch was submitted without a key to send: say so. */
  #batchSubmittedEmpty = false;
  #parsed: { text: string; format: KeyFormat; parsed: ParsedBatch } | null = null;
  #blockedBefore = false;
  #urlRead = false;
  #previousStatus: AccountStatus | undefined;
  #previousUserId: string | null | undefined;
  #previousPendingKey: string | null | undefined;
  readonly #autoTried = new Set<string>();
  readonly #focus = new FocusController<FocusTarget>(this, {
    messages: ['status', 'alert'],
    controls: ['[part="input"]', '[part="textarea"]', '[part="control"]', '[part="submit"]'],
    find: (root, part) => root.querySelector<HTMLElement>(`[part="${part}"]`),
  });
  /** The form a signed-out user signs in with when there is no sign-in page; loaded on first use. */
  readonly #signIn = new InlineSignInController(this, {
    registerHref: () => this.registerHref,
    shown: () => this.view === 'sign-in',
    load: () => this.loadSignIn(),
  });

  protected override storeConnected(store: AccountStore): void {
    void store.ensureSession();
    // For the key format and the names of customer types; the store reads them again for a new backend.
    void store.ensureRegistrationOptions();
    this.#takeKeyFromUrl(store);
  }

  /**
   * A key in the address is for the single form (a batch leaves it there): it fills the field and
   * waits as the pending key, so that a reload or a sign-in elsewhere keeps it. Read once.
   */
  #takeKeyFromUrl(store: AccountStore): void {
    if (this.#urlRead || this.multiple) return;
    this.#urlRead = true;
    const fromUrl = takeKeyFromLocation(this.keyParam);
    if (fromUrl === null) return;
    this.#prefill(fromUrl);
    if (this.currentKey !== '') store.setPendingKey(this.currentKey);
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

  // ——— lifecycle ———

  protected override willUpdate(changed: PropertyValues<this>): void {
    this.#followAccount();
    // Out of batch mode: a run stops after the key in flight rather than go on unseen.
    if (changed.has('multiple') && !this.multiple) this.#batch?.stop();
    if (this.multiple && !this.#batch && this.#batchLoading === null) this.#loadBatch();
    if (this.#blockedBefore && !this.#block.running) {
      if (this.shown?.outcome.kind === 'rate-limited') this.shown = null;
      this.notice = { id: 'common.retryNow' };
    }
    this.#blockedBefore = this.#block.running;
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
        if (this.#focus.containsFocus()) this.#focus.focusAfterUpdate(this.multiple ? 'control' : 'submit');
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

  protected override updated(changed: PropertyValues<this>): void {
    // Out of batch mode for the first time: the single form takes a key in the address now.
    const store = this.store;
    if (changed.has('multiple') && !this.multiple && !this.#urlRead && store) void this.updateComplete.then(() => this.#takeKeyFromUrl(store));
    const outcome = this.shown?.outcome;
    const phase = this.multiple ? (this.#batch?.phase ?? null) : null;
    this.setState('busy', this.inFlight !== null || phase === 'running' || phase === 'stopping');
    this.setState('blocked', this.#block.running || phase === 'rate-limited');
    this.setState('success', outcome !== undefined && usesKey(outcome));
    this.setState('error', outcome !== undefined && !usesKey(outcome));

    // Only a key the user submitted before signing in: a key from a link waits for a click.
    const submitted = this.account?.pendingKeySubmitted === true;
    if (!this.multiple && this.autoRedeem && submitted && this.#asksToRedeem && !this.#autoTried.has(this.currentKey) && checkKey(this.currentKey, this.#format).valid) {
      const key = this.currentKey;
      this.#autoTried.add(key);
      void this.updateComplete.then(() => this.#redeem(key));
    }
  }

  // ——— rendering ———

  protected override render(): TemplateResult {
    if (!this.multiple) return this.#singleKey();
    return this.#batch && this.#batchMode ? this.#batchView(this.#batch, this.#batchMode) : this.#batchLoadingView();
  }

  /** Batch mode while its code loads, or after it failed to load (with a retry). */
  #batchLoadingView(): TemplateResult {
    const failed = this.#batchLoading === 'failed';
    return html`<div class="root">
      <div part="status" class="notice" id="status" role="status" tabindex="-1">${failed ? nothing : html`<p>${this.t('redeemKey.batchLoading')}</p>`}</div>
      <div part="alert" class="notice error" id="alert" role="alert" tabindex="-1">${failed ? html`<p>${this.t('redeemKey.batchUnavailable')}</p>` : nothing}</div>
      ${failed
        ? html`<div part="actions" class="actions">
            <button part="button" class="secondary" type="button" @click=${this.#onRetryBatch}>${this.t('common.retry')}</button>
          </div>`
        : nothing}
    </div>`;
  }

  #batchView(batch: BatchRedeemController, mode: BatchMode): TemplateResult {
    return mode.module.batchView({
      batch,
      parsed: this.#parsedBatch(batch, mode),
      format: this.#format,
      locale: this.locale,
      t: (id, params) => this.t(id, params),
      describe: (outcome) => this.#describe(outcome),
      productsHref: this.linkHref('products'),
      supportHref: this.linkHref('support'),
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
  #parsedBatch(batch: BatchRedeemController, mode: BatchMode): ParsedBatch {
    const text = batch.text;
    const format = this.#format;
    if (this.#parsed?.text !== text || this.#parsed.format !== format) this.#parsed = { text, format, parsed: mode.module.parseBatch(text, format) };
    return this.#parsed.parsed;
  }

  // ——— loading batch mode ———

  #loadBatch(): void {
    const loading = loadBatchMode(() => this.importBatchMode()).then(
      (mode) => {
        this.#batchLoading = null;
        this.#batchMode = mode;
        this.#batch = new mode.module.BatchRedeemController(this, {
          store: () => this.store,
          active: () => this.multiple,
          onActivated: (product) => this.emit('ks-key-redeemed', { product, list: product.kind }),
          onSignInNeeded: () => this.#leadToSignIn(),
        });
        this.requestUpdate();
      },
      () => {
        this.#batchLoading = 'failed';
        this.requestUpdate();
      },
    );
    this.#batchLoading = loading;
  }

  /**
   * @internal Loads `<ks-sign-in>` for the signed-out detour (`loadSignIn`, once per page). A seam
   * for tests, whose subclass makes the load fail as a lost connection would.
   */
  protected loadSignIn(): Promise<unknown> {
    return loadSignIn();
  }

  /**
   * @internal Imports batch mode's code; called by the first element in the page that needs it,
   * and again after a failed load when the user asks to retry. A seam for tests, whose subclass
   * makes the import fail as a lost connection would.
   */
  protected importBatchMode(): Promise<BatchModule> {
    return import('./batch-mode.js');
  }

  readonly #onRetryBatch = (): void => {
    this.#batchLoading = null;
    this.#focus.focusAfterUpdate('textarea');
    this.requestUpdate();
  };

  /** @internal The single form's strings, and batch mode's once it has loaded. */
  protected override get ownMessages(): MessageBundle<string> {
    return this.#batchMode?.messages ?? redeemKeyMessages;
  }

  /**
   * In batch mode, the element is complete once batch mode's code has loaded and rendered: a
   * page (or a test) that awaits `updateComplete` finds the field for several keys.
   * @internal
   */
  protected override async getUpdateComplete(): Promise<boolean> {
    let complete = await super.getUpdateComplete();
    while (this.multiple && this.#batchLoading instanceof Promise) {
      await this.#batchLoading;
      complete = await super.getUpdateComplete();
    }
    return complete;
  }

  #singleKey(): TemplateResult {
    const view = this.#outcomeView();
    const outcome = this.shown?.outcome;
    const showForm = outcome === undefined || !usesKey(outcome);
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
    const submitLabel: RedeemKeyMessageId | MessageId = busy
      ? 'redeemKey.submitting'
      : retry
        ? 'common.retry'
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
        ${blocked ? html`<p part="countdown" class="countdown" id="countdown">${this.t('common.retryIn', { count: this.#block.remaining })}</p>` : nothing}
      </form>
    `;
  }

  #statusMessages(): readonly Message[] {
    if (this.#asksToRedeem) return [{ id: 'redeemKey.pending', params: { key: formatForDisplay(this.currentKey, this.#format) } }];
    return this.notice ? [this.notice] : [];
  }

  #alertMessages(): readonly Message[] {
    return this.view === 'sign-in' && this.#signIn.load === 'failed' ? [{ id: 'common.signInUnavailable' }] : [];
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
      hasSupport: this.linkHref('support') !== undefined,
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
    const href = this.linkHref('products');
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
    const support = view.support ? this.linkHref('support') : undefined;
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
    return this.#signIn.load === 'failed'
      ? html`<div part="actions" class="actions">
          <button part="button" class="secondary" type="button" @click=${this.#onRetrySignIn}>${this.t('common.retry')}</button>
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
    if (!this.isRendering) this.requestUpdate();
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
    this.#focus.focusAfterUpdate('input');
  };

  readonly #onRetrySignIn = (): void => {
    this.#signIn.open({ focus: true });
  };

  readonly #onOpen = (event: MouseEvent, product: Product, href: string): void => {
    if (isModifiedClick(event)) return;
    if (!this.emit('ks-open-product', { product, href }, { cancelable: true })) event.preventDefault();
  };

  // ——— batch mode ———

  readonly #onBatchInput = (event: InputEvent): void => {
    if (this.#batch) this.#batch.text = (event.target as HTMLTextAreaElement).value;
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
    const batch = this.#batch;
    const mode = this.#batchMode;
    if (!batch || !mode) return;
    const started = batch.start(this.#parsedBatch(batch, mode));
    this.#batchSubmittedEmpty = !started;
    // The form makes way for the run: its control keeps focus from here on ("Anhalten").
    if (!started) this.#focus.focusAfterUpdate('textarea');
    else if (this.#focus.containsFocus()) this.#focus.focusAfterUpdate('control');
    this.requestUpdate();
  };

  readonly #onBatchControl = (): void => {
    const batch = this.#batch;
    if (batch?.phase === 'running' || batch?.phase === 'rate-limited') batch.stop();
    else if (batch?.phase === 'paused' || batch?.phase === 'waiting') batch.resume();
  };

  readonly #onBatchRetry = (): void => {
    this.#batch?.retryFailed();
    this.#focus.focusAfterUpdate('control');
  };

  /** "Weitere Schlüssel einlösen", "Liste verwerfen": an empty field, focused. */
  readonly #onBatchDiscard = (): void => {
    this.#batch?.discard();
    this.#batchSubmittedEmpty = false;
    this.view = 'form';
    this.notice = null;
    this.#focus.focusAfterUpdate('textarea');
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
    const key = this.currentKey;
    // The backend's refusal of this very key is still shown (editing the key clears it): sending it
    // again would get the same answer under a new Idempotency-Key, and count as one more failed
    // attempt (a double click would make two). The refusal is what there is to say: focus it, so
    // that it is read again. A transient failure ("Erneut versuchen") is not a refusal.
    if (this.shown?.key === key && refusesKey(this.shown.outcome)) {
      this.#focus.focusAfterUpdate('alert');
      this.requestUpdate();
      return;
    }
    this.#submitted = true;
    if (!checkKey(key, this.#format).valid) {
      this.shown = null;
      this.#focus.focusAfterUpdate('input');
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
      outcome = outcomeOf(await store.redeem(key));
    } finally {
      this.inFlight = null;
    }
    this.#settle(key, outcome, store);
  }

  #settle(key: string, outcome: RedeemOutcome, store: AccountStore): void {
    if (outcome.kind === 'ignored') return;
    if (outcome.kind === 'sign-in') {
      // Nobody is signed in: the store keeps the key for afterwards. (Signed in again meanwhile, e.g.
      // in another tab: nothing to say, the form asks "Jetzt einlösen?".)
      if (store.snapshot.status === 'signed-out') this.#leadToSignIn();
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
    if (this.navigate('sign-in', this.linkHref('sign-in'))) return;
    this.view = 'sign-in';
    this.#signIn.open({ focus: true });
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
}
