import { css } from 'lit';

/**
 * Design tokens, three tiers: a publisher sets global `--ks-*` properties (on `:root` or any
 * ancestor); each element reads them through private `--_ks-*` variables with our defaults; an
 * element may expose its own `--ks-<element>-*` properties that fall back to these. Everything
 * else is reachable through `::part()`. Static styles only: no `style` attributes (strict CSP).
 */
export const baseStyles = css`
  :host {
    --_ks-primary: var(--ks-color-primary, #1d5ba6);
    --_ks-on-primary: var(--ks-color-on-primary, #ffffff);
    --_ks-surface: var(--ks-color-surface, #ffffff);
    --_ks-surface-alt: var(--ks-color-surface-alt, #f3f5f8);
    --_ks-text: var(--ks-color-text, #1b1f24);
    --_ks-muted: var(--ks-color-muted, #56606b);
    --_ks-border: var(--ks-color-border, #8a95a1);
    --_ks-danger: var(--ks-color-danger, #b3261e);
    --_ks-success: var(--ks-color-success, #1e6b34);
    --_ks-focus: var(--ks-color-focus, #1d5ba6);
    --_ks-radius: var(--ks-radius, 6px);
    --_ks-space: var(--ks-space, 1rem);
    --_ks-font: var(--ks-font-family, inherit);
    --_ks-z-panel: var(--ks-z-index-panel, 1000);

    font-family: var(--_ks-font);
    color: var(--_ks-text);
    box-sizing: border-box;
  }

  *,
  *::before,
  *::after {
    box-sizing: inherit;
  }

  [hidden] {
    display: none !important;
  }

  .visually-hidden {
    position: absolute !important;
    width: 1px;
    height: 1px;
    margin: -1px;
    padding: 0;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
    border: 0;
  }

  :focus-visible {
    outline: 3px solid var(--_ks-focus);
    outline-offset: 2px;
  }
`;
