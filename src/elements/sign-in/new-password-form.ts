import { html, nothing, type TemplateResult } from 'lit';
import type { CredentialField, CredentialFieldsOptions, SubmitOptions } from './fields.js';
import { credentialEmailField, credentialPasswordField, submitButton, titledForm } from './fields.js';

export type NewPasswordField = CredentialField;

/** `values.email` and `problems.email` belong to the address field, shown when `username` is `null`. */
export interface NewPasswordFormOptions extends CredentialFieldsOptions, SubmitOptions {
  ids: {
    form: string;
    title: string;
    intro: string;
    email: string;
    username: string;
    account: string;
    otherAddress: string;
    password: string;
    submit: string;
  };
  labels: {
    form: string;
    intro: string;
    email: string;
    password: string;
    hint?: string | undefined;
    /** With `assumed`: says for which address the new password is filed. */
    account: string;
    otherAddress: string;
    showPassword: string;
    showPasswordShort: string;
    submit: string;
  };
  /**
   * The account's address when the page knows it (the signed-in user's, or the one typed on the
   * sign-in form): sent along in a hidden field, so a password manager saves the new password for
   * it. `null`: the user types it.
   */
  username: string | null;
  /**
   * `username` is the signed-in user's address, which the user did not give for this link: the
   * form says so and offers to type another one.
   */
  assumed: boolean;
  /** The link went to another address than `username`: the user types it instead. */
  onOtherAddress: () => void;
}

/**
 * "Neues Kennwort festlegen", after the link in a reset mail: one new password
 * (`autocomplete="new-password"`, never cut short, shown on request) and, in the same form, the
 * account's address as `autocomplete="username"`, so that a password manager can save the new
 * password for it. The address is a visible field when the page does not know it (the link was
 * opened in a new tab), else a hidden one after the password, where no "first field" focus lands.
 *
 * The link does not tell whose it is. When the address is the signed-in user's (`assumed`), the
 * link may still have gone to another account (a shared computer): so the form says, in the
 * password's description, for which address the new password is filed, and offers to type another
 * one ("Andere E-Mail-Adresse angeben"), which then takes the hidden field's place.
 */
export function newPasswordForm(o: NewPasswordFormOptions): TemplateResult {
  const username = o.username;
  const assumed = username !== null && o.assumed;
  return titledForm(
    o,
    html`
      ${username === null ? credentialEmailField(o) : nothing}
      ${credentialPasswordField(o, {
        name: 'new-password',
        autocomplete: 'new-password',
        label: o.labels.password,
        hint: o.labels.hint,
        describedBy: assumed ? `${o.ids.intro} ${o.ids.account}` : o.ids.intro,
      })}
      ${assumed
        ? html`<p class="ks-sign-in__aside">
            <span id=${o.ids.account}>${o.labels.account}</span>
            <button type="button" class="ks-sign-in__link" id=${o.ids.otherAddress} @click=${o.onOtherAddress}>
              ${o.labels.otherAddress}
            </button>
          </p>`
        : nothing}
      ${username === null
        ? nothing
        : html`<input id=${o.ids.username} name="email" type="email" autocomplete="username" readonly hidden .value=${username} />`}
      ${submitButton({ ...o, id: o.ids.submit, label: o.labels.submit })}
    `,
  );
}
