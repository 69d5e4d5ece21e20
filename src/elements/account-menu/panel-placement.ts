/**
 * Which side of the trigger the panel lines up with, chosen when it opens: it grows toward the
 * wider part of the viewport. The styles clamp it to the viewport on top of that (with CSS anchor
 * positioning), so even a trigger in the middle of a 320 px screen keeps the panel on screen.
 */
export type PanelAlign = 'left' | 'right';

export function choosePanelAlign(trigger: DOMRectReadOnly, viewportWidth: number): PanelAlign {
  const roomToTheRight = viewportWidth - trigger.left;
  const roomToTheLeft = trigger.right;
  return roomToTheRight > roomToTheLeft ? 'left' : 'right';
}
