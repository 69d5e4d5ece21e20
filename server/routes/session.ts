/** getSession, signIn, signOut. */
import { ApiProblem } from '../problem.js';
import type { ContractHandlers } from '../http/route.js';
import { clearSessionCookie, writeSessionCookie } from '../http/session-cookie.js';
import type { Services } from '../services.js';
import { normalizeEmail, toSessionUser } from '../users.js';

export function sessionHandlers(s: Services): Pick<ContractHandlers, 'getSession' | 'signIn' | 'signOut'> {
  return {
    getSession: ({ user }) => ({ status: 200, body: { user: user === null ? null : toSessionUser(user) } }),

    async signIn({ c, ip, sessionToken }, { email, password }) {
      // Counted by the address as typed (normalized), known or not: see DEFAULT_RATE_LIMITS.
      const account = normalizeEmail(email);
      const pair = `${account}\u0000${ip}`;
      const wait = Math.max(
        s.limiter.retryAfter('signInPerAccountAndIp', pair),
        s.limiter.retryAfter('signInPerIp', ip),
        s.limiter.retryAfter('signInPerAccount', account),
      );
      if (wait > 0) {
        s.log.audit({ event: 'sign-in', outcome: 'rate-limited' });
        throw ApiProblem.of('rate-limited', { retryAfter: wait });
      }
      const user = s.users.byEmail(email);
      // An unknown address costs one scrypt run too, so that timing does not reveal which addresses exist.
      const valid = user ? await s.hasher.verify(password, user.password_hash) : await s.hasher.verifyDummy(password);
      if (!user || !valid) {
        s.limiter.hit('signInPerAccountAndIp', pair);
        s.limiter.hit('signInPerIp', ip);
        s.limiter.hit('signInPerAccount', account);
        s.log.audit({ event: 'sign-in', outcome: 'invalid-credentials', userId: user?.id });
        throw ApiProblem.of('invalid-credentials');
      }
      if (user.email_confirmed !== 1) {
        s.log.audit({ event: 'sign-in', outcome: 'email-not-confirmed', userId: user.id });
        throw ApiProblem.of('email-not-confirmed');
      }
      // Only the pair's count ends with a success: the owner's typos are forgiven, but the failures
      // of others on this account, from other addresses, still count against it.
      s.limiter.reset('signInPerAccountAndIp', pair);
      // A new token at every sign-in: a session id planted before sign-in is worth nothing after it.
      s.sessions.destroy(sessionToken);
      writeSessionCookie(c, s.sessions.create(user.id), s.sessions.timeouts.absoluteMs);
      s.log.audit({ event: 'sign-in', outcome: 'ok', userId: user.id });
      return { status: 200, body: { user: toSessionUser(user) } };
    },

    signOut({ c, user, sessionToken }) {
      s.sessions.destroy(sessionToken);
      if (sessionToken !== undefined) clearSessionCookie(c);
      s.log.audit({ event: 'sign-out', outcome: user ? 'ok' : 'not-signed-in', userId: user?.id });
      return { status: 204, body: undefined };
    },
  };
}
