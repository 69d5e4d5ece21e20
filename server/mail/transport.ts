/** The one thing the server needs from mail: send a message. SMTP in production, a dev mailbox otherwise. */
export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
}

export interface MailTransport {
  readonly name: string;
  send(message: MailMessage): Promise<void>;
  close?(): void;
}
