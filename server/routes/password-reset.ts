/** requestPasswordReset, completePasswordReset. */
import { checkPassword } from '../../src/core/password-policy.js';
import { checkPasswordResetCompletion } from '../../src/core/token-rules.js';
import { linkWithToken } from '../config.js';
import type { ContractBodyChecks, ContractHandlers } from '../http/route.js';
import { passwordResetMail } from '../mail/templates.js';
import { UNUSABLE_PASSWORD_HASH } from '../passwords.js';
import { ApiProblem } from '../problem.js';
import type { Services } from '../services.js';

type Names = 'requestPasswordReset' | 'completePasswordReset';

/** A malformed token is `token-invalid`, as in `MemoryBackend`. */
export const passwordResetBodyChecks: Pick<ContractBodyChecks, 'completePasswordReset'> = {
  completePasswordReset: checkPasswordResetCompletion,
};

/** Expects the bodies checked by `passwordResetBodyChecks`. */
export function passwordResetHandlers(s: Services): Pick<ContractHandlers, Names> {
  return {
    requestPasswordReset({ ip }, { email }) {
      const wait = s.limiter.retryAfter('resetPerIp', ip);
      if (wait > 0) {
        s.log.audit({ event: 'password-reset-request', outcome: 'rate-limited' });
        throw ApiProblem.of('rate-limited', { retryAfter: wait });
      }
      s.limiter.hit('resetPerIp', ip);
      const user = s.users.byEmail(email);
      const sent = user !== undefined && user.password_hash !== UNUSABLE_PASSWORD_HASH;
      if (sent) s.mailer.send(passwordResetMail(user.email, linkWithToken(s.config.resetUrl, s.tokens.issue('reset-password', user.id))));
      s.log.audit({ event: 'password-reset-request', outcome: sent ? 'sent' : 'not-sent', userId: user?.id });
      return { status: 202, body: undefined };
    },

    async completePasswordReset(_request, { token, password }) {
      const refuse = (reason: 'invalid' | 'expired') => {
        s.log.audit({ event: 'password-reset-complete', outcome: `token-${reason}` });
        return ApiProblem.validation([{ field: 'token', code: `token-${reason}` }]);
      };
      // Look first, use up later: a password the policy refuses must not cost the user the link.
      const peeked = s.tokens.peek('reset-password', token);
      if (!peeked.ok) throw refuse(peeked.reason);
      const user = s.users.byId(peeked.userId);
      if (!user) throw refuse('invalid');
      const errors = checkPassword(password, { policy: s.registrationOptions.passwordPolicy, email: user.email, blocklist: s.blocklist });
      if (errors.length > 0) throw ApiProblem.validation(errors);
      const hash = await s.hasher.hash(password);
      const used = s.tokens.consume('reset-password', token);
      if (!used.ok) throw refuse(used.reason);
      s.users.setPasswordHash(user.id, hash);
      // Following the link proved the address; every old session, and every other link, ends with the old password.
      s.users.confirmEmail(user.id);
      s.tokens.revokeAll('reset-password', user.id);
      s.tokens.revokeAll('confirm-email', user.id);
      s.sessions.destroyAllFor(user.id);
      s.log.audit({ event: 'password-reset-complete', outcome: 'ok', userId: user.id });
      return { status: 204, body: undefined };
    },
  };
}
