/** getRegistrationOptions, register, resendConfirmation, confirmEmail. */
import { isWellFormed } from '../../src/core/online-key.js';
import { checkRegistration } from '../../src/core/registration-rules.js';
import { checkConfirmation } from '../../src/core/token-rules.js';
import { linkWithParam, linkWithToken } from '../config.js';
import type { ContractBodyChecks, ContractHandlers } from '../http/route.js';
import { writeSessionCookie } from '../http/session-cookie.js';
import { alreadyRegisteredMail, confirmationMail } from '../mail/templates.js';
import { ApiProblem } from '../problem.js';
import type { Services } from '../services.js';
import type { UserRow } from '../users.js';
import { toSessionUser } from '../users.js';

type Names = 'getRegistrationOptions' | 'register' | 'resendConfirmation' | 'confirmEmail';

function isUniqueViolation(error: unknown): boolean {
  return error instanceof Error && (error as { code?: unknown }).code === 'SQLITE_CONSTRAINT_UNIQUE';
}

/** The same checks as `MemoryBackend`'s, with this server's blocklist of common passwords. */
export function registrationBodyChecks(s: Services): Pick<ContractBodyChecks, 'register' | 'confirmEmail'> {
  return {
    register: (raw) => checkRegistration(raw, s.registrationOptions, { blocklist: s.blocklist }),
    confirmEmail: checkConfirmation,
  };
}

/** Expects the bodies checked by `registrationBodyChecks`. */
export function registrationHandlers(s: Services): Pick<ContractHandlers, Names> {
  const limited = (name: 'registerPerIp' | 'resendPerIp', ip: string) => {
    const wait = s.limiter.retryAfter(name, ip);
    if (wait > 0) {
      s.log.audit({ event: name === 'registerPerIp' ? 'register' : 'resend-confirmation', outcome: 'rate-limited' });
      throw ApiProblem.of('rate-limited', { retryAfter: wait });
    }
    s.limiter.hit(name, ip);
  };

  /**
   * A new confirmation link for `userId`. It carries `pendingKey` too (`&key=…`), so that the tab it
   * opens (whose sessionStorage is empty) gets back the key the user was about to redeem; only a
   * key well-formed for the key format, and for nothing else: it is not stored, not redeemed, and
   * not logged (the mail itself is the only place it goes). Without it, the link works the same.
   */
  const confirmationLink = (userId: string, pendingKey: string | undefined) => {
    const link = linkWithToken(s.config.confirmUrl, s.tokens.issue('confirm-email', userId));
    const carried = pendingKey !== undefined && isWellFormed(pendingKey, s.registrationOptions.keyFormat);
    return carried ? linkWithParam(link, s.config.confirmKeyParam, pendingKey) : link;
  };

  /** "You already have an account": the mail goes out instead of a confirmation, the answer is the same. */
  const tellAlreadyRegistered = (existing: UserRow, pendingKey: string | undefined) => {
    const confirm = existing.email_confirmed === 1 ? undefined : confirmationLink(existing.id, pendingKey);
    s.mailer.send(alreadyRegisteredMail(existing.email, { signIn: `${s.config.publicUrl}/`, ...(confirm ? { confirm } : {}) }));
    s.log.audit({ event: 'register', outcome: 'already-registered', userId: existing.id });
  };

  return {
    getRegistrationOptions: () => ({ status: 200, body: s.registrationOptions }),

    async register({ ip }, request) {
      limited('registerPerIp', ip);

      // Hash before looking the address up: both branches cost the same.
      const passwordHash = await s.hasher.hash(request.password);
      const existing = s.users.byEmail(request.email);
      if (existing) {
        tellAlreadyRegistered(existing, request.pendingKey);
      } else {
        const linked = request.customerNumber !== undefined && s.users.isKnownCustomerNumber(request.customerNumber);
        const { institution, ...address } = request.address;
        const type = s.registrationOptions.customerTypes.find((candidate) => candidate.id === request.customerType);
        try {
          const user = s.users.create({
            email: request.email,
            passwordHash,
            displayName: `${request.address.firstName} ${request.address.lastName}`,
            customerType: request.customerType,
            customerNumber: linked ? request.customerNumber : undefined,
            // An unknown number is kept for the manual check the wizard announces.
            claimedCustomerNumber: linked ? undefined : request.customerNumber,
            address: type?.requiresInstitution ? { ...address, institution } : address,
            newsletter: request.newsletter,
            termsVersion: request.acceptedTermsVersion,
            emailConfirmed: false,
            createdAt: s.clock.now(),
          });
          s.mailer.send(confirmationMail(user.email, confirmationLink(user.id, request.pendingKey)));
          s.log.audit({ event: 'register', outcome: linked ? 'ok-linked' : 'ok', userId: user.id });
        } catch (error) {
          // Two registrations of one address at once: the loser is "already registered".
          const winner = isUniqueViolation(error) ? s.users.byEmail(request.email) : undefined;
          if (!winner) throw error;
          tellAlreadyRegistered(winner, request.pendingKey);
        }
      }
      return { status: 202, body: { email: request.email } };
    },

    resendConfirmation({ ip }, { email, pendingKey }) {
      limited('resendPerIp', ip);
      const user = s.users.byEmail(email);
      if (user && user.email_confirmed !== 1) {
        s.mailer.send(confirmationMail(user.email, confirmationLink(user.id, pendingKey)));
      }
      s.log.audit({ event: 'resend-confirmation', outcome: user && user.email_confirmed !== 1 ? 'sent' : 'not-sent', userId: user?.id });
      return { status: 202, body: undefined };
    },

    confirmEmail({ c, sessionToken }, { token }) {
      const result = s.tokens.consume('confirm-email', token);
      if (!result.ok) {
        s.log.audit({ event: 'confirm-email', outcome: `token-${result.reason}` });
        throw ApiProblem.validation([{ field: 'token', code: result.reason === 'expired' ? 'token-expired' : 'token-invalid' }]);
      }
      s.users.confirmEmail(result.userId);
      // Every other confirmation link sent to the address is void: each one would sign in.
      s.tokens.revokeAll('confirm-email', result.userId);
      const user = s.users.byId(result.userId);
      if (!user) throw ApiProblem.validation([{ field: 'token', code: 'token-invalid' }]);
      s.sessions.destroy(sessionToken);
      writeSessionCookie(c, s.sessions.create(user.id), s.sessions.timeouts.absoluteMs);
      s.log.audit({ event: 'confirm-email', outcome: 'ok', userId: user.id });
      return { status: 200, body: { user: toSessionUser(user) } };
    },
  };
}
