/** "Dana Demo" → "DD", "Anna" → "A", "Anna-Lena von Berg" → "AB": first and last word, one character each. */
export function initials(name: string, locale: string): string {
  const words = name.trim().split(/\s+/).filter((word) => word !== '');
  const first = words[0];
  if (first === undefined) return '';
  const picked = words.length > 1 ? [first, words[words.length - 1]!] : [first];
  return picked.map((word) => firstCharacter(word)).join('').toLocaleUpperCase(locale);
}

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** The first user-perceived character, so "Émile" (with a combining accent) keeps its accent. */
function firstCharacter(word: string): string {
  return segmenter.segment(word)[Symbol.iterator]().next().value?.segment ?? '';
}
