import { adoptStyles, html, nothing, type LitElement, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { baseStyles } from '../../core/base-styles.js';
import { CountdownController } from '../../core/countdown.js';
import type { BackendError } from '../../core/errors.js';
import { KsElement } from '../../core/ks-element.js';
import { adoptLightDomStyles } from '../../core/light-dom-styles.js';
import type { MessageId, MessageParams } from '../../core/localize.js';
import { toSafeUrl } from '../../core/safe-url.js';
import type { PasswordPolicy } from '../../core/schemas.js';
import type { AccountStore, EmailConfirmation } from '../../core/store.js';
import { type NewPasswordField, newPasswordForm } from './new-password-form.js';
import { checkNewPassword, passwordProblemMessage } from './new-password-rules.js';
import { failureOf } from './outcome.js';
import { resetForm } from './reset-form.js';
import { type SignInField, signInForm } from './sign-in-form.js';
import { type SignInMessageId, signInMessages } from './sign-in.messages.js';
import { hostStyles, lightDomStyles } from './sign-in.styles.js';
import { InteractionState, checkEmail, checkPassword } from './validation.js';

/** The confirmation e-mail can be sent again only this many seconds after the last time. */
export const RESEND_COOLDOWN_SECONDS = 30;

/**
 * `reset`: asks for the address to send a reset link to; `new-password`: after the reset link,
 * asks for the new password; `reset-link-invalid`: that link is used up or broken;
 * `confirm-resend`: after a broken confirmation link, asks for the address to send a new one to.
 * `*-sent` and `reset-link-invalid` show a message instead of a form.
 */
type View = 'sign-in' | 'reset' | 'reset-sent' | 'new-password' | 'reset-link-invalid' | 'confirm-resend' | 'confirm-sent';
/** A message kept as an id, so that it follows a change of language; `then` follows it in the same region. */
type Message = { readonly id: SignInMessageId | MessageId; readonly params?: MessageParams; readonly then?: Message };
type Request = 'sign-in' | 'reset' | 'resend' | 'new-password';
/** What the user can do about the alert. */
type Action = 'retry' | 'resend' | 'retry-confirmation' | 'request-link';
type Field = SignInField | 'resetEmail' | 'resendEmail' | 'newPassword';

let instances = 0;

/** Light-DOM ids must be unique on the page: a page may show two sign-in forms (one in the menu). */
function idsFor(prefix: string) {
  const id = (name: string) => `${prefix}-${name}`;
  return {
    form: id('form'),
    email: id('email'),
    password: id('password'),
    forgot: id('forgot'),
    submit: id('submit'),
    alert: id('alert'),
    status: id('status'),
    countdown: id('countdown'),
    resend: id('resend'),
    resendHint: id('resend-hint'),
    resetForm: id('reset-form'),
    resetTitle: id('reset-title'),
    resetIntro: id('reset-intro'),
    resetEmail: id('reset-email'),
    resetSubmit: id('reset-submit'),
    back: id('back'),
    newPasswordForm: id('new-password-form'),
    newPasswordTitle: id('new-password-title'),
    newPasswordIntro: id('new-password-intro'),
    newPasswordEmail: id('new-password-email'),
    newPasswordUsername: id('new-password-username'),
    newPassword: id('new-password'),
    newPasswordSubmit: id('new-password-submit'),
    resendForm: id('resend-form'),
    resendTitle: id('resend-title'),
    resendIntro: id('resend-intro'),
    resendEmail: id('resend-email'),
    resendSubmit: id('resend-submit'),
    action: id('action'),
  };
}

/**
 * Signs a customer in with e-mail address and password ("Kennwort"), offers "Passwort vergessen?"
 * (a reset request) and "Neues Konto erstellen", and resends the confirmation e-mail when the
 * address is not confirmed yet.
 *
 * It also shows what became of the links in keyshelf's e-mails, which the page's keyshelf
 * elements take off the URL (see `followEmailLinks`): a confirmation link (`?ks-confirm=`) in
 * progress, confirmed (signed in) or failed (a broken link: the address can be typed in to get
 * a new one); and, after a reset link (`?ks-reset=`), "Neues Kennwort festlegen" with the
 * policy's minimum length, back to the sign-in form once the password is changed. The reset
 * token stays in memory only. Only one `<ks-sign-in>` per store takes a reset link: the first
 * to render after it was followed.
 *
 * The form lives in the element's light DOM, so that browsers and password managers fill and save
 * it (`autocomplete="username"` / `"current-password"`). Its styles are adopted into the page (or
 * the shadow root around the element), scoped to `ks-sign-in`, and outrank a CMS theme's element
 * and id selectors. Theme it with the global `--ks-*` tokens and the custom properties below.
 * Being light DOM, it has no CSS parts; these class names are its stable styling hooks instead:
 * `ks-sign-in__form`, `__title`, `__intro`, `__field`, `__label`, `__control`, `__input`,
 * `__problem`, `__toggle`, `__icon`, `__aside`, `__link`, `__submit` (`--busy`), `__notice`
 * (`--error`), `__hint`, `__field-hint`, `__actions`, `__secondary`, `__footer`.
 * To change one of its rules, match its specificity: `ks-sign-in .ks-sign-in__submit:not(#\#) { … }`.
 *
 * @tagname ks-sign-in
 * @summary Sign in with e-mail address and password; password reset request; resend of the confirmation e-mail.
 *
 * @fires ks-signed-in - The user signed in with this form. `detail: { user }`. Not fired when a session arrives any other way.
 * @fires ks-navigate - Cancelable; `preventDefault()` to route yourself. `detail: { to: 'register', href? }` for "Neues Konto erstellen"; `{ to: 'redirect', href }` after signing in, when `redirect` is set.
 *
 * @cssprop --ks-sign-in-max-width - Widest the element grows. Default `28rem`.
 * @cssprop --ks-sign-in-gap - Space between the fields and blocks. Default `var(--ks-space, 1rem)`.
 * @cssprop --ks-sign-in-input-background - Background of the inputs. Default `var(--ks-color-surface)`.
 * @cssprop --ks-sign-in-button-background - Background of the submit button. Default `var(--ks-color-primary)`.
 * @cssprop --ks-sign-in-button-color - Text of the submit button. Default `var(--ks-color-on-primary)`.
 * @cssprop --ks-color-primary - Buttons and links.
 * @cssprop --ks-color-on-primary - Text on the submit button.
 * @cssprop --ks-color-surface - Background of inputs and secondary buttons.
 * @cssprop --ks-color-surface-alt - Background of messages and of the pressed password toggle.
 * @cssprop --ks-color-text - Text.
 * @cssprop --ks-color-muted - Hints and the blocked submit button.
 * @cssprop --ks-color-border - Input borders.
 * @cssprop --ks-color-danger - Field problems and error messages.
 * @cssprop --ks-color-success - Confirmation messages.
 * @cssprop --ks-color-focus - The focus ring.
 * @cssprop --ks-radius - Corner radius of inputs, buttons and messages.
 * @cssprop --ks-font-family - Font; inherits the page's by default.
 * @cssprop --ks-space - Base spacing.
 *
 * @cssstate busy - A request of this form is in flight, or a confirmation link is being confirmed.
 * @cssstate blocked - Too many attempts: submitting is refused until the countdown ends.
 */
export class KsSignIn extends KsElement<SignInMessageId> {
  static override messages = signInMessages;
  static override styles = [baseStyles, hostStyles];

  /**
   * Where to go after signing in: a same-origin path or an `https:` URL (anything else is
   * ignored). A cancelable `ks-navigate` (`to: 'redirect'`) is fired first.
   */
  @property() redirect?: string;

  /** URL of the registration page, for "Neues Konto erstellen"; overrides the provider's `register-href`. */
  @property({ attribute: 'register-href' }) registerHref?: string;

  /** Prefills the e-mail address, as long as the user has not typed one. */
  @property() email?: string;

  @state() private view: View = 'sign-in';
  @state() private values: Readonly<Record<Field, string>> = { email: '', password: '', resetEmail: '', resendEmail: '', newPassword: '' };
  @state() private showPassword = false;
  @state() private pending: ReadonlySet<Request> = new Set();
  @state() private alertMessage: Message | null = null;
  @state() private statusMessage: Message | null = null;
  /** What the user can do about the alert: send the same again, resend the confirmation, … */
  @state() private action: Action | null = null;
  @state() private unconfirmedEmail = '';
  /** The account's address on the new-password form, when the page knows it; else the user types it. */
  @state() private newPasswordUsername: string | null = null;
  /** Why the backend refused the new password (a field error code), until the user changes it. */
  @state() private refusedPassword: string | null = null;

  readonly #ids = idsFor(`ks-sign-in-${++instances}`);
  readonly #signInState = new InteractionState<SignInField>();
  readonly #resetState = new InteractionState<'email'>();
  readonly #resendState = new InteractionState<'email'>();
  readonly #newPasswordState = new InteractionState<NewPasswordField>();
  readonly #signInBlock = new CountdownController(this);
  readonly #resetBlock = new CountdownController(this);
  readonly #newPasswordBlock = new CountdownController(this);
  readonly #resendCooldown = new CountdownController(this);
  readonly #blockedBefore = { signIn: false, reset: false, newPassword: false };
  /** The token of the reset link this form took, in memory only, until it is used or dead. */
  #resetToken: string | null = null;
  /** The store's confirmation outcome this form has answered. */
  #seenConfirmation: EmailConfirmation | undefined;
  readonly #internals = this.attachInternals();
  /** The id of the element to focus after the next render. */
  #focusTarget: string | null = null;
  #focusWasInside = false;
  #rendering = false;
  #signedInBefore = false;

  /**
   * Renders into the light DOM. A small shadow root only slots it in and carries the host styles
   * and the design tokens (`baseStyles`), which the light-DOM children inherit.
   */
  protected override createRenderRoot(): HTMLElement {
    const shadow = this.attachShadow({ mode: 'open' });
    adoptStyles(shadow, (this.constructor as typeof LitElement).elementStyles);
    shadow.append(document.createElement('slot'));
    return this;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    adoptLightDomStyles(this, lightDomStyles);
  }

  protected override storeConnected(store: AccountStore): void {
    void store.ensureSession();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('email') && this.email !== undefined && !this.#signInState.isDirty('email')) {
      this.values = { ...this.values, email: this.email };
    }
    this.#followEmailLinks();
    const signedIn = this.account?.status === 'signed-in';
    if (signedIn && !this.#signedInBefore && !this.#settingPassword) {
      // However the session arrived, what this form said before no longer applies.
      this.#clearMessages();
      this.view = 'sign-in';
    }
    this.#signedInBefore = signedIn;
    this.#noticeBlockEnd('signIn', this.#signInBlock, 'sign-in');
    this.#noticeBlockEnd('reset', this.#resetBlock, 'reset');
    this.#noticeBlockEnd('newPassword', this.#newPasswordBlock, 'new-password');
    this.#focusWasInside = this.#containsFocus();
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
    this.#setState('busy', this.pending.size > 0 || this.#confirming);
    this.#setState('blocked', this.#blockOf(this.view)?.running ?? false);
    // When what the user was on went away (the form after signing in, the reset form once sent),
    // focus the message that took its place rather than dropping focus to the page.
    const target = this.#focusTarget
      ? this.#byId(this.#focusTarget)
      : this.#focusWasInside && !this.#containsFocus()
        ? this.#focusFallback()
        : null;
    this.#focusTarget = null;
    // Once this update is done: moving focus blurs a field, and its handler updates again.
    if (target) void this.updateComplete.then(() => target.focus());
  }

  protected override render(): TemplateResult {
    const signedIn = this.account?.status === 'signed-in' && this.account.user !== null;
    // A signed-in user who followed a reset link still sets the new password here.
    const forms = this.#settingPassword || (!signedIn && !this.#confirming);
    return html`${forms ? this.#view() : nothing}${this.#notices(signedIn, forms)}${forms ? this.#footer() : nothing}`;
  }

  // ——— e-mail links ———

  get #confirming(): boolean {
    return this.account?.emailConfirmation.state === 'confirming';
  }

  get #settingPassword(): boolean {
    return this.view === 'new-password' || this.view === 'reset-link-invalid';
  }

  get #passwordPolicy(): PasswordPolicy | undefined {
    const options = this.account?.registrationOptions;
    return options && 'data' in options ? options.data?.passwordPolicy : undefined;
  }

  /** Takes a waiting reset link, and answers a new outcome of a confirmation link. */
  #followEmailLinks(): void {
    const account = this.account;
    if (!account || !this.store) return;
    if (account.passwordResetPending) this.#takeResetLink(this.store);
    const confirmation = this.account?.emailConfirmation;
    if (confirmation && confirmation !== this.#seenConfirmation) {
      this.#seenConfirmation = confirmation;
      this.#showConfirmation(confirmation);
    }
  }

  #takeResetLink(store: AccountStore): void {
    const token = store.takePasswordResetToken();
    if (token === null) return;
    this.#resetToken = token;
    const known = this.account?.user?.email ?? this.values.email.trim();
    this.newPasswordUsername = known === '' ? null : known;
    this.values = { ...this.values, newPassword: '' };
    this.#newPasswordState.reset();
    this.refusedPassword = null;
    this.showPassword = false;
    this.#clearMessages();
    this.view = 'new-password';
    // The minimum length, for the hint and the check before submit. Not from inside this update.
    void Promise.resolve().then(() => store.loadRegistrationOptions());
  }

  #showConfirmation(confirmation: EmailConfirmation): void {
    // Signed in, the outcome is in the status; a new password being set is not interrupted.
    if (this.account?.status === 'signed-in' || this.#settingPassword) return;
    if (confirmation.state === 'confirming') {
      this.#clearMessages();
    } else if (confirmation.state === 'failed' && confirmation.retryable) {
      const failure = failureOf(confirmation.error);
      const reason: Message | undefined =
        failure.kind === 'rate-limited' ? { id: 'signIn.tooMany' } : failure.kind === 'failed' ? { id: failure.message } : undefined;
      this.alertMessage = reason ? { id: 'confirm.failed', then: reason } : { id: 'confirm.failed' };
      this.action = 'retry-confirmation';
    } else if (confirmation.state === 'failed') {
      // The link is used up or broken: a new one needs the address, which the link did not tell.
      this.#resendState.reset();
      this.values = { ...this.values, resendEmail: this.values.email };
      this.statusMessage = null;
      this.alertMessage = { id: 'confirm.invalid' };
      this.action = null;
      this.view = 'confirm-resend';
    }
  }

  // ——— views ———

  #view(): TemplateResult | typeof nothing {
    if (this.view === 'new-password') return this.#newPasswordView();
    if (this.view === 'confirm-resend') return this.#confirmResendView();
    if (this.view === 'reset-sent' || this.view === 'confirm-sent' || this.view === 'reset-link-invalid') return nothing;
    if (this.view === 'reset') {
      const blocked = this.#resetBlock.running;
      const busy = this.pending.has('reset');
      return resetForm({
        ids: {
          form: this.#ids.resetForm,
          title: this.#ids.resetTitle,
          intro: this.#ids.resetIntro,
          email: this.#ids.resetEmail,
          submit: this.#ids.resetSubmit,
        },
        labels: {
          form: this.t('reset.title'),
          intro: this.t('reset.intro'),
          email: this.t('signIn.email'),
          submit: this.t(busy ? 'reset.submitting' : 'reset.submit'),
        },
        email: this.values.resetEmail,
        problem: this.#resetState.shows('email') ? this.#problemText(checkEmail(this.values.resetEmail)) : undefined,
        busy,
        blocked,
        submitDescribedBy: blocked ? this.#ids.countdown : undefined,
        onInput: (event) => this.#onInput('resetEmail', event),
        onBlur: () => this.#onBlur(this.#resetState, 'email'),
        onSubmit: this.#onResetSubmit,
      });
    }
    const blocked = this.#signInBlock.running;
    const busy = this.pending.has('sign-in');
    return signInForm({
      ids: this.#ids,
      labels: {
        form: this.t('signIn.title'),
        email: this.t('signIn.email'),
        password: this.t('signIn.password'),
        showPassword: this.t('signIn.showPassword'),
        showPasswordShort: this.t('signIn.showPassword.short'),
        forgot: this.t('signIn.forgot'),
        submit: this.t(busy ? 'signIn.submitting' : 'signIn.submit'),
      },
      values: this.values,
      problems: {
        email: this.#signInState.shows('email') ? this.#problemText(checkEmail(this.values.email)) : undefined,
        password: this.#signInState.shows('password') ? this.#problemText(checkPassword(this.values.password)) : undefined,
      },
      showPassword: this.showPassword,
      busy,
      blocked,
      submitDescribedBy: blocked ? this.#ids.countdown : undefined,
      onInput: (field, event) => this.#onInput(field, event),
      onBlur: (field) => this.#onBlur(this.#signInState, field),
      onSubmit: this.#onSignInSubmit,
      onTogglePassword: () => (this.showPassword = !this.showPassword),
      onForgot: this.#onForgot,
    });
  }

  #newPasswordView(): TemplateResult {
    const blocked = this.#newPasswordBlock.running;
    const busy = this.pending.has('new-password');
    const policy = this.#passwordPolicy;
    const emailProblem =
      this.newPasswordUsername === null && this.#newPasswordState.shows('email') ? this.#problemText(checkEmail(this.values.email)) : undefined;
    return newPasswordForm({
      ids: {
        form: this.#ids.newPasswordForm,
        title: this.#ids.newPasswordTitle,
        intro: this.#ids.newPasswordIntro,
        email: this.#ids.newPasswordEmail,
        username: this.#ids.newPasswordUsername,
        password: this.#ids.newPassword,
        submit: this.#ids.newPasswordSubmit,
      },
      labels: {
        form: this.t('newPassword.title'),
        intro: this.t('newPassword.intro'),
        email: this.t('signIn.email'),
        password: this.t('newPassword.password'),
        hint: policy ? this.t('newPassword.hint', { min: policy.minLength }) : undefined,
        showPassword: this.t('signIn.showPassword'),
        showPasswordShort: this.t('signIn.showPassword.short'),
        submit: this.t(busy ? 'newPassword.submitting' : 'newPassword.submit'),
      },
      username: this.newPasswordUsername,
      values: { email: this.values.email, password: this.values.newPassword },
      problems: { email: emailProblem, password: this.#newPasswordProblemText() },
      showPassword: this.showPassword,
      busy,
      blocked,
      submitDescribedBy: blocked ? this.#ids.countdown : undefined,
      onInput: (field, event) => this.#onNewPasswordInput(field, event),
      onBlur: (field) => this.#onBlur(this.#newPasswordState, field),
      onSubmit: this.#onNewPasswordSubmit,
      onTogglePassword: () => (this.showPassword = !this.showPassword),
    });
  }

  #confirmResendView(): TemplateResult {
    const busy = this.pending.has('resend');
    return resetForm({
      ids: {
        form: this.#ids.resendForm,
        title: this.#ids.resendTitle,
        intro: this.#ids.resendIntro,
        email: this.#ids.resendEmail,
        submit: this.#ids.resendSubmit,
      },
      labels: {
        form: this.t('confirm.resend.title'),
        intro: this.t('confirm.resend.intro'),
        email: this.t('signIn.email'),
        submit: this.t(busy ? 'reset.submitting' : 'signIn.resend'),
      },
      email: this.values.resendEmail,
      problem: this.#resendState.shows('email') ? this.#problemText(checkEmail(this.values.resendEmail)) : undefined,
      // Why a new link is needed, read with the field.
      emailDescribedBy: this.alertMessage ? this.#ids.alert : undefined,
      busy,
      blocked: this.#resendCooldown.running,
      submitDescribedBy: this.#resendCooldown.running ? this.#ids.countdown : undefined,
      onInput: (event) => this.#onInput('resendEmail', event),
      onBlur: () => this.#onBlur(this.#resendState, 'email'),
      onSubmit: this.#onResendNewLinkSubmit,
    });
  }

  /**
   * The two live regions stay in the DOM whatever the view, so that a message appearing in them
   * is announced: errors in `role=alert`, confirmations in `role=status`. `forms`: whether the
   * element shows a form (not while signed in or while a confirmation link is confirmed).
   */
  #notices(signedIn: boolean, forms: boolean): TemplateResult {
    const user = this.account?.user;
    const confirmation = this.account?.emailConfirmation;
    const alert = this.#text(this.alertMessage);
    const status = this.#confirming
      ? this.t('confirm.confirming')
      : signedIn && user && !this.#settingPassword
        ? confirmation?.state === 'confirmed' && confirmation.user.id === user.id
          ? this.t('confirm.confirmed')
          : this.t('signIn.signedIn', { email: user.email })
        : this.#text(this.statusMessage);
    const block = this.#blockOf(this.view);
    return html`
      <div class="ks-sign-in__notice ks-sign-in__notice--error" id=${this.#ids.alert} role="alert" tabindex="-1">${alert || nothing}</div>
      <div class="ks-sign-in__notice" id=${this.#ids.status} role="status" tabindex="-1">${status || nothing}</div>
      ${forms && block?.running
        ? html`<p class="ks-sign-in__hint" id=${this.#ids.countdown}>
            ${this.t(this.view === 'confirm-resend' ? 'signIn.resendIn' : 'signIn.retryIn', { count: block.remaining })}
          </p>`
        : nothing}
      ${forms ? this.#actions() : nothing}
    `;
  }

  #actions(): TemplateResult | typeof nothing {
    if (this.action === 'retry' || this.action === 'retry-confirmation') {
      return html`<p class="ks-sign-in__actions">
        <button
          type="button"
          class="ks-sign-in__secondary"
          id=${this.#ids.action}
          @click=${this.action === 'retry' ? this.#onRetry : this.#onRetryConfirmation}
        >
          ${this.t('signIn.retry')}
        </button>
      </p>`;
    }
    if (this.action === 'request-link') {
      return html`<p class="ks-sign-in__actions">
        <button type="button" class="ks-sign-in__secondary" id=${this.#ids.action} @click=${this.#onForgot}>
          ${this.t('newPassword.requestLink')}
        </button>
      </p>`;
    }
    if (this.action === 'resend' && this.view === 'sign-in') {
      const cooling = this.#resendCooldown.running;
      return html`<div class="ks-sign-in__actions">
        <button
          type="button"
          class="ks-sign-in__secondary"
          id=${this.#ids.resend}
          aria-disabled=${cooling || this.pending.has('resend') ? 'true' : 'false'}
          aria-describedby=${cooling ? this.#ids.resendHint : nothing}
          @click=${this.#onResend}
        >
          ${this.t('signIn.resend')}
        </button>
        ${cooling
          ? html`<p class="ks-sign-in__hint" id=${this.#ids.resendHint}>
              ${this.t('signIn.resendIn', { count: this.#resendCooldown.remaining })}
            </p>`
          : nothing}
      </div>`;
    }
    return nothing;
  }

  #footer(): TemplateResult {
    if (this.view !== 'sign-in') {
      return html`<p class="ks-sign-in__footer">
        <button type="button" class="ks-sign-in__link" id=${this.#ids.back} @click=${this.#onBack}>${this.t('reset.back')}</button>
      </p>`;
    }
    const href = this.#registerHref;
    const label = this.t('signIn.register');
    return html`<p class="ks-sign-in__footer">
      ${this.t('signIn.noAccount')}
      ${href
        ? html`<a class="ks-sign-in__link" href=${href} @click=${this.#onRegisterClick}>${label}</a>`
        : html`<button type="button" class="ks-sign-in__link" @click=${() => this.navigate('register', undefined)}>${label}</button>`}
    </p>`;
  }

  // ——— user actions ———

  #onInput(field: SignInField | 'resetEmail' | 'resendEmail', event: InputEvent): void {
    const value = (event.target as HTMLInputElement).value;
    if (field === 'resetEmail') this.#resetState.change('email');
    else if (field === 'resendEmail') this.#resendState.change('email');
    else this.#signInState.change(field);
    this.values = { ...this.values, [field]: value };
  }

  /** The new-password form's address is the sign-in form's too: it is prefilled there afterwards. */
  #onNewPasswordInput(field: NewPasswordField, event: InputEvent): void {
    const value = (event.target as HTMLInputElement).value;
    this.#newPasswordState.change(field);
    if (field === 'password') {
      this.refusedPassword = null;
      this.values = { ...this.values, newPassword: value };
    } else {
      this.#signInState.change('email');
      this.values = { ...this.values, email: value };
    }
  }

  #onBlur<F extends string>(interaction: InteractionState<F>, field: F): void {
    interaction.touch(field);
    // Chromium also blurs a focused input while a render removes it; that render needs no other.
    if (!this.#rendering) this.requestUpdate();
  }

  readonly #onSignInSubmit = (event: SubmitEvent): void => {
    event.preventDefault();
    void this.#signIn();
  };

  readonly #onResetSubmit = (event: SubmitEvent): void => {
    event.preventDefault();
    void this.#requestReset();
  };

  readonly #onNewPasswordSubmit = (event: SubmitEvent): void => {
    event.preventDefault();
    void this.#setNewPassword();
  };

  readonly #onResendNewLinkSubmit = (event: SubmitEvent): void => {
    event.preventDefault();
    void this.#resendNewLink();
  };

  readonly #onRetryConfirmation = (): void => {
    // The button goes away while the link is confirmed; focus goes to the status that says so.
    this.#clearMessages();
    void this.store?.retryEmailConfirmation();
  };

  readonly #onRetry = (): void => {
    // The retry button goes away while the request runs: keep focus on the button that is busy.
    if (this.view === 'reset') {
      this.#focusTarget = this.#ids.resetSubmit;
      void this.#requestReset();
    } else if (this.view === 'new-password') {
      this.#focusTarget = this.#ids.newPasswordSubmit;
      void this.#setNewPassword();
    } else {
      this.#focusTarget = this.#ids.submit;
      void this.#signIn();
    }
  };

  readonly #onForgot = (): void => {
    this.#readInputs();
    this.#resetState.reset();
    this.#clearMessages();
    this.values = { ...this.values, resetEmail: this.values.email };
    this.view = 'reset';
    this.#focusTarget = this.#ids.resetEmail;
  };

  readonly #onBack = (): void => {
    this.#readInputs();
    const from = this.view;
    const typed =
      from === 'reset' && this.#resetState.isDirty('email')
        ? this.values.resetEmail
        : from === 'confirm-resend' && this.#resendState.isDirty('email')
          ? this.values.resendEmail
          : null;
    if (typed !== null) {
      this.#signInState.change('email');
      this.values = { ...this.values, email: typed };
    }
    // Going back gives up a reset link; the link in the mail still works until it expires.
    this.#resetToken = null;
    this.newPasswordUsername = null;
    this.#signInState.submitted = false;
    this.#clearMessages();
    this.view = 'sign-in';
    // Back where the user left the sign-in form, or at its first field.
    this.#focusTarget = from === 'reset' || from === 'reset-sent' ? this.#ids.forgot : this.#ids.email;
  };

  readonly #onRegisterClick = (event: MouseEvent): void => {
    // Let the browser open a new tab or window as asked; a plain click may be routed by the host.
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    this.navigate('register', this.#registerHref);
  };

  readonly #onResend = (): void => {
    void this.#resend();
  };

  // ——— requests ———

  async #signIn(): Promise<void> {
    if (!this.store || this.pending.has('sign-in') || this.#signInBlock.running) return;
    this.#readInputs();
    this.#signInState.submitted = true;
    const { email, password } = this.values;
    const invalid = checkEmail(email) ? this.#ids.email : checkPassword(password) ? this.#ids.password : null;
    if (invalid) {
      this.#clearMessages();
      this.#focusTarget = invalid;
      this.requestUpdate();
      return;
    }
    const credentials = { email: email.trim(), password };
    // Browsers offer to save a password only from a password field.
    this.showPassword = false;
    const result = await this.#run('sign-in', () => this.store!.signIn(credentials));
    if (result.ok) {
      this.values = { ...this.values, password: '' };
      this.#signInState.reset();
      this.emit('ks-signed-in', { user: result.value });
      this.#followRedirect();
    } else {
      this.#showFailure(result.error, this.#signInBlock, credentials.email);
    }
  }

  async #requestReset(): Promise<void> {
    if (!this.store || this.pending.has('reset') || this.#resetBlock.running) return;
    this.#readInputs();
    this.#resetState.submitted = true;
    if (checkEmail(this.values.resetEmail)) {
      this.#clearMessages();
      this.#focusTarget = this.#ids.resetEmail;
      this.requestUpdate();
      return;
    }
    const email = this.values.resetEmail.trim();
    const result = await this.#run('reset', () => this.store!.requestPasswordReset(email));
    if (result.ok) {
      // The same answer whether or not an account exists: the backend reveals nothing, nor do we.
      this.statusMessage = { id: 'reset.sent', params: { email } };
      this.view = 'reset-sent';
    } else {
      this.#showFailure(result.error, this.#resetBlock, email);
    }
  }

  async #resend(email = this.unconfirmedEmail): Promise<boolean> {
    if (!this.store || this.pending.has('resend') || this.#resendCooldown.running) return false;
    // The cooldown starts with the click, so that a second click cannot send a second mail.
    this.#resendCooldown.start(RESEND_COOLDOWN_SECONDS);
    this.statusMessage = null;
    this.pending = new Set([...this.pending, 'resend']);
    const result = await this.store.resendConfirmation(email);
    this.pending = new Set([...this.pending].filter((request) => request !== 'resend'));
    if (result.ok) {
      this.statusMessage = { id: 'signIn.resent', params: { email } };
      return true;
    }
    const failure = failureOf(result.error);
    if (failure.kind === 'rate-limited') {
      this.#resendCooldown.start(Math.max(RESEND_COOLDOWN_SECONDS, failure.seconds));
      this.alertMessage = { id: 'signIn.tooMany' };
    } else {
      this.#resendCooldown.stop();
      if (failure.kind === 'failed') this.alertMessage = { id: failure.message };
    }
    return false;
  }

  /** After a broken confirmation link: a new link to the address the user typed. */
  async #resendNewLink(): Promise<void> {
    if (!this.store || this.pending.has('resend') || this.#resendCooldown.running) return;
    this.#readInputs();
    this.#resendState.submitted = true;
    if (checkEmail(this.values.resendEmail)) {
      // The alert saying why a new link is needed stays.
      this.#focusTarget = this.#ids.resendEmail;
      this.requestUpdate();
      return;
    }
    this.alertMessage = null;
    if (await this.#resend(this.values.resendEmail.trim())) this.view = 'confirm-sent';
  }

  /** "Neues Kennwort festlegen": checks the password, then sets it with the reset link's token. */
  async #setNewPassword(): Promise<void> {
    const token = this.#resetToken;
    if (!this.store || token === null || this.pending.has('new-password') || this.#newPasswordBlock.running) return;
    this.#readInputs();
    this.#newPasswordState.submitted = true;
    this.refusedPassword = null;
    const needsEmail = this.newPasswordUsername === null;
    const invalid =
      needsEmail && checkEmail(this.values.email)
        ? this.#ids.newPasswordEmail
        : this.#newPasswordProblemText()
          ? this.#ids.newPassword
          : null;
    if (invalid) {
      this.#clearMessages();
      this.#focusTarget = invalid;
      this.requestUpdate();
      return;
    }
    const password = this.values.newPassword;
    const email = this.newPasswordUsername ?? this.values.email.trim();
    // Browsers offer to save a password only from a password field.
    this.showPassword = false;
    const result = await this.#run('new-password', () => this.store!.completePasswordReset(token, password));
    if (result.ok) {
      // The backend signs nobody in: the user signs in with the new password, prefilled address.
      this.#resetToken = null;
      this.newPasswordUsername = null;
      this.#signInState.reset();
      this.#signInState.change('email');
      this.values = { ...this.values, email, password: '', newPassword: '' };
      this.statusMessage = { id: 'newPassword.changed' };
      this.view = 'sign-in';
      this.#focusTarget = email === '' ? this.#ids.email : this.#ids.password;
      return;
    }
    const { error } = result;
    if (error.code !== 'validation') {
      this.#showFailure(error, this.#newPasswordBlock, email);
      return;
    }
    const fieldErrors = error.fieldErrors ?? [];
    if (fieldErrors.some((each) => each.field === 'token')) {
      // Used, expired or broken: only a new link helps. The form goes; focus goes to the alert.
      this.#resetToken = null;
      if (this.newPasswordUsername) this.values = { ...this.values, email: this.newPasswordUsername };
      this.alertMessage = { id: 'newPassword.linkInvalid' };
      this.action = 'request-link';
      this.view = 'reset-link-invalid';
      return;
    }
    // The policy refused the password; the link still works for another one.
    this.refusedPassword = fieldErrors.find((each) => each.field === 'password')?.code ?? 'invalid';
    this.#focusTarget = this.#ids.newPassword;
  }

  /** Marks `request` as in flight around `call`, clearing the previous outcome first. */
  async #run<T>(request: Request, call: () => Promise<T>): Promise<T> {
    this.#clearMessages();
    this.pending = new Set([...this.pending, request]);
    try {
      return await call();
    } finally {
      this.pending = new Set([...this.pending].filter((each) => each !== request));
    }
  }

  #showFailure(error: BackendError, block: CountdownController, email: string): void {
    const failure = failureOf(error);
    switch (failure.kind) {
      case 'ignored':
        return;
      case 'not-confirmed':
        this.alertMessage = { id: 'error.email-not-confirmed' };
        this.action = 'resend';
        this.unconfirmedEmail = email;
        return;
      case 'rate-limited':
        block.start(failure.seconds);
        this.alertMessage = { id: 'signIn.tooMany' };
        return;
      case 'failed':
        this.alertMessage = { id: failure.message };
        this.action = failure.retry ? 'retry' : null;
    }
  }

  #followRedirect(): void {
    if (!this.redirect) return;
    const href = toSafeUrl(this.redirect);
    if (href) this.navigate('redirect', href);
    else console.warn(`keyshelf: <ks-sign-in> ignores redirect "${this.redirect}": use a same-origin path or an https: URL.`);
  }

  // ——— helpers ———

  /** The new password's problem to show now: the backend's refusal, else the check before submit. */
  #newPasswordProblemText(): string | undefined {
    const policy = this.#passwordPolicy;
    const code =
      this.refusedPassword ??
      (this.#newPasswordState.shows('password')
        ? checkNewPassword(this.values.newPassword, policy, this.newPasswordUsername ?? this.values.email)
        : undefined);
    if (code === undefined) return undefined;
    const message = passwordProblemMessage(code, policy);
    return this.t(message.id, message.params);
  }

  #blockOf(view: View): CountdownController | null {
    switch (view) {
      case 'sign-in':
        return this.#signInBlock;
      case 'reset':
        return this.#resetBlock;
      case 'new-password':
        return this.#newPasswordBlock;
      case 'confirm-resend':
        return this.#resendCooldown;
      default:
        return null;
    }
  }

  get #registerHref(): string | undefined {
    return this.registerHref || this.account?.settings.links.register || undefined;
  }

  /** Announces the end of a rate limit once, in the view it belongs to. */
  #noticeBlockEnd(which: 'signIn' | 'reset' | 'newPassword', block: CountdownController, view: View): void {
    const blocked = block.running;
    if (this.#blockedBefore[which] && !blocked && this.view === view) {
      if (this.alertMessage?.id === 'signIn.tooMany') this.alertMessage = null;
      this.statusMessage = { id: 'signIn.retryNow' };
    }
    this.#blockedBefore[which] = blocked;
  }

  #clearMessages(): void {
    this.alertMessage = null;
    this.statusMessage = null;
    this.action = null;
  }

  /** Takes what the inputs hold: a password manager may fill them without an input event. */
  #readInputs(): void {
    const read = (id: string, fallback: string) => (this.#byId(id) as HTMLInputElement | null)?.value ?? fallback;
    const { email, password, resetEmail, resendEmail, newPassword } = this.values;
    switch (this.view) {
      case 'reset':
        this.values = { ...this.values, resetEmail: read(this.#ids.resetEmail, resetEmail) };
        return;
      case 'confirm-resend':
        this.values = { ...this.values, resendEmail: read(this.#ids.resendEmail, resendEmail) };
        return;
      case 'new-password':
        this.values = { ...this.values, email: read(this.#ids.newPasswordEmail, email), newPassword: read(this.#ids.newPassword, newPassword) };
        return;
      case 'sign-in':
        this.values = { ...this.values, email: read(this.#ids.email, email), password: read(this.#ids.password, password) };
        return;
      default:
    }
  }

  #problemText(problem: ReturnType<typeof checkEmail>): string | undefined {
    return problem ? this.t(`signIn.${problem}`) : undefined;
  }

  #text(message: Message | null | undefined): string {
    if (!message) return '';
    const text = this.t(message.id, message.params);
    return message.then ? `${text} ${this.#text(message.then)}` : text;
  }

  #byId(id: string): HTMLElement | null {
    return this.querySelector<HTMLElement>(`#${CSS.escape(id)}`);
  }

  #containsFocus(): boolean {
    const root = this.getRootNode() as Document | ShadowRoot;
    const active = root.activeElement;
    return active !== null && active !== this && this.contains(active);
  }

  #focusFallback(): HTMLElement | null {
    for (const id of [this.#ids.status, this.#ids.alert]) {
      const region = this.#byId(id);
      if (region?.textContent?.trim()) return region;
    }
    return this.querySelector<HTMLElement>('input, button');
  }

  #setState(name: string, on: boolean): void {
    const states = this.#internals.states;
    if (on) states.add(name);
    else states.delete(name);
  }
}
