import { html, nothing, svg, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';

export interface TextFieldOptions {
  /** The input's id; its problem gets `${id}-error`. */
  id: string;
  name: string;
  type: 'email' | 'password' | 'text';
  autocomplete: 'username' | 'current-password' | 'new-password';
  label: string;
  value: string;
  /** The problem to show now, if any (the caller applies the when-to-show rule). */
  problem?: string | undefined;
  /** Ids of further descriptions, e.g. an intro text. */
  describedBy?: string | undefined;
  /** A hint under the label (e.g. the minimum length); it gets `${id}-hint`. */
  hint?: string | undefined;
  onInput: (event: InputEvent) => void;
  onBlur: () => void;
  /** Rendered next to the input, e.g. the show-password toggle. */
  after?: TemplateResult | undefined;
}

/**
 * A labelled native input with its problem below it, tied together with `aria-invalid` and
 * `aria-describedby`. No `maxlength`: a pasted password is never cut short.
 */
export function textField(options: TextFieldOptions): TemplateResult {
  const errorId = `${options.id}-error`;
  const hintId = `${options.id}-hint`;
  const describedBy = [options.problem ? errorId : undefined, options.hint ? hintId : undefined, options.describedBy]
    .filter(Boolean)
    .join(' ');
  return html`
    <div class="ks-sign-in__field">
      <label class="ks-sign-in__label" for=${options.id}>${options.label}</label>
      ${options.hint ? html`<p class="ks-sign-in__hint ks-sign-in__field-hint" id=${hintId}>${options.hint}</p>` : nothing}
      <div class="ks-sign-in__control">
        <input
          class="ks-sign-in__input"
          id=${options.id}
          name=${options.name}
          type=${options.type}
          autocomplete=${options.autocomplete}
          autocapitalize="none"
          spellcheck="false"
          required
          aria-invalid=${options.problem ? 'true' : 'false'}
          aria-describedby=${ifDefined(describedBy || undefined)}
          .value=${options.value}
          @input=${options.onInput}
          @blur=${options.onBlur}
        />
        ${options.after ?? nothing}
      </div>
      ${options.problem ? html`<p class="ks-sign-in__problem" id=${errorId}>${options.problem}</p>` : nothing}
    </div>
  `;
}

/** The address field: `autocomplete="username"`, so a password manager knows the account. */
export function emailField(options: Omit<TextFieldOptions, 'name' | 'type' | 'autocomplete' | 'after'>): TemplateResult {
  return textField({ ...options, name: 'email', type: 'email', autocomplete: 'username' });
}

/** A password input with its show-password toggle (see `passwordToggle`). */
export function passwordField(
  options: Omit<TextFieldOptions, 'type' | 'autocomplete' | 'after'> & {
    autocomplete: 'current-password' | 'new-password';
    shown: boolean;
    /** The toggle's name, and its short visible text. */
    toggle: { name: string; text: string };
    onToggle: () => void;
  },
): TemplateResult {
  const { shown, toggle, onToggle, ...field } = options;
  return textField({
    ...field,
    type: shown ? 'text' : 'password',
    after: passwordToggle({ controls: options.id, pressed: shown, name: toggle.name, text: toggle.text, onToggle }),
  });
}

/**
 * A form headed by a title, which names it, and an intro, which the fields may refer to:
 * the reset request, the request for a new confirmation link, the new password.
 */
export function titledForm(
  o: {
    ids: { form: string; title: string; intro: string };
    labels: { form: string; intro: string };
    onSubmit: (event: SubmitEvent) => void;
  },
  content: TemplateResult,
): TemplateResult {
  return html`
    <form class="ks-sign-in__form" id=${o.ids.form} novalidate aria-labelledby=${o.ids.title} @submit=${o.onSubmit}>
      <div class="ks-sign-in__field">
        <p class="ks-sign-in__title" id=${o.ids.title}>${o.labels.form}</p>
        <p class="ks-sign-in__intro" id=${o.ids.intro}>${o.labels.intro}</p>
      </div>
      ${content}
    </form>
  `;
}

export type CredentialField = 'email' | 'password';

/** What a form with an address and a password field takes for them (the sign-in and new-password forms). */
export interface CredentialFieldsOptions {
  values: Readonly<Record<CredentialField, string>>;
  problems: Readonly<Partial<Record<CredentialField, string>>>;
  showPassword: boolean;
  onInput: (field: CredentialField, event: InputEvent) => void;
  onBlur: (field: CredentialField) => void;
  onTogglePassword: () => void;
}

/** The ids and labels a form with `CredentialFieldsOptions` has for its two fields. */
type CredentialForm = CredentialFieldsOptions & {
  ids: { email: string; password: string };
  labels: { email: string; showPassword: string; showPasswordShort: string };
};

/** The address field of a form with `CredentialFieldsOptions`. */
export function credentialEmailField(o: CredentialForm): TemplateResult {
  return emailField({
    id: o.ids.email,
    label: o.labels.email,
    value: o.values.email,
    problem: o.problems.email,
    onInput: (event) => o.onInput('email', event),
    onBlur: () => o.onBlur('email'),
  });
}

/** The password field, with its toggle, of a form with `CredentialFieldsOptions`. */
export function credentialPasswordField(
  o: CredentialForm,
  field: Pick<TextFieldOptions, 'name' | 'label' | 'hint' | 'describedBy'> & { autocomplete: 'current-password' | 'new-password' },
): TemplateResult {
  return passwordField({
    ...field,
    id: o.ids.password,
    value: o.values.password,
    problem: o.problems.password,
    onInput: (event) => o.onInput('password', event),
    onBlur: () => o.onBlur('password'),
    shown: o.showPassword,
    toggle: { name: o.labels.showPassword, text: o.labels.showPasswordShort },
    onToggle: o.onTogglePassword,
  });
}

/** What each form takes for its submit: the state of its request, and the submit handler. */
export interface SubmitOptions {
  busy: boolean;
  /** Submitting is refused for now (a rate limit); `submitDescribedBy` says until when. */
  blocked: boolean;
  submitDescribedBy?: string | undefined;
  onSubmit: (event: SubmitEvent) => void;
}

/**
 * A form's submit button. It is never `disabled`: it stays focusable while busy or blocked
 * (`aria-disabled`), and the element ignores a submit meanwhile.
 */
export function submitButton(o: Omit<SubmitOptions, 'onSubmit'> & { id: string; label: string }): TemplateResult {
  return html`
    <button
      type="submit"
      class="ks-sign-in__submit ${o.busy ? 'ks-sign-in__submit--busy' : ''}"
      id=${o.id}
      aria-disabled=${o.busy || o.blocked ? 'true' : 'false'}
      aria-describedby=${ifDefined(o.submitDescribedBy)}
    >
      ${o.label}
    </button>
  `;
}

/**
 * The show-password toggle: a real button whose name stays the same ("Kennwort anzeigen") while
 * `aria-pressed` says whether the password is shown; the icon follows for sighted users.
 */
export function passwordToggle(options: {
  controls: string;
  pressed: boolean;
  name: string;
  text: string;
  onToggle: () => void;
}): TemplateResult {
  return html`
    <button
      type="button"
      class="ks-sign-in__toggle"
      aria-controls=${options.controls}
      aria-pressed=${options.pressed ? 'true' : 'false'}
      aria-label=${options.name}
      @click=${options.onToggle}
    >
      ${eyeIcon(options.pressed)}<span class="ks-sign-in__toggle-text">${options.text}</span>
    </button>
  `;
}

function eyeIcon(crossed: boolean): TemplateResult {
  return html`<svg class="ks-sign-in__icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
    ${svg`<path fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round"
      d="M2 12s3.6-7 10-7 10 7 10 7-3.6 7-10 7S2 12 2 12Z"/>
      <circle fill="none" stroke="currentColor" stroke-width="2" cx="12" cy="12" r="3"/>`}
    ${crossed ? svg`<path fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" d="M4 4l16 16"/>` : nothing}
  </svg>`;
}
