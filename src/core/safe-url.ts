/**
 * A URL from a backend may reach an `href` only when it is `https:` or a same-origin
 * relative path. Anything else (`javascript:`, `data:`, `http:`, protocol-relative `//host`)
 * is dropped, so a compromised or buggy backend cannot inject script through a link.
 */
export function toSafeUrl(value: string): string | undefined {
  const url = value.trim();
  // Browsers drop tabs and line breaks anywhere in a URL, so `/\t/evil.example` would become `//evil.example`.
  if (url === '' || /[\x00-\x1f\x7f]/.test(url)) return undefined;
  // Same-origin relative: a path, but not `//host` or `/\host` which browsers treat as another origin.
  if (url.startsWith('/')) return /^\/[/\\]/.test(url) ? undefined : url;
  // No scheme at all (e.g. `products/42`) is relative to the page, hence same-origin.
  if (!/^[a-z][a-z0-9+.-]*:/i.test(url)) return /[\\\s]/.test(url) ? undefined : url;
  try {
    return new URL(url).protocol === 'https:' ? url : undefined;
  } catch {
    return undefined;
  }
}
