/**
 * The e-mails: German first (the customers' language), then English. Plain text plus a simple HTML
 * part; every interpolated value is escaped.
 */
import type { MailMessage } from './transport.js';

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

function compose(to: string, subject: string, paragraphs: Array<string | { link: string; label: string }>): MailMessage {
  const text = paragraphs.map((p) => (typeof p === 'string' ? p : `${p.label}:\n${p.link}`)).join('\n\n') + '\n';
  const html =
    '<!doctype html><html lang="de"><body>' +
    paragraphs
      .map((p) => (typeof p === 'string' ? `<p>${escapeHtml(p).replace(/\n/g, '<br>')}</p>` : `<p><a href="${escapeHtml(p.link)}">${escapeHtml(p.label)}</a></p>`))
      .join('') +
    '</body></html>';
  return { to, subject, text, html };
}

export function confirmationMail(to: string, link: string): MailMessage {
  return compose(to, 'Bitte bestätigen Sie Ihre E-Mail-Adresse / Please confirm your e-mail address', [
    'Guten Tag,\n\nbitte bestätigen Sie Ihre E-Mail-Adresse, um Ihr Konto zu aktivieren. Der Link ist 48 Stunden gültig und kann einmal verwendet werden.',
    { link, label: 'E-Mail-Adresse bestätigen' },
    'Hello,\n\nplease confirm your e-mail address to activate your account. The link is valid for 48 hours and works once.',
    'Wenn Sie kein Konto angelegt haben, können Sie diese E-Mail ignorieren. / If you did not create an account, ignore this e-mail.',
  ]);
}

/** Sent instead of a confirmation when someone registers with an address that already has an account. */
export function alreadyRegisteredMail(to: string, links: { signIn: string; confirm?: string }): MailMessage {
  return compose(to, 'Sie haben bereits ein Konto / You already have an account', [
    'Guten Tag,\n\njemand (vermutlich Sie) wollte mit dieser E-Mail-Adresse ein neues Konto anlegen. Für diese Adresse gibt es bereits ein Konto; es wurde nichts geändert.',
    ...(links.confirm
      ? [{ link: links.confirm, label: 'Ihre E-Mail-Adresse ist noch nicht bestätigt – jetzt bestätigen' }]
      : []),
    { link: links.signIn, label: 'Anmelden (Kennwort vergessen? Dort können Sie ein neues festlegen)' },
    'Hello,\n\nsomeone (probably you) tried to create an account with this e-mail address. It already has an account; nothing was changed. Sign in with the link above, or reset your password there.',
    'Wenn Sie das nicht waren, können Sie diese E-Mail ignorieren. / If this was not you, ignore this e-mail.',
  ]);
}

export function passwordResetMail(to: string, link: string): MailMessage {
  return compose(to, 'Kennwort zurücksetzen / Reset your password', [
    'Guten Tag,\n\nmit dem folgenden Link legen Sie ein neues Kennwort fest. Er ist eine Stunde gültig und kann einmal verwendet werden.',
    { link, label: 'Neues Kennwort festlegen' },
    'Hello,\n\nuse the link above to choose a new password. It is valid for one hour and works once.',
    'Wenn Sie das nicht angefordert haben, können Sie diese E-Mail ignorieren; Ihr Kennwort bleibt unverändert. / If you did not ask for this, ignore this e-mail; your password stays as it is.',
  ]);
}
