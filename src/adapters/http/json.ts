/** `application/json`, `application/problem+json` and other `+json` types. */
export function isJsonContentType(contentType: string | null): boolean {
  const mediaType = (contentType ?? '').split(';', 1)[0]!.trim().toLowerCase();
  return /^application\/(?:[\w.-]+\+)?json$/.test(mediaType);
}

/**
 * `JSON.parse` that drops every `__proto__` member. JSON.parse itself only creates an own
 * property by that name, but any later spread or merge of the result would turn it into a
 * prototype; dropping it here means no code downstream has to remember that.
 */
export function parseJsonSafely(text: string): unknown {
  return JSON.parse(text, (key, value: unknown) => (key === '__proto__' ? undefined : value));
}
