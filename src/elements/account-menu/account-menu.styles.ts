import { css, unsafeCSS } from 'lit';

/**
 * The panel is placed with CSS anchor positioning: below the trigger, lined up with the side
 * chosen at open time (`align-left` / `align-right`) and clamped between 0.5rem from either
 * viewport edge; it flips above the trigger when there is no room below. Browsers without anchor
 * positioning place it below the host, lined up the same way, no wider than the viewport.
 */
const styles = css`
  :host {
    --_trigger-size: var(--ks-account-menu-trigger-size, 2.5rem);
    --_panel-width: var(--ks-account-menu-panel-width, 18rem);
    --_gap: 0.25rem;
    --_edge: 0.5rem;

    display: inline-block;
    position: relative;
    vertical-align: middle;
    line-height: normal;
  }

  .trigger {
    display: inline-grid;
    place-items: center;
    inline-size: var(--_trigger-size);
    block-size: var(--_trigger-size);
    min-inline-size: 24px;
    min-block-size: 24px;
    padding: 0;
    margin: 0;
    border: 2px solid var(--_ks-border);
    border-radius: 50%;
    background: var(--_ks-surface);
    color: var(--_ks-text);
    font: inherit;
    font-size: calc(var(--_trigger-size) * 0.4);
    font-weight: 700;
    line-height: 1;
    cursor: pointer;
    overflow: hidden;
  }

  .trigger:hover {
    border-color: var(--_ks-primary);
  }

  /* Unknown session: neither signed in nor out, a quiet outline of the same size. */
  .trigger.unknown {
    border-style: dashed;
    color: var(--_ks-muted);
  }

  .trigger.signed-in {
    border-color: var(--_ks-primary);
    background: var(--_ks-primary);
    color: var(--_ks-on-primary);
  }

  .icon {
    inline-size: 60%;
    block-size: 60%;
  }

  .panel {
    position: absolute;
    inset-block-start: calc(100% + var(--_gap));
    z-index: var(--_ks-z-panel);
    inline-size: min(var(--_panel-width), calc(100vw - 2 * var(--_edge)));
    max-block-size: calc(100vh - 2 * var(--_edge));
    overflow: auto;
    padding: 0.5rem 0;
    border: 1px solid var(--_ks-border);
    border-radius: var(--_ks-radius);
    background: var(--_ks-surface);
    color: var(--_ks-text);
    box-shadow: 0 0.5rem 1.5rem rgb(0 0 0 / 0.2);
    text-align: start;
  }

  .panel.align-left {
    left: 0;
  }

  .panel.align-right {
    right: 0;
  }

  .user {
    margin: 0;
    padding: 0.5rem 1rem 0.75rem;
    border-block-end: 1px solid var(--_ks-border);
    margin-block-end: 0.5rem;
    overflow-wrap: anywhere;
  }

  .user-label {
    display: block;
    color: var(--_ks-muted);
    font-size: 0.875em;
  }

  .user-email {
    font-weight: 600;
  }

  .message {
    margin: 0;
    padding: 0.5rem 1rem;
  }

  .message.error {
    color: var(--_ks-danger);
  }

  .menu {
    display: flex;
    flex-direction: column;
  }

  .item {
    display: flex;
    align-items: center;
    min-block-size: 2.75rem;
    padding: 0.5rem 1rem;
    margin: 0;
    border: 0;
    background: none;
    color: inherit;
    font: inherit;
    text-align: start;
    text-decoration: none;
    cursor: pointer;
  }

  .item:hover,
  .item:focus-visible {
    background: var(--_ks-surface-alt);
  }

  .item:focus-visible {
    outline-offset: -3px;
  }

  .separator {
    margin: 0.5rem 0;
    border: 0;
    border-block-start: 1px solid var(--_ks-border);
  }

  .sign-in {
    padding: 0.5rem 1rem;
  }

  @media (forced-colors: active) {
    .trigger.signed-in {
      border-color: ButtonText;
    }

    .item:focus-visible {
      outline-color: Highlight;
    }
  }
`;

/**
 * CSS anchor positioning, kept apart because lit-analyzer's CSS validator does not know its
 * properties yet (a constant string, so it is still a static constructed sheet: strict CSP holds).
 * Anchor names are tree-scoped: each menu's panel finds the trigger in its own shadow root.
 * \`position: fixed\` lifts the panel out of a header with \`overflow: hidden\`.
 */
const anchored = unsafeCSS(`
  .trigger {
    anchor-name: --ks-account-menu-trigger;
  }

  @supports (anchor-name: --a) {
    .panel {
      position: fixed;
      position-anchor: --ks-account-menu-trigger;
      top: calc(anchor(bottom) + var(--_gap));
      inline-size: min(var(--_panel-width), 100% - 2 * var(--_edge));
      position-try-fallbacks: flip-block;
    }

    /* 100% is the width of the containing block (the viewport): keep both edges on screen. */
    .panel.align-left {
      left: clamp(var(--_edge), anchor(left), 100% - var(--_edge) - min(var(--_panel-width), 100% - 2 * var(--_edge)));
      right: auto;
    }

    .panel.align-right {
      right: clamp(var(--_edge), anchor(right), 100% - var(--_edge) - min(var(--_panel-width), 100% - 2 * var(--_edge)));
      left: auto;
    }
  }
`);

export const accountMenuStyles = [styles, anchored];
