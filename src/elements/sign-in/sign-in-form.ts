import { html, type TemplateResult } from 'lit';
import type { CredentialField, CredentialFieldsOptions, SubmitOptions } from './fields.js';
import { credentialEmailField, credentialPasswordField, submitButton } from './fields.js';

export type SignInField = CredentialField;

export interface SignInFormOptions extends CredentialFieldsOptions, SubmitOptions {
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
  onForgot: () => void;
}

/**
 * The sign-in form, in the light DOM so that browsers and password managers find, fill and save
 * it. The submit button is never `disabled` (see `submitButton`).
 */
export function signInForm(o: SignInFormOptions): TemplateResult {
  return html`
    <form class="ks-sign-in__form" id=${o.ids.form} novalidate aria-label=${o.labels.form} @submit=${o.onSubmit}>
      ${credentialEmailField(o)}
      ${credentialPasswordField(o, { name: 'password', autocomplete: 'current-password', label: o.labels.password })}
      <p class="ks-sign-in__aside">
        <button type="button" class="ks-sign-in__link" id=${o.ids.forgot} @click=${o.onForgot}>${o.labels.forgot}</button>
      </p>
      ${submitButton({ ...o, id: o.ids.submit, label: o.labels.submit })}
    </form>
  `;
}
