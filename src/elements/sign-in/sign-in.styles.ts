import { css, unsafeCSS } from 'lit';

/**
 * The never-failing `:not(#\#)` of light-dom-styles.ts: one id's worth of specificity, so our
 * rules outrank a CMS theme's `input { … }` and `#content input { … }`. Interpolated, because
 * lit-analyzer's CSS parser does not read the escaped `#`.
 */
const outrank = unsafeCSS(':not(#\\#)');

/** The host, from its small shadow root (which only slots the light-DOM form in). */
export const hostStyles = css`
  :host {
    display: block;
    max-width: var(--ks-sign-in-max-width, 28rem);
    line-height: 1.5;
  }
`;

/**
 * The light-DOM form's styles, adopted into the document (or the shadow root the element sits
 * in). Every rule is scoped by the tag and carries `outrank`.
 *
 * Two layers: the reset (tag selectors, specificity 1-0-2) rolls every element we render back to
 * the browser's defaults, undoing a theme's `all: unset` or `button { font-size: 40px }`; the
 * rules below it (class selectors, 1-1-1 and up) then draw our design from the tokens, which
 * the host's shadow root defines as `--_ks-*` (see base-styles.ts).
 */
export const lightDomStyles = css`
  ks-sign-in :is(form, div, p, span, label, input, button, a)${outrank} {
    all: revert;
    box-sizing: border-box;
  }

  ks-sign-in .ks-sign-in__form${outrank} {
    display: grid;
    gap: var(--ks-sign-in-gap, var(--_ks-space));
    margin: 0;
    padding: 0;
    border: 0;
  }

  ks-sign-in .ks-sign-in__field${outrank} {
    display: grid;
    gap: 0.375rem;
    margin: 0;
  }

  ks-sign-in .ks-sign-in__label${outrank} {
    display: block;
    margin: 0;
    font-size: 1rem;
    font-weight: 600;
    color: var(--_ks-text);
  }

  ks-sign-in .ks-sign-in__control${outrank} {
    display: flex;
    gap: 0.5rem;
    align-items: stretch;
    margin: 0;
  }

  ks-sign-in .ks-sign-in__input${outrank} {
    display: block;
    flex: 1 1 auto;
    width: 100%;
    min-width: 0;
    min-height: 2.75rem;
    margin: 0;
    padding: 0.5rem 0.75rem;
    font: inherit;
    /* Below 16px, iOS zooms into a focused input. */
    font-size: max(1rem, 16px);
    line-height: 1.5;
    color: var(--_ks-text);
    background: var(--ks-sign-in-input-background, var(--_ks-surface));
    border: 1px solid var(--_ks-border);
    border-radius: var(--_ks-radius);
    appearance: none;
    cursor: text;
  }

  ks-sign-in .ks-sign-in__input[aria-invalid='true']${outrank} {
    border: 2px solid var(--_ks-danger);
  }

  ks-sign-in .ks-sign-in__problem${outrank} {
    display: block;
    margin: 0;
    font-size: 0.9375rem;
    font-weight: 600;
    color: var(--_ks-danger);
  }

  ks-sign-in .ks-sign-in__title${outrank} {
    display: block;
    margin: 0;
    font-size: 1.125rem;
    font-weight: 700;
    color: var(--_ks-text);
  }

  ks-sign-in .ks-sign-in__intro${outrank} {
    display: block;
    margin: 0;
    color: var(--_ks-text);
  }

  ks-sign-in :is(.ks-sign-in__toggle, .ks-sign-in__submit, .ks-sign-in__secondary)${outrank} {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    gap: 0.5rem;
    min-height: 2.75rem;
    margin: 0;
    font: inherit;
    font-size: 1rem;
    font-weight: 600;
    line-height: 1.25;
    text-align: center;
    border-radius: var(--_ks-radius);
    cursor: pointer;
  }

  ks-sign-in .ks-sign-in__toggle${outrank} {
    flex: none;
    min-width: 2.75rem;
    padding: 0 0.75rem;
    font-weight: 400;
    color: var(--_ks-primary);
    background: var(--ks-sign-in-input-background, var(--_ks-surface));
    border: 1px solid var(--_ks-border);
  }

  ks-sign-in .ks-sign-in__toggle[aria-pressed='true']${outrank} {
    background: var(--_ks-surface-alt);
    border-color: var(--_ks-primary);
  }

  ks-sign-in .ks-sign-in__icon${outrank} {
    display: block;
    flex: none;
    width: 1.25rem;
    height: 1.25rem;
  }

  ks-sign-in .ks-sign-in__icon :is(path, circle)${outrank} {
    fill: none;
    stroke: currentColor;
  }

  ks-sign-in .ks-sign-in__submit${outrank} {
    justify-self: start;
    padding: 0.5rem 1.25rem;
    color: var(--ks-sign-in-button-color, var(--_ks-on-primary));
    background: var(--ks-sign-in-button-background, var(--_ks-primary));
    border: 2px solid transparent;
  }

  ks-sign-in .ks-sign-in__submit[aria-disabled='true']${outrank} {
    cursor: not-allowed;
    color: var(--_ks-surface);
    background: var(--_ks-muted);
  }

  ks-sign-in .ks-sign-in__submit--busy[aria-disabled='true']${outrank} {
    cursor: progress;
    color: var(--ks-sign-in-button-color, var(--_ks-on-primary));
    background: var(--ks-sign-in-button-background, var(--_ks-primary));
  }

  ks-sign-in .ks-sign-in__submit--busy${outrank}::before {
    content: '';
    width: 1em;
    height: 1em;
    border: 2px solid currentColor;
    border-right-color: transparent;
    border-radius: 50%;
    animation: ks-sign-in-spin 0.8s linear infinite;
  }

  @media (prefers-reduced-motion: reduce) {
    ks-sign-in .ks-sign-in__submit--busy${outrank}::before {
      animation: none;
    }
  }

  @keyframes ks-sign-in-spin {
    to {
      transform: rotate(360deg);
    }
  }

  ks-sign-in .ks-sign-in__secondary${outrank} {
    padding: 0.5rem 1rem;
    color: var(--_ks-primary);
    background: var(--_ks-surface);
    border: 2px solid var(--_ks-primary);
  }

  ks-sign-in .ks-sign-in__secondary[aria-disabled='true']${outrank} {
    cursor: not-allowed;
    color: var(--_ks-muted);
    border-color: var(--_ks-border);
  }

  ks-sign-in .ks-sign-in__link${outrank} {
    display: inline-flex;
    align-items: center;
    min-height: 1.5rem;
    margin: 0;
    padding: 0;
    font: inherit;
    font-size: 1rem;
    line-height: 1.5;
    color: var(--_ks-primary);
    background: none;
    border: 0;
    text-decoration: underline;
    text-underline-offset: 0.15em;
    cursor: pointer;
  }

  ks-sign-in :is(.ks-sign-in__aside, .ks-sign-in__footer, .ks-sign-in__hint, .ks-sign-in__actions)${outrank} {
    display: block;
    margin: 0;
    color: var(--_ks-text);
  }

  ks-sign-in :is(.ks-sign-in__footer, .ks-sign-in__actions)${outrank} {
    margin-top: var(--ks-sign-in-gap, var(--_ks-space));
  }

  ks-sign-in .ks-sign-in__hint${outrank} {
    margin-top: 0.5rem;
    font-size: 0.9375rem;
    color: var(--_ks-muted);
  }

  /* A field's hint sits between its label and its input, in the field's own rhythm. */
  ks-sign-in .ks-sign-in__field-hint${outrank} {
    margin-top: 0;
  }

  /* The account's address on the new-password form, for password managers only. */
  ks-sign-in input[hidden]${outrank} {
    display: none !important;
  }

  /* Live regions stay in place (and visible) while empty, so that what appears in them is announced. */
  ks-sign-in .ks-sign-in__notice${outrank} {
    display: block;
    margin: var(--ks-sign-in-gap, var(--_ks-space)) 0 0;
    padding: 0.75rem 1rem;
    color: var(--_ks-text);
    background: var(--_ks-surface-alt);
    border: 0;
    border-inline-start: 4px solid var(--_ks-success);
    border-radius: var(--_ks-radius);
  }

  ks-sign-in .ks-sign-in__notice--error${outrank} {
    border-inline-start-color: var(--_ks-danger);
  }

  ks-sign-in .ks-sign-in__notice:empty${outrank} {
    margin: 0;
    padding: 0;
    border: 0;
  }

  ks-sign-in :is(.ks-sign-in__input, .ks-sign-in__toggle, .ks-sign-in__submit, .ks-sign-in__secondary, .ks-sign-in__link, .ks-sign-in__notice):focus-visible${outrank} {
    outline: 3px solid var(--_ks-focus);
    outline-offset: 2px;
  }
`;
