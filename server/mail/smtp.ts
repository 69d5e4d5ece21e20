import nodemailer from 'nodemailer';
import type { MailMessage, MailTransport } from './transport.js';

/** SMTP through nodemailer, e.g. `SMTP_URL=smtps://user:pass@mail.example.com:465`. */
export function createSmtpTransport(smtpUrl: string, from: string): MailTransport {
  const transporter = nodemailer.createTransport(smtpUrl);
  return {
    name: 'smtp',
    async send(message: MailMessage) {
      await transporter.sendMail({ from, to: message.to, subject: message.subject, text: message.text, html: message.html });
    },
    close() {
      transporter.close();
    },
  };
}
