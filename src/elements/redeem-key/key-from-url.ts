/**
 * A key in the page's address, e.g. from a QR code printed in a book: `…/einloesen?key=MATH-7A3B-…`.
 * It is read once and then removed from the address (with `history.replaceState`), so that it is
 * not bookmarked, shared or sent on as a referrer.
 */

export interface KeyInUrl {
  /** The parameter's value, decoded (not yet normalized). */
  readonly key: string;
  /** The same address without the parameter: path, the other parameters exactly as they were, hash. */
  readonly url: string;
}

function decode(part: string): string | null {
  try {
    return decodeURIComponent(part.replace(/\+/g, ' '));
  } catch {
    return null;
  }
}

/** The first `name` parameter of `href`, and `href` without any `name` parameter; null when it has none. */
export function keyFromUrl(href: string, name: string): KeyInUrl | null {
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return null;
  }
  if (name === '' || url.search.length <= 1) return null;
  let key: string | null = null;
  const kept: string[] = [];
  // By hand rather than URLSearchParams, which would re-encode the parameters that stay.
  for (const pair of url.search.slice(1).split('&')) {
    const separator = pair.indexOf('=');
    if (decode(separator < 0 ? pair : pair.slice(0, separator)) !== name) kept.push(pair);
    else key ??= decode(separator < 0 ? '' : pair.slice(separator + 1)) ?? '';
  }
  if (key === null) return null;
  const search = kept.length > 0 ? `?${kept.join('&')}` : '';
  return { key, url: `${url.pathname}${search}${url.hash}` };
}

/** Reads the key from the page's address and removes it from there; null when there is none. */
export function takeKeyFromLocation(name: string): string | null {
  const found = keyFromUrl(window.location.href, name);
  if (!found) return null;
  try {
    window.history.replaceState(window.history.state, '', found.url);
  } catch {
    // A sandboxed or opaque-origin page may not rewrite its address; the key is still used.
  }
  return found.key;
}
