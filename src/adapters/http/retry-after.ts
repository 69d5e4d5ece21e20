/**
 * `Retry-After` (RFC 9110 §10.2.3): either delay-seconds or an HTTP-date.
 */

import { DEFAULT_RETRY_AFTER_SECONDS } from '../../core/errors.js';

/** What a 429 reports when its `Retry-After` is missing or unreadable: the one default of keyshelf. */
export { DEFAULT_RETRY_AFTER_SECONDS };

// An HTTP-date starts with a day name ("Sun, 06 Nov 1994 08:49:37 GMT", or the two obsolete
// forms). Requiring it keeps Date.parse from reading "1.5" or "soon 2" as some date.
const httpDatePattern = /^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*,? /i;

/** Whole seconds from `now` until a retry may succeed, or `undefined` when absent or unreadable. */
export function parseRetryAfter(value: string | null | undefined, now: number = Date.now()): number | undefined {
  if (value == null) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) {
    const seconds = Number(text);
    return Number.isSafeInteger(seconds) ? seconds : undefined;
  }
  if (!httpDatePattern.test(text)) return undefined;
  const date = Date.parse(text);
  if (!Number.isFinite(date)) return undefined;
  return Math.max(0, Math.ceil((date - now) / 1000));
}

/** `Retry-After` in seconds, falling back to `DEFAULT_RETRY_AFTER_SECONDS`. */
export function retryAfterSeconds(headers: Headers, now: number = Date.now()): number {
  return parseRetryAfter(headers.get('Retry-After'), now) ?? DEFAULT_RETRY_AFTER_SECONDS;
}
