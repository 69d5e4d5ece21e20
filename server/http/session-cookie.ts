/** The session cookie: HttpOnly, SameSite=Lax, Path=/, Secure over https, Max-Age = absolute lifetime. */
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { AppContext } from './env.js';

export const SESSION_COOKIE = 'ks_session';

export function readSessionToken(c: AppContext): string | undefined {
  return getCookie(c, SESSION_COOKIE) || undefined;
}

export function writeSessionCookie(c: AppContext, token: string, maxAgeMs: number): void {
  setCookie(c, SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'Lax',
    path: '/',
    secure: c.get('secure'),
    maxAge: Math.floor(maxAgeMs / 1000),
  });
}

export function clearSessionCookie(c: AppContext): void {
  deleteCookie(c, SESSION_COOKIE, { httpOnly: true, sameSite: 'Lax', path: '/', secure: c.get('secure') });
}
