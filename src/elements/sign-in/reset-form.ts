import { html, type TemplateResult } from 'lit';
import { type SubmitOptions, emailField, submitButton, titledForm } from './fields.js';

export interface ResetFormOptions extends SubmitOptions {
  ids: { form: string; title: string; intro: string; email: string; submit: string };
  labels: { form: string; intro: string; email: string; submit: string };
  email: string;
  problem?: string | undefined;
  /** Ids of further descriptions of the e-mail field, after the intro (e.g. the alert saying why). */
  emailDescribedBy?: string | undefined;
  onInput: (event: InputEvent) => void;
  onBlur: () => void;
}

/**
 * A form that asks only for the e-mail address to send a link to: "Passwort vergessen?" (a reset
 * link) and, after a broken confirmation link, a new confirmation link. The address field keeps
 * `autocomplete="username"`, so a password manager recognises the account.
 */
export function resetForm(o: ResetFormOptions): TemplateResult {
  return titledForm(
    o,
    html`
      ${emailField({
        id: o.ids.email,
        label: o.labels.email,
        value: o.email,
        problem: o.problem,
        describedBy: [o.ids.intro, o.emailDescribedBy].filter(Boolean).join(' '),
        onInput: o.onInput,
        onBlur: o.onBlur,
      })}
      ${submitButton({ ...o, id: o.ids.submit, label: o.labels.submit })}
    `,
  );
}
