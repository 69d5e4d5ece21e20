import { css } from 'lit';

/**
 * Batch mode's styles: part of `<ks-redeem-key>`'s static styles (adopted stylesheets hold under a
 * strict CSP), while batch mode's code is loaded only when `multiple` is set.
 */
export const batchStyles = css`
  /* Its look is the key field's (redeem-key.styles.ts); here what differs. */
  textarea {
    min-height: 8rem;
    font-size: max(1rem, 16px);
    line-height: 1.5;
    resize: vertical;
  }

  .count,
  .progress {
    margin: 0;
    font-weight: 600;
  }

  .preview,
  .results {
    display: grid;
    gap: 0.25rem;
    /* The top margin is the gap between the element's blocks (.root > * + *). */
    margin-inline: 0;
    margin-bottom: 0;
    padding: 0;
    list-style: none;
  }

  .preview {
    margin-top: 0;
    font-size: 0.9375rem;
  }

  .preview .key,
  .results .key {
    font-family: var(--ks-redeem-key-input-font, ui-monospace, 'SFMono-Regular', Menlo, Consolas, monospace);
    letter-spacing: 0.04em;
    overflow-wrap: anywhere;
  }

  .entry .note {
    font-weight: 600;
  }

  .entry.malformed .note {
    color: var(--_ks-danger);
  }

  .entry.duplicate .note {
    color: var(--_ks-muted);
  }

  .result {
    display: grid;
    gap: 0 0.75rem;
    grid-template-columns: minmax(0, auto) minmax(0, 1fr);
    align-items: baseline;
    padding: 0.375rem 0.75rem;
    background: var(--_ks-surface);
    border: 1px solid var(--_ks-border);
    border-inline-start: 4px solid var(--_ks-border);
    border-radius: var(--_ks-radius);
  }

  .result.success {
    border-inline-start-color: var(--_ks-success);
  }

  .result.error {
    border-inline-start-color: var(--_ks-danger);
  }

  .result[aria-current] {
    font-weight: 600;
  }

  .result .text a {
    display: inline-block;
    min-height: 1.5rem;
  }

  @media (max-width: 30rem) {
    .result {
      grid-template-columns: minmax(0, 1fr);
    }
  }
`;
