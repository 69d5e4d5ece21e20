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
