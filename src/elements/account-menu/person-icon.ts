import { svg } from 'lit';

/** The person symbol of the trigger, inline so the element makes no request of its own. */
export const personIcon = svg`<svg part="icon" class="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
  <circle cx="12" cy="8" r="4" fill="none" stroke="currentColor" stroke-width="2" />
  <path d="M4 20.5c0-4 3.6-6.5 8-6.5s8 2.5 8 6.5" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" />
</svg>`;
