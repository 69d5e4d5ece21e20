/**
 * Sends mail without making the request wait for it: SMTP latency must not tell an observer whether
 * an address has an account, and a slow mail server must not slow down registration. Failures are
 * logged (without the address). `idle()` resolves when every queued message has been handed over.
 */
import type { Logger } from '../log.js';
import type { MailMessage, MailTransport } from './transport.js';

export interface Mailer {
  send(message: MailMessage): void;
  idle(): Promise<void>;
  readonly transport: MailTransport;
}

export function createMailer(transport: MailTransport, log: Logger): Mailer {
  const pending = new Set<Promise<void>>();
  return {
    transport,
    send(message) {
      const sending = transport
        .send(message)
        .catch((error: unknown) => log.error('mail not sent', { transport: transport.name, code: errorCode(error) }))
        .finally(() => pending.delete(sending));
      pending.add(sending);
    },
    async idle() {
      while (pending.size > 0) await Promise.all([...pending]);
    },
  };
}

export type { MailMessage, MailTransport } from './transport.js';

/** A transport error's code (`EAUTH`, `ECONNECTION`…), never its message: that may quote the address. */
function errorCode(error: unknown): string {
  const code = error && typeof error === 'object' ? (error as { code?: unknown }).code : undefined;
  return typeof code === 'string' ? code.slice(0, 40) : 'unknown';
}
