/**
 * requestPasswordReset (contract), and completing it (a server extension: the contract has no
 * operation for it yet, but a reset mail must lead somewhere).
 */
import { confirmationSchema, passwordSchema } from '../../src/core/schemas.js';
import type { Route } from '../../src/core/rest-contract.js';
import * as z from '../../src/core/zod.js';
import { linkWithToken } from '../config.js';
import type { ContractHandlers, Handler } from '../http/route.js';
import { passwordResetMail } from '../mail/templates.js';
import { checkPassword, UNUSABLE_PASSWORD_HASH } from '../passwords.js';
import { ApiProblem } from '../problem.js';
import type { Services } from '../services.js';

export const completePasswordResetSchema = z.strictObject({ token: confirmationSchema.shape.token, password: passwordSchema });

/** Routes this server offers beyond the shared contract; listed in the OpenAPI document as extensions. */
export const extensionRoutes = {
  completePasswordReset: {
    method: 'POST',
    path: '/password-resets/complete',
    summary: 'Set a new password with the token from the reset mail (server extension, not in the Backend interface)',
    body: completePasswordResetSchema,
    status: [204],
    auth: false,
  },
} as const satisfies Record<string, Route>;

export function passwordResetHandlers(s: Services): Pick<ContractHandlers, 'requestPasswordReset'> & {
  completePasswordReset: Handler<typeof extensionRoutes.completePasswordReset>;
} {
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
      // Following the link proved the address; every old session ends with the old password.
      s.users.confirmEmail(user.id);
      s.sessions.destroyAllFor(user.id);
      s.log.audit({ event: 'password-reset-complete', outcome: 'ok', userId: user.id });
      return { status: 204, body: undefined };
    },
  };
}
