/** "Dana Demo" → "DD", "Anna" → "A", "Anna-Lena von Berg" → "AB": first and last word, one character each. */
export function initials(name: string, locale: string): string {
  const words = name.trim().split(/\s+/).filter((word) => word !== '');
  const first = words[0];
  if (first === undefined) return '';
  const picked = words.length > 1 ? [first, words[words.length - 1]!] : [first];
  return picked.map((word) => firstCharacter(word, locale)).join('').toLocaleUpperCase(locale);
}

/** One grapheme segmenter per locale, made when first needed; `null` where `Intl.Segmenter` is missing. */
const segmenters = new Map<string, Intl.Segmenter | null>();

function segmenterFor(locale: string): Intl.Segmenter | null {
  let segmenter = segmenters.get(locale);
  if (segmenter === undefined) {
    try {
      segmenter = typeof Intl.Segmenter === 'function' ? new Intl.Segmenter(locale, { granularity: 'grapheme' }) : null;
    } catch {
      segmenter = null;
    }
    segmenters.set(locale, segmenter);
  }
  return segmenter;
}

/**
 * The first user-perceived character, so "Émile" (with a combining accent) keeps its accent. Where
 * the browser has no `Intl.Segmenter` (Firefox before 125), the first code point.
 */
function firstCharacter(word: string, locale: string): string {
  const segmenter = segmenterFor(locale);
  if (!segmenter) return [...word][0] ?? '';
  return segmenter.segment(word)[Symbol.iterator]().next().value?.segment ?? '';
}
