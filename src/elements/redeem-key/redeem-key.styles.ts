import { css } from 'lit';

export const redeemKeyStyles = css`
  :host {
    display: block;
    max-width: var(--ks-redeem-key-max-width, 36rem);
    line-height: 1.5;
  }

  .root > * + * {
    margin-top: var(--ks-redeem-key-gap, var(--_ks-space));
  }

  form {
    display: grid;
    gap: 0.375rem;
    margin: 0;
  }

  label {
    font-weight: 600;
  }

  .hint {
    margin: 0;
    font-size: 0.9375rem;
    color: var(--_ks-muted);
  }

  /* The key field, and batch mode's field for several keys (batch.styles.ts adds its own). */
  input,
  textarea {
    display: block;
    width: 100%;
    margin: 0;
    padding: 0.5rem 0.75rem;
    font-family: var(--ks-redeem-key-input-font, ui-monospace, 'SFMono-Regular', Menlo, Consolas, monospace);
    color: var(--_ks-text);
    background: var(--ks-redeem-key-input-background, var(--_ks-surface));
    border: 1px solid var(--_ks-border);
    border-radius: var(--_ks-radius);
  }

  input {
    min-height: 2.75rem;
    /* Below 16px, iOS zooms into a focused input. */
    font-size: max(1.125rem, 16px);
    letter-spacing: 0.08em;
  }

  input[aria-invalid='true'],
  textarea[aria-invalid='true'] {
    border: 2px solid var(--_ks-danger);
  }

  input[readonly] {
    background: var(--_ks-surface-alt);
  }

  .problem {
    margin: 0;
    font-size: 0.9375rem;
    font-weight: 600;
    color: var(--_ks-danger);
  }

  .buttons {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem 1rem;
    align-items: center;
    margin-top: 0.5rem;
  }

  button {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    gap: 0.5rem;
    min-height: 2.75rem;
    margin: 0;
    padding: 0.5rem 1.25rem;
    font: inherit;
    font-weight: 600;
    line-height: 1.25;
    border-radius: var(--_ks-radius);
    cursor: pointer;
  }

  .submit {
    color: var(--ks-redeem-key-button-color, var(--_ks-on-primary));
    background: var(--ks-redeem-key-button-background, var(--_ks-primary));
    border: 2px solid transparent;
  }

  .submit[aria-disabled='true'] {
    cursor: not-allowed;
    color: var(--_ks-surface);
    background: var(--_ks-muted);
  }

  .submit.busy[aria-disabled='true'] {
    cursor: progress;
    color: var(--ks-redeem-key-button-color, var(--_ks-on-primary));
    background: var(--ks-redeem-key-button-background, var(--_ks-primary));
  }

  .submit.busy::before {
    content: '';
    width: 1em;
    height: 1em;
    border: 2px solid currentColor;
    border-right-color: transparent;
    border-radius: 50%;
    animation: spin 0.8s linear infinite;
  }

  @media (prefers-reduced-motion: reduce) {
    .submit.busy::before {
      animation: none;
    }
  }

  @keyframes spin {
    to {
      transform: rotate(360deg);
    }
  }

  .secondary {
    color: var(--_ks-primary);
    background: var(--_ks-surface);
    border: 2px solid var(--_ks-primary);
  }

  .countdown {
    margin: 0;
    font-size: 0.9375rem;
    color: var(--_ks-muted);
  }

  /* Live regions stay in the DOM while empty, so that what appears in them is announced. */
  .notice {
    display: grid;
    gap: 0.25rem;
    padding: 0.75rem 1rem;
    color: var(--_ks-text);
    background: var(--_ks-surface-alt);
    border-inline-start: 4px solid var(--_ks-success);
    border-radius: var(--_ks-radius);
  }

  .notice.error {
    border-inline-start-color: var(--_ks-danger);
  }

  /* Focus comes here by script (a refused key submitted again), after a click too: show it. */
  .notice:focus {
    outline: 3px solid var(--_ks-focus);
    outline-offset: 2px;
  }

  .notice:empty {
    margin: 0;
    padding: 0;
    border: 0;
  }

  .notice p {
    margin: 0;
  }

  .notice p:first-child {
    font-weight: 600;
  }

  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem 1rem;
    align-items: center;
  }

  a {
    color: var(--_ks-primary);
    text-underline-offset: 0.15em;
  }

  .card-actions a:not(.open) {
    display: inline-flex;
    align-items: center;
    min-height: 2.75rem;
  }

  /* The slot itself takes no margin (display: contents). */
  ::slotted([slot='sign-in']) {
    display: block;
    margin-top: var(--ks-redeem-key-gap, var(--_ks-space));
    padding: var(--_ks-space);
    border: 1px solid var(--_ks-border);
    border-radius: var(--_ks-radius);
  }

  @media (forced-colors: active) {
    .submit[aria-disabled='true'] {
      color: GrayText;
      border-color: GrayText;
    }
  }
`;
