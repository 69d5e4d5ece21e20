import { html, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { passwordToggle, textField } from './fields.js';

export type SignInField = 'email' | 'password';

export interface SignInFormOptions {
  ids: { form: string; email: string; password: string; forgot: string; submit: string };
  labels: {
    form: string;
    email: string;
    password: string;
    showPassword: string;
    showPasswordShort: string;
    forgot: string;
    submit: string;
  };
  values: Readonly<Record<SignInField, string>>;
  problems: Readonly<Partial<Record<SignInField, string>>>;
  showPassword: boolean;
  busy: boolean;
  /** Submitting is refused for now (a rate limit); `describedBy` says until when. */
  blocked: boolean;
  submitDescribedBy?: string | undefined;
  onInput: (field: SignInField, event: InputEvent) => void;
  onBlur: (field: SignInField) => void;
  onSubmit: (event: SubmitEvent) => void;
  onTogglePassword: () => void;
  onForgot: () => void;
}

/**
 * The sign-in form, in the light DOM so that browsers and password managers find, fill and save
 * it. The submit button is never `disabled`: it stays focusable while busy or blocked
 * (`aria-disabled`), and the element ignores a submit meanwhile.
 */
export function signInForm(o: SignInFormOptions): TemplateResult {
  return html`
    <form class="ks-sign-in__form" id=${o.ids.form} novalidate aria-label=${o.labels.form} @submit=${o.onSubmit}>
      ${textField({
        id: o.ids.email,
        name: 'email',
        type: 'email',
        autocomplete: 'username',
        label: o.labels.email,
        value: o.values.email,
        problem: o.problems.email,
        onInput: (event) => o.onInput('email', event),
        onBlur: () => o.onBlur('email'),
      })}
      ${textField({
        id: o.ids.password,
        name: 'password',
        type: o.showPassword ? 'text' : 'password',
        autocomplete: 'current-password',
        label: o.labels.password,
        value: o.values.password,
        problem: o.problems.password,
        onInput: (event) => o.onInput('password', event),
        onBlur: () => o.onBlur('password'),
        after: passwordToggle({
          controls: o.ids.password,
          pressed: o.showPassword,
          name: o.labels.showPassword,
          text: o.labels.showPasswordShort,
          onToggle: o.onTogglePassword,
        }),
      })}
      <p class="ks-sign-in__aside">
        <button type="button" class="ks-sign-in__link" id=${o.ids.forgot} @click=${o.onForgot}>${o.labels.forgot}</button>
      </p>
      <button
        type="submit"
        class="ks-sign-in__submit ${o.busy ? 'ks-sign-in__submit--busy' : ''}"
        id=${o.ids.submit}
        aria-disabled=${o.busy || o.blocked ? 'true' : 'false'}
        aria-describedby=${ifDefined(o.submitDescribedBy)}
      >
        ${o.labels.submit}
      </button>
    </form>
  `;
}
