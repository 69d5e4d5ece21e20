/**
 * Focus movement inside an open menu, as the WAI-ARIA APG menu pattern asks: ↑/↓ wrap, Home/End
 * jump to the ends, a printable character moves to the next item starting with it. One item has
 * tabindex 0 (the one with focus), the others -1.
 */

/** The index the key moves focus to, or `null` when the key does not move focus. */
export function indexForKey(key: string, current: number, count: number): number | null {
  if (count === 0) return null;
  switch (key) {
    case 'ArrowDown':
      return current < 0 ? 0 : (current + 1) % count;
    case 'ArrowUp':
      return current < 0 ? count - 1 : (current - 1 + count) % count;
    case 'Home':
      return 0;
    case 'End':
      return count - 1;
    default:
      return null;
  }
}

/** The next item after `current` (wrapping) whose label starts with `character`, or `null`. */
export function indexForCharacter(labels: readonly string[], current: number, character: string, locale: string): number | null {
  const wanted = character.toLocaleLowerCase(locale);
  for (let step = 1; step <= labels.length; step += 1) {
    const index = (current + step + labels.length) % labels.length;
    if (labels[index]!.trim().toLocaleLowerCase(locale).startsWith(wanted)) return index;
  }
  return null;
}

/** Whether a key press types a character (and so may jump to an item), not a shortcut. */
export function isPrintableKey(event: KeyboardEvent): boolean {
  return event.key.length === 1 && event.key !== ' ' && !event.ctrlKey && !event.metaKey && !event.altKey;
}

/** Moves focus to `items[index]` and makes it the one item in the tab sequence. */
export function focusItem(items: readonly HTMLElement[], index: number): void {
  items.forEach((item, i) => (item.tabIndex = i === index ? 0 : -1));
  items[index]?.focus();
}
