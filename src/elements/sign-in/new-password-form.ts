import { html, nothing, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { passwordToggle, textField } from './fields.js';

export type NewPasswordField = 'email' | 'password';

export interface NewPasswordFormOptions {
  ids: { form: string; title: string; intro: string; email: string; username: string; password: string; submit: string };
  labels: {
    form: string;
    intro: string;
    email: string;
    password: string;
    hint?: string | undefined;
    showPassword: string;
    showPasswordShort: string;
    submit: string;
  };
  /**
   * The account's address when the page knows it: sent along in a hidden field, so a password
   * manager saves the new password for the right account. `null`: the user types it.
   */
  username: string | null;
  values: Readonly<Record<NewPasswordField, string>>;
  problems: Readonly<Partial<Record<NewPasswordField, string>>>;
  showPassword: boolean;
  busy: boolean;
  blocked: boolean;
  submitDescribedBy?: string | undefined;
  onInput: (field: NewPasswordField, event: InputEvent) => void;
  onBlur: (field: NewPasswordField) => void;
  onSubmit: (event: SubmitEvent) => void;
  onTogglePassword: () => void;
}

/**
 * "Neues Kennwort festlegen", after the link in a reset mail: one new password
 * (`autocomplete="new-password"`, never cut short, shown on request) and, in the same form, the
 * account's address as `autocomplete="username"`, so that a password manager can save the new
 * password for it. The address is a visible field when the page does not know it (the link was
 * opened in a new tab), else a hidden one after the password, where no "first field" focus lands.
 */
export function newPasswordForm(o: NewPasswordFormOptions): TemplateResult {
  return html`
    <form class="ks-sign-in__form" id=${o.ids.form} novalidate aria-labelledby=${o.ids.title} @submit=${o.onSubmit}>
      <div class="ks-sign-in__field">
        <p class="ks-sign-in__title" id=${o.ids.title}>${o.labels.form}</p>
        <p class="ks-sign-in__intro" id=${o.ids.intro}>${o.labels.intro}</p>
      </div>
      ${o.username === null
        ? textField({
            id: o.ids.email,
            name: 'email',
            type: 'email',
            autocomplete: 'username',
            label: o.labels.email,
            value: o.values.email,
            problem: o.problems.email,
            onInput: (event) => o.onInput('email', event),
            onBlur: () => o.onBlur('email'),
          })
        : nothing}
      ${textField({
        id: o.ids.password,
        name: 'new-password',
        type: o.showPassword ? 'text' : 'password',
        autocomplete: 'new-password',
        label: o.labels.password,
        hint: o.labels.hint,
        value: o.values.password,
        problem: o.problems.password,
        describedBy: o.ids.intro,
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
      ${o.username === null
        ? nothing
        : html`<input id=${o.ids.username} name="email" type="email" autocomplete="username" readonly hidden .value=${o.username} />`}
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
