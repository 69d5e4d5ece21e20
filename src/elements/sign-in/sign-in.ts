import { adoptStyles, type LitElement, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { baseStyles } from '../../core/base-styles.js';
import type { BackendError } from '../../core/errors.js';
import { isModifiedClick } from '../../core/events.js';
import { KsElement } from '../../core/ks-element.js';
import { adoptLightDomStyles } from '../../core/light-dom-styles.js';
import { toSafeUrl } from '../../core/safe-url.js';
import type { PasswordPolicy } from '../../core/schemas.js';
import type { AccountStore, EmailConfirmation } from '../../core/store.js';
import { FocusController } from '../../ui/focus.js';
import { signInIds } from './ids.js';
import type { NewPasswordField } from './new-password-form.js';
import { checkNewPassword } from './new-password-rules.js';
import { failureOf } from './outcome.js';
import { RequestState } from './request-state.js';
import type { SignInField } from './sign-in-form.js';
import { type SignInMessageId, signInMessages } from './sign-in.messages.js';
import { hostStyles, lightDomStyles } from './sign-in.styles.js';
import { type Action, type Fields, type Message, type Requests, type SignInView, type Values, requestOf } from './state.js';
import { InteractionState, checkEmail, checkPassword } from './validation.js';
import { type SignInHandlers, readInputs, signInView } from './view.js';

/** The confirmation e-mail can be sent again only this many seconds after the last time. */
export const RESEND_COOLDOWN_SECONDS = 30;

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
 * A reset link does not tell whose account it is for. When the user is signed in, the form assumes
 * the signed-in account (its address goes along, hidden, for the password manager), says so ("Ihr
 * Browser ordnet das neue Kennwort … zu") and offers "Andere E-Mail-Adresse angeben" for a link
 * that went to another account (a shared computer), so the password manager files the new
 * password under the address the user confirms. The backend ends the sessions of the account whose
 * password changed: if that was the signed-in one, the sign-in form follows, with the address
 * prefilled and focus on the password; if not, the user stays signed in and is told so.
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

  /**
   * What the element shows now. Read-only: it follows the user's actions and the e-mail links, and
   * its changes fire no event (read it in a `ks-*` event handler, or after `updateComplete`).
   * - `'sign-in'`: the sign-in form; while the user is signed in (or a confirmation link is being
   *   confirmed), only the message saying so.
   * - `'reset'`: "Passwort vergessen?", the form asking where to send a reset link.
   * - `'reset-sent'`: the message that the reset link is on its way.
   * - `'new-password'`: "Neues Kennwort festlegen", after a reset link (also while signed in).
   * - `'reset-link-invalid'`: that reset link is used up or broken; offers a new one.
   * - `'confirm-resend'`: after a broken confirmation link, the form asking where to send a new one.
   * - `'confirm-sent'`: the message that the new confirmation link is on its way.
   */
  get view(): SignInView {
    return this.currentView;
  }

  @state() private currentView: SignInView = 'sign-in';
  @state() private values: Values = { email: '', password: '', resetEmail: '', resendEmail: '', newPassword: '' };
  @state() private showPassword = false;
  @state() private alertMessage: Message | null = null;
  @state() private statusMessage: Message | null = null;
  /** What the user can do about the alert: send the same again, resend the confirmation, … */
  @state() private action: Action | null = null;
  @state() private unconfirmedEmail = '';
  /** The account's address on the new-password form, when the page knows it; else the user types it. */
  @state() private newPasswordUsername: string | null = null;
  /** Why the backend refused the new password (a field error code), until the user changes it. */
  @state() private refusedPassword: string | null = null;

  readonly #ids = signInIds();
  readonly #fields: Fields = {
    signIn: new InteractionState(),
    reset: new InteractionState(),
    resend: new InteractionState(),
    newPassword: new InteractionState(),
  };
  readonly #requests: Requests = {
    signIn: new RequestState(this),
    reset: new RequestState(this),
    newPassword: new RequestState(this),
    resend: new RequestState(this),
  };
  readonly #focus = new FocusController(this, { messages: [this.#ids.status, this.#ids.alert], controls: ['input, button'] });
  /** The token of the reset link this form took, in memory only, until it is used or dead. */
  #resetToken: string | null = null;
  /** The store's confirmation outcome this form has answered. */
  #seenConfirmation: EmailConfirmation | undefined;
  #signedInBefore = false;
  /**
   * A signed-in user set a new password: `waiting` for the session read that tells whether that
   * ended the session (the link was for this account); `other-account` when it did not.
   */
  #changedWhileSignedIn: 'waiting' | 'other-account' | null = null;

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
    // A reset link waits: the new-password form needs the password policy (its minimum length).
    if (store.snapshot.passwordResetPending) void store.ensureRegistrationOptions();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('email') && this.email !== undefined && !this.#fields.signIn.isDirty('email')) {
      this.values = { ...this.values, email: this.email };
    }
    this.#followEmailLinks();
    const signedIn = this.account?.status === 'signed-in';
    if (signedIn && !this.#signedInBefore && !this.#settingPassword) {
      // However the session arrived, what this form said before no longer applies.
      this.#clearMessages();
      this.currentView = 'sign-in';
    }
    this.#noticeSessionAfterNewPassword(signedIn);
    this.#signedInBefore = signedIn;
    this.#noticeUnblocked();
  }

  protected override updated(): void {
    this.setState('busy', Object.values(this.#requests).some((request) => request.busy) || this.#confirming);
    this.setState('blocked', requestOf(this.currentView, this.#requests)?.blocked ?? false);
  }

  protected override render(): TemplateResult {
    const signedIn = this.account?.status === 'signed-in' && this.account.user !== null;
    return signInView({
      t: (id, params) => this.t(id, params),
      ids: this.#ids,
      view: this.currentView,
      // A signed-in user who followed a reset link still sets the new password here.
      forms: this.#settingPassword || (!signedIn && !this.#confirming),
      values: this.values,
      showPassword: this.showPassword,
      alert: this.alertMessage,
      status: this.#status(signedIn),
      action: this.action,
      requests: this.#requests,
      fields: this.#fields,
      newPasswordUsername: this.newPasswordUsername,
      newPasswordUsernameAssumed: signedIn && this.newPasswordUsername === this.account?.user?.email,
      refusedPassword: this.refusedPassword,
      passwordPolicy: this.#passwordPolicy,
      registerHref: this.linkHref('register'),
      on: this.#on,
    });
  }

  // ——— e-mail links ———

  get #confirming(): boolean {
    return this.account?.emailConfirmation.state === 'confirming';
  }

  get #settingPassword(): boolean {
    return this.currentView === 'new-password' || this.currentView === 'reset-link-invalid';
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
    this.#changedWhileSignedIn = null;
    const known = this.account?.user?.email ?? this.values.email.trim();
    this.newPasswordUsername = known === '' ? null : known;
    this.values = { ...this.values, newPassword: '' };
    this.#fields.newPassword.reset();
    this.refusedPassword = null;
    this.showPassword = false;
    this.#clearMessages();
    this.currentView = 'new-password';
    // The minimum length, for the hint and the check before submit (usually asked for already, in
    // storeConnected; a link handed to the store later is answered here, not from inside this update).
    void Promise.resolve().then(() => store.ensureRegistrationOptions());
  }

  #showConfirmation(confirmation: EmailConfirmation): void {
    // Signed in, the outcome is in the status; a new password being set is not interrupted.
    if (this.account?.status === 'signed-in' || this.#settingPassword) return;
    if (confirmation.state === 'confirming') {
      this.#clearMessages();
    } else if (confirmation.state === 'failed' && confirmation.retryable) {
      const failure = failureOf(confirmation.error);
      const reason: Message | undefined =
        failure.kind === 'rate-limited' ? { id: 'common.tooMany' } : failure.kind === 'failed' ? { id: failure.message } : undefined;
      this.alertMessage = reason ? { id: 'confirm.failed', then: reason } : { id: 'confirm.failed' };
      this.action = 'retry-confirmation';
    } else if (confirmation.state === 'failed') {
      // The link is used up or broken: a new one needs the address, which the link did not tell.
      this.#fields.resend.reset();
      this.values = { ...this.values, resendEmail: this.values.email };
      this.statusMessage = null;
      this.alertMessage = { id: 'confirm.invalid' };
      this.action = null;
      this.currentView = 'confirm-resend';
    }
  }

  // ——— user actions ———

  readonly #on: SignInHandlers = {
    input: (field, event) => this.#onInput(field, event),
    newPasswordInput: (field, event) => this.#onNewPasswordInput(field, event),
    blur: (fields, field) => {
      fields.touch(field);
      // Chromium also blurs a focused input while a render removes it; that render needs no other.
      if (!this.isRendering) this.requestUpdate();
    },
    signIn: () => void this.#signIn(),
    requestReset: () => void this.#requestReset(),
    resendNewLink: () => void this.#resendNewLink(),
    setNewPassword: () => void this.#setNewPassword(),
    otherAddress: () => this.#onOtherAddress(),
    togglePassword: () => (this.showPassword = !this.showPassword),
    forgot: () => this.#onForgot(),
    back: () => this.#onBack(),
    retry: () => this.#onRetry(),
    retryConfirmation: () => {
      // The button goes away while the link is confirmed; focus goes to the status that says so.
      this.#clearMessages();
      void this.store?.retryEmailConfirmation();
    },
    resend: () => void this.#resend(),
    registerLink: (event) => {
      // Let the browser open a new tab or window as asked; a plain click may be routed by the host.
      if (isModifiedClick(event)) return;
      event.preventDefault();
      this.navigate('register', this.linkHref('register'));
    },
    register: () => this.navigate('register', undefined),
  };

  #onInput(field: SignInField | 'resetEmail' | 'resendEmail', event: InputEvent): void {
    const value = (event.target as HTMLInputElement).value;
    if (field === 'resetEmail') this.#fields.reset.change('email');
    else if (field === 'resendEmail') this.#fields.resend.change('email');
    else this.#fields.signIn.change(field);
    this.values = { ...this.values, [field]: value };
  }

  /** The new-password form's address is the sign-in form's too: it is prefilled there afterwards. */
  #onNewPasswordInput(field: NewPasswordField, event: InputEvent): void {
    const value = (event.target as HTMLInputElement).value;
    this.#fields.newPassword.change(field);
    if (field === 'password') {
      this.refusedPassword = null;
      this.values = { ...this.values, newPassword: value };
    } else {
      this.#fields.signIn.change('email');
      this.values = { ...this.values, email: value };
    }
  }

  #onRetry(): void {
    // The retry button goes away while the request runs: keep focus on the button that is busy.
    if (this.currentView === 'reset') {
      this.#focus.focusAfterUpdate(this.#ids.reset.submit);
      void this.#requestReset();
    } else if (this.currentView === 'new-password') {
      this.#focus.focusAfterUpdate(this.#ids.newPassword.submit);
      void this.#setNewPassword();
    } else {
      this.#focus.focusAfterUpdate(this.#ids.signIn.submit);
      void this.#signIn();
    }
  }

  /**
   * The reset link went to another address than the signed-in user's, which the form assumed: the
   * user types it, so that the password manager files the new password under the right account.
   */
  #onOtherAddress(): void {
    this.#readInputs();
    this.newPasswordUsername = null;
    // The address typed here is the sign-in form's too (for afterwards); `email` must not refill it.
    this.#fields.signIn.change('email');
    this.values = { ...this.values, email: '' };
    this.#focus.focusAfterUpdate(this.#ids.newPassword.email);
  }

  #onForgot(): void {
    this.#readInputs();
    this.#fields.reset.reset();
    this.#clearMessages();
    this.values = { ...this.values, resetEmail: this.values.email };
    this.currentView = 'reset';
    this.#focus.focusAfterUpdate(this.#ids.reset.email);
  }

  #onBack(): void {
    this.#readInputs();
    const from = this.currentView;
    const typed =
      from === 'reset' && this.#fields.reset.isDirty('email')
        ? this.values.resetEmail
        : from === 'confirm-resend' && this.#fields.resend.isDirty('email')
          ? this.values.resendEmail
          : null;
    if (typed !== null) {
      this.#fields.signIn.change('email');
      this.values = { ...this.values, email: typed };
    }
    // Going back gives up a reset link; the link in the mail still works until it expires.
    this.#resetToken = null;
    this.newPasswordUsername = null;
    this.#fields.signIn.submitted = false;
    this.#clearMessages();
    this.currentView = 'sign-in';
    // Back where the user left the sign-in form, or at its first field.
    const ids = this.#ids.signIn;
    this.#focus.focusAfterUpdate(from === 'reset' || from === 'reset-sent' ? ids.forgot : ids.email);
  }

  // ——— requests ———

  async #signIn(): Promise<void> {
    const request = this.#requests.signIn;
    if (!this.store || !request.ready) return;
    this.#readInputs();
    this.#fields.signIn.submitted = true;
    const { email, password } = this.values;
    const ids = this.#ids.signIn;
    const invalid = checkEmail(email) ? ids.email : checkPassword(password) ? ids.password : null;
    if (invalid) {
      this.#clearMessages();
      this.#focusProblem(invalid);
      return;
    }
    const credentials = { email: email.trim(), password };
    // Browsers offer to save a password only from a password field.
    this.showPassword = false;
    const result = await this.#send(request, () => this.store!.signIn(credentials));
    if (result.ok) {
      this.values = { ...this.values, password: '' };
      this.#fields.signIn.reset();
      this.emit('ks-signed-in', { user: result.value });
      this.#followRedirect();
    } else {
      this.#showFailure(result.error, request, credentials.email);
    }
  }

  async #requestReset(): Promise<void> {
    const request = this.#requests.reset;
    if (!this.store || !request.ready) return;
    this.#readInputs();
    this.#fields.reset.submitted = true;
    if (checkEmail(this.values.resetEmail)) {
      this.#clearMessages();
      this.#focusProblem(this.#ids.reset.email);
      return;
    }
    const email = this.values.resetEmail.trim();
    const result = await this.#send(request, () => this.store!.requestPasswordReset(email));
    if (result.ok) {
      // The same answer whether or not an account exists: the backend reveals nothing, nor do we.
      this.statusMessage = { id: 'reset.sent', params: { email } };
      this.currentView = 'reset-sent';
    } else {
      this.#showFailure(result.error, request, email);
    }
  }

  async #resend(email = this.unconfirmedEmail): Promise<boolean> {
    const request = this.#requests.resend;
    if (!this.store || !request.ready) return false;
    // The cooldown starts with the click, so that a second click cannot send a second mail.
    request.block(RESEND_COOLDOWN_SECONDS);
    this.statusMessage = null;
    const result = await request.run(() => this.store!.resendConfirmation(email));
    if (result.ok) {
      this.statusMessage = { id: 'signIn.resent', params: { email } };
      return true;
    }
    const failure = failureOf(result.error);
    if (failure.kind === 'rate-limited') {
      request.block(Math.max(RESEND_COOLDOWN_SECONDS, failure.seconds));
      this.alertMessage = { id: 'common.tooMany' };
    } else {
      request.unblock();
      if (failure.kind === 'failed') this.alertMessage = { id: failure.message };
    }
    return false;
  }

  /** After a broken confirmation link: a new link to the address the user typed. */
  async #resendNewLink(): Promise<void> {
    if (!this.store || !this.#requests.resend.ready) return;
    this.#readInputs();
    this.#fields.resend.submitted = true;
    if (checkEmail(this.values.resendEmail)) {
      // The alert saying why a new link is needed stays.
      this.#focusProblem(this.#ids.resend.email);
      return;
    }
    this.alertMessage = null;
    if (await this.#resend(this.values.resendEmail.trim())) this.currentView = 'confirm-sent';
  }

  /** "Neues Kennwort festlegen": checks the password, then sets it with the reset link's token. */
  async #setNewPassword(): Promise<void> {
    const token = this.#resetToken;
    const request = this.#requests.newPassword;
    if (!this.store || token === null || !request.ready) return;
    this.#readInputs();
    this.#fields.newPassword.submitted = true;
    this.refusedPassword = null;
    const ids = this.#ids.newPassword;
    const { email: typed, newPassword: password } = this.values;
    const invalid =
      this.newPasswordUsername === null && checkEmail(typed)
        ? ids.email
        : checkNewPassword(password, this.#passwordPolicy, this.newPasswordUsername ?? typed)
          ? ids.password
          : null;
    if (invalid) {
      this.#clearMessages();
      this.#focusProblem(invalid);
      return;
    }
    const email = this.newPasswordUsername ?? typed.trim();
    // Browsers offer to save a password only from a password field.
    this.showPassword = false;
    const result = await this.#send(request, () => this.store!.completePasswordReset(token, password));
    if (result.ok) {
      // The backend signs nobody in: the user signs in with the new password, prefilled address.
      // A signed-in user's session ends too if the link was for this account; the sign-in form,
      // and focus on it, come once the session read says so (the message has focus meanwhile).
      this.#resetToken = null;
      this.newPasswordUsername = null;
      this.#fields.signIn.reset();
      this.#fields.signIn.change('email');
      this.values = { ...this.values, email, password: '', newPassword: '' };
      this.statusMessage = { id: 'newPassword.changed' };
      this.#changedWhileSignedIn = this.account?.status === 'signed-in' ? 'waiting' : null;
      this.currentView = 'sign-in';
      this.#focus.focusAfterUpdate(email === '' ? this.#ids.signIn.email : this.#ids.signIn.password);
      return;
    }
    const { error } = result;
    if (error.code !== 'validation') {
      this.#showFailure(error, request, email);
      return;
    }
    const fieldErrors = error.fieldErrors ?? [];
    if (fieldErrors.some((each) => each.field === 'token')) {
      // Used, expired or broken: only a new link helps. The form goes; focus goes to the alert.
      this.#resetToken = null;
      if (this.newPasswordUsername) this.values = { ...this.values, email: this.newPasswordUsername };
      this.alertMessage = { id: 'newPassword.linkInvalid' };
      this.action = 'request-link';
      this.currentView = 'reset-link-invalid';
      return;
    }
    // The policy refused the password; the link still works for another one.
    this.refusedPassword = fieldErrors.find((each) => each.field === 'password')?.code ?? 'invalid';
    this.#focus.focusAfterUpdate(ids.password);
  }

  /** Sends `request`, clearing the previous outcome first. */
  #send<T>(request: RequestState, call: () => Promise<T>): Promise<T> {
    this.#clearMessages();
    return request.run(call);
  }

  #showFailure(error: BackendError, request: RequestState, email: string): void {
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
        request.block(failure.seconds);
        this.alertMessage = { id: 'common.tooMany' };
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

  /** What the status region says: a confirmation link in progress, who is signed in, else the form's last outcome. */
  #status(signedIn: boolean): Message | null {
    const user = this.account?.user;
    const confirmation = this.account?.emailConfirmation;
    if (this.#confirming) return { id: 'confirm.confirming' };
    if (!signedIn || !user || this.#settingPassword || this.#changedWhileSignedIn) return this.statusMessage;
    return confirmation?.state === 'confirmed' && confirmation.user.id === user.id
      ? { id: 'confirm.confirmed' }
      : { id: 'signIn.signedIn', params: { email: user.email } };
  }

  get #passwordPolicy(): PasswordPolicy | undefined {
    const options = this.account?.registrationOptions;
    return options && 'data' in options ? options.data?.passwordPolicy : undefined;
  }

  /**
   * After a signed-in user set a new password: the session ended (the link was for this account),
   * and the sign-in form with the message comes; or the session read found it going on (the link
   * was for another account), which the message now says, the form staying away.
   */
  #noticeSessionAfterNewPassword(signedIn: boolean): void {
    const account = this.account;
    if (!this.#changedWhileSignedIn || !account) return;
    if (!signedIn) {
      // What was said about another account does not outlast its session.
      if (this.#changedWhileSignedIn === 'other-account') this.#clearMessages();
      this.#changedWhileSignedIn = null;
    } else if (this.#changedWhileSignedIn === 'waiting' && account.user && !account.busy.includes('session') && !account.sessionError) {
      this.#changedWhileSignedIn = 'other-account';
      this.statusMessage = { id: 'newPassword.changedOtherAccount', params: { email: account.user.email } };
      // The sign-in form is not coming: focus stays on the message.
      this.#focus.cancel();
    }
  }

  /** Announces the end of a rate limit once, in the view it belongs to. */
  #noticeUnblocked(): void {
    const { signIn, reset, newPassword } = this.#requests;
    for (const [request, view] of [[signIn, 'sign-in'], [reset, 'reset'], [newPassword, 'new-password']] as const) {
      if (request.unblockedSinceAsked() && this.currentView === view) {
        if (this.alertMessage?.id === 'common.tooMany') this.alertMessage = null;
        this.statusMessage = { id: 'common.retryNow' };
      }
    }
  }

  #clearMessages(): void {
    this.alertMessage = null;
    this.statusMessage = null;
    this.action = null;
  }

  #readInputs(): void {
    this.values = readInputs(this, this.#ids, this.currentView, this.values);
  }

  /** Shows the form's problems, with focus on `id`, the first field that has one. */
  #focusProblem(id: string): void {
    this.#focus.focusAfterUpdate(id);
    this.requestUpdate();
  }
}
