/** Client IP and scheme, once per request. */
import { getConnInfo } from '@hono/node-server/conninfo';
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from './env.js';

export function requestInfo(options: { trustProxy: boolean; publicUrl: string }): MiddlewareHandler<AppEnv> {
  const publicIsHttps = options.publicUrl.startsWith('https:');
  return async (c, next) => {
    let ip = 'unknown';
    try {
      ip = getConnInfo(c).remote.address ?? 'unknown';
    } catch {
      // Not running on a Node socket (e.g. `app.request()` in a unit test).
    }
    let secure = publicIsHttps || new URL(c.req.url).protocol === 'https:';
    if (options.trustProxy) {
      // The right-most entry is the one our own proxy appended: the only one we can trust.
      const forwarded = c.req.header('X-Forwarded-For')?.split(',').map((part) => part.trim()).filter(Boolean);
      if (forwarded && forwarded.length > 0) ip = forwarded[forwarded.length - 1]!.slice(0, 64);
      if (c.req.header('X-Forwarded-Proto')?.split(',')[0]?.trim() === 'https') secure = true;
    }
    c.set('ip', ip);
    c.set('secure', secure);
    await next();
  };
}
