import { html, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { textField } from './fields.js';

export interface ResetFormOptions {
  ids: { form: string; title: string; intro: string; email: string; submit: string };
  labels: { form: string; intro: string; email: string; submit: string };
  email: string;
  problem?: string | undefined;
  /** Ids of further descriptions of the e-mail field, after the intro (e.g. the alert saying why). */
  emailDescribedBy?: string | undefined;
  busy: boolean;
  blocked: boolean;
  submitDescribedBy?: string | undefined;
  onInput: (event: InputEvent) => void;
  onBlur: () => void;
  onSubmit: (event: SubmitEvent) => void;
}

/**
 * A form that asks only for the e-mail address to send a link to: "Passwort vergessen?" (a reset
 * link) and, after a broken confirmation link, a new confirmation link. The address field keeps
 * `autocomplete="username"`, so a password manager recognises the account.
 */
export function resetForm(o: ResetFormOptions): TemplateResult {
  return html`
    <form class="ks-sign-in__form" id=${o.ids.form} novalidate aria-labelledby=${o.ids.title} @submit=${o.onSubmit}>
      <div class="ks-sign-in__field">
        <p class="ks-sign-in__title" id=${o.ids.title}>${o.labels.form}</p>
        <p class="ks-sign-in__intro" id=${o.ids.intro}>${o.labels.intro}</p>
      </div>
      ${textField({
        id: o.ids.email,
        name: 'email',
        type: 'email',
        autocomplete: 'username',
        label: o.labels.email,
        value: o.email,
        problem: o.problem,
        describedBy: [o.ids.intro, o.emailDescribedBy].filter(Boolean).join(' '),
        onInput: o.onInput,
        onBlur: o.onBlur,
      })}
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
