import { html, nothing, type TemplateResult } from 'lit';
import type { MessageId, MessageParams } from '../../core/localize.js';
import type { PasswordPolicy } from '../../core/schemas.js';
import type { CredentialField, CredentialFieldsOptions, SubmitOptions } from './fields.js';
import { byId } from '../../ui/focus.js';
import type { SignInIds } from './ids.js';
import { type NewPasswordField, newPasswordForm } from './new-password-form.js';
import { checkNewPassword, passwordProblemMessage } from './new-password-rules.js';
import type { RequestState } from './request-state.js';
import { type ResetFormOptions, resetForm } from './reset-form.js';
import { type SignInField, signInForm } from './sign-in-form.js';
import type { SignInMessageId } from './sign-in.messages.js';
import { type Action, type Fields, type Message, type Requests, type SignInView, type Values, requestOf } from './state.js';
import { type FieldProblem, type InteractionState, checkEmail, checkPassword } from './validation.js';

type Translate = (id: SignInMessageId | MessageId, params?: MessageParams) => string;

/** What the user does on the element's controls. */
export interface SignInHandlers {
  input(field: SignInField | 'resetEmail' | 'resendEmail', event: InputEvent): void;
  newPasswordInput(field: NewPasswordField, event: InputEvent): void;
  blur<F extends string>(fields: InteractionState<F>, field: F): void;
  signIn(): void;
  requestReset(): void;
  /** After a broken confirmation link: a new one to the address typed. */
  resendNewLink(): void;
  setNewPassword(): void;
  /** On the new-password form: the link went to another address than the one assumed. */
  otherAddress(): void;
  togglePassword(): void;
  forgot(): void;
  back(): void;
  retry(): void;
  retryConfirmation(): void;
  resend(): void;
  /** "Neues Konto erstellen" as a link (`registerHref` is set). */
  registerLink(event: MouseEvent): void;
  /** "Neues Konto erstellen" as a button (no `registerHref`). */
  register(): void;
}

/** Everything `<ks-sign-in>` shows, as its state says. */
export interface SignInViewModel {
  readonly t: Translate;
  readonly ids: SignInIds;
  readonly view: SignInView;
  /** Whether the view's form is shown (not while signed in, or while a confirmation link is confirmed). */
  readonly forms: boolean;
  readonly values: Values;
  readonly showPassword: boolean;
  readonly alert: Message | null;
  readonly status: Message | null;
  readonly action: Action | null;
  readonly requests: Requests;
  readonly fields: Fields;
  /** The account's address on the new-password form, when the page knows it; else the user types it. */
  readonly newPasswordUsername: string | null;
  /** That address is the signed-in user's: the link may have gone to another account. */
  readonly newPasswordUsernameAssumed: boolean;
  /** Why the backend refused the new password (a field error code). */
  readonly refusedPassword: string | null;
  readonly passwordPolicy: PasswordPolicy | undefined;
  readonly registerHref: string | undefined;
  readonly on: SignInHandlers;
}

export function signInView(m: SignInViewModel): TemplateResult {
  return html`${m.forms ? form(m) : nothing}${notices(m)}${m.forms ? footer(m) : nothing}`;
}

/** Takes what the view's inputs hold: a password manager may fill them without an input event. */
export function readInputs(root: ParentNode, ids: SignInIds, view: SignInView, values: Values): Values {
  const read = (id: string, fallback: string) => (byId(root, id) as HTMLInputElement | null)?.value ?? fallback;
  switch (view) {
    case 'reset':
      return { ...values, resetEmail: read(ids.reset.email, values.resetEmail) };
    case 'confirm-resend':
      return { ...values, resendEmail: read(ids.resend.email, values.resendEmail) };
    case 'new-password':
      return {
        ...values,
        email: read(ids.newPassword.email, values.email),
        newPassword: read(ids.newPassword.password, values.newPassword),
      };
    case 'sign-in':
      return { ...values, email: read(ids.signIn.email, values.email), password: read(ids.signIn.password, values.password) };
    default:
      return values;
  }
}

/** The form of the view; after a mail was sent, or a reset link turned out dead, only the message shows. */
function form(m: SignInViewModel): TemplateResult | typeof nothing {
  switch (m.view) {
    case 'sign-in':
      return signInFormView(m);
    case 'reset':
      return resetFormView(m);
    case 'new-password':
      return newPasswordFormView(m);
    case 'confirm-resend':
      return confirmResendFormView(m);
    default:
      return nothing;
  }
}

function signInFormView(m: SignInViewModel): TemplateResult {
  const { t, ids, values, fields, on } = m;
  const request = m.requests.signIn;
  return signInForm({
    ids: ids.signIn,
    labels: {
      form: t('signIn.title'),
      email: t('signIn.email'),
      password: t('signIn.password'),
      showPassword: t('signIn.showPassword'),
      showPasswordShort: t('signIn.showPassword.short'),
      forgot: t('signIn.forgot'),
      submit: t(request.busy ? 'signIn.submitting' : 'signIn.submit'),
    },
    values,
    problems: {
      email: fields.signIn.shows('email') ? problemText(t, checkEmail(values.email)) : undefined,
      password: fields.signIn.shows('password') ? problemText(t, checkPassword(values.password)) : undefined,
    },
    ...credentialInput(m, fields.signIn, on.input),
    ...submitting(m, request, on.signIn),
    onForgot: on.forgot,
  });
}

function resetFormView(m: SignInViewModel): TemplateResult {
  const { t } = m;
  return addressFormView(m, 'reset', {
    labels: { form: t('reset.title'), intro: t('reset.intro'), submit: t(m.requests.reset.busy ? 'reset.submitting' : 'reset.submit') },
    send: m.on.requestReset,
  });
}

function newPasswordFormView(m: SignInViewModel): TemplateResult {
  const { t, ids, values, fields, on, passwordPolicy: policy } = m;
  const request = m.requests.newPassword;
  const emailProblem =
    m.newPasswordUsername === null && fields.newPassword.shows('email') ? problemText(t, checkEmail(values.email)) : undefined;
  return newPasswordForm({
    ids: ids.newPassword,
    labels: {
      form: t('newPassword.title'),
      intro: t('newPassword.intro'),
      email: t('signIn.email'),
      password: t('newPassword.password'),
      hint: policy ? t('newPassword.hint', { min: policy.minLength }) : undefined,
      account: t('newPassword.account', { email: m.newPasswordUsername ?? '' }),
      otherAddress: t('newPassword.otherAddress'),
      showPassword: t('signIn.showPassword'),
      showPasswordShort: t('signIn.showPassword.short'),
      submit: t(request.busy ? 'newPassword.submitting' : 'newPassword.submit'),
    },
    username: m.newPasswordUsername,
    assumed: m.newPasswordUsernameAssumed,
    values: { email: values.email, password: values.newPassword },
    problems: { email: emailProblem, password: newPasswordProblemText(m) },
    ...credentialInput(m, fields.newPassword, on.newPasswordInput),
    ...submitting(m, request, on.setNewPassword),
    onOtherAddress: on.otherAddress,
  });
}

function confirmResendFormView(m: SignInViewModel): TemplateResult {
  const { t } = m;
  return addressFormView(m, 'resend', {
    labels: {
      form: t('confirm.resend.title'),
      intro: t('confirm.resend.intro'),
      submit: t(m.requests.resend.busy ? 'reset.submitting' : 'signIn.resend'),
    },
    // Why a new link is needed, read with the field.
    emailDescribedBy: m.alert ? m.ids.alert : undefined,
    send: m.on.resendNewLink,
  });
}

/** The reset request and the request for a new confirmation link ask only for the address. */
function addressFormView(
  m: SignInViewModel,
  form: 'reset' | 'resend',
  options: {
    labels: Omit<ResetFormOptions['labels'], 'email'>;
    emailDescribedBy?: string | undefined;
    send: () => void;
  },
): TemplateResult {
  const { t, values, fields, on } = m;
  const field = `${form}Email` as const;
  return resetForm({
    ids: m.ids[form],
    labels: { ...options.labels, email: t('signIn.email') },
    email: values[field],
    problem: fields[form].shows('email') ? problemText(t, checkEmail(values[field])) : undefined,
    emailDescribedBy: options.emailDescribedBy,
    ...submitting(m, m.requests[form], options.send),
    onInput: (event) => on.input(field, event),
    onBlur: () => on.blur(fields[form], 'email'),
  });
}

/**
 * The two live regions stay in the DOM whatever the view, so that a message appearing in them
 * is announced: errors in `role=alert`, confirmations in `role=status`.
 */
function notices(m: SignInViewModel): TemplateResult {
  const { t, ids } = m;
  const alert = messageText(t, m.alert);
  const status = messageText(t, m.status);
  const request = requestOf(m.view, m.requests);
  return html`
    <div class="ks-sign-in__notice ks-sign-in__notice--error" id=${ids.alert} role="alert" tabindex="-1">${alert || nothing}</div>
    <div class="ks-sign-in__notice" id=${ids.status} role="status" tabindex="-1">${status || nothing}</div>
    ${m.forms && request?.blocked
      ? html`<p class="ks-sign-in__hint" id=${ids.countdown}>
          ${t(m.view === 'confirm-resend' ? 'signIn.resendIn' : 'common.retryIn', { count: request.remaining })}
        </p>`
      : nothing}
    ${m.forms ? actions(m) : nothing}
  `;
}

function actions(m: SignInViewModel): TemplateResult | typeof nothing {
  const { t, ids, on } = m;
  if (m.action === 'retry' || m.action === 'retry-confirmation') {
    return html`<p class="ks-sign-in__actions">
      <button
        type="button"
        class="ks-sign-in__secondary"
        id=${ids.action}
        @click=${m.action === 'retry' ? on.retry : on.retryConfirmation}
      >
        ${t('common.retry')}
      </button>
    </p>`;
  }
  if (m.action === 'request-link') {
    return html`<p class="ks-sign-in__actions">
      <button type="button" class="ks-sign-in__secondary" id=${ids.action} @click=${on.forgot}>
        ${t('newPassword.requestLink')}
      </button>
    </p>`;
  }
  if (m.action === 'resend' && m.view === 'sign-in') {
    const resend = m.requests.resend;
    const cooling = resend.blocked;
    return html`<div class="ks-sign-in__actions">
      <button
        type="button"
        class="ks-sign-in__secondary"
        id=${ids.resendButton}
        aria-disabled=${cooling || resend.busy ? 'true' : 'false'}
        aria-describedby=${cooling ? ids.resendHint : nothing}
        @click=${on.resend}
      >
        ${t('signIn.resend')}
      </button>
      ${cooling
        ? html`<p class="ks-sign-in__hint" id=${ids.resendHint}>
            ${t('signIn.resendIn', { count: resend.remaining })}
          </p>`
        : nothing}
    </div>`;
  }
  return nothing;
}

function footer(m: SignInViewModel): TemplateResult {
  const { t, on } = m;
  if (m.view !== 'sign-in') {
    return html`<p class="ks-sign-in__footer">
      <button type="button" class="ks-sign-in__link" id=${m.ids.back} @click=${on.back}>${t('reset.back')}</button>
    </p>`;
  }
  const label = t('signIn.register');
  return html`<p class="ks-sign-in__footer">
    ${t('signIn.noAccount')}
    ${m.registerHref
      ? html`<a class="ks-sign-in__link" href=${m.registerHref} @click=${on.registerLink}>${label}</a>`
      : html`<button type="button" class="ks-sign-in__link" @click=${on.register}>${label}</button>`}
  </p>`;
}

/** The new password's problem to show now: the backend's refusal, else the check before submit. */
function newPasswordProblemText(m: SignInViewModel): string | undefined {
  const policy = m.passwordPolicy;
  const code =
    m.refusedPassword ??
    (m.fields.newPassword.shows('password')
      ? checkNewPassword(m.values.newPassword, policy, m.newPasswordUsername ?? m.values.email)
      : undefined);
  if (code === undefined) return undefined;
  const message = passwordProblemMessage(code, policy);
  return m.t(message.id, message.params);
}

/** What the user does on the address and password fields of the sign-in and new-password forms. */
function credentialInput(
  m: SignInViewModel,
  fields: InteractionState<CredentialField>,
  onInput: (field: CredentialField, event: InputEvent) => void,
): Pick<CredentialFieldsOptions, 'showPassword' | 'onInput' | 'onBlur' | 'onTogglePassword'> {
  return {
    showPassword: m.showPassword,
    onInput,
    onBlur: (field) => m.on.blur(fields, field),
    onTogglePassword: m.on.togglePassword,
  };
}

/**
 * A form's submit: busy while its request runs, blocked (saying until when) while it is refused.
 * The element sends the request itself; the page stays.
 */
function submitting(m: SignInViewModel, request: RequestState, send: () => void): SubmitOptions {
  return {
    busy: request.busy,
    blocked: request.blocked,
    submitDescribedBy: request.blocked ? m.ids.countdown : undefined,
    onSubmit: (event: SubmitEvent) => {
      event.preventDefault();
      send();
    },
  };
}

function problemText(t: Translate, problem: FieldProblem | undefined): string | undefined {
  return problem ? t(`signIn.${problem}`) : undefined;
}

function messageText(t: Translate, message: Message | null): string {
  if (!message) return '';
  const text = t(message.id, message.params);
  return message.then ? `${text} ${messageText(t, message.then)}` : text;
}
