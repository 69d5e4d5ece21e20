import type { MessageBundle, MessageValue } from '../../core/localize.js';

/** `<ks-sign-in>`'s own strings. German first (formal "Sie", the publisher's words), then English. */
const de = {
  'signIn.title': 'Anmelden',
  'signIn.email': 'E-Mail-Adresse',
  'signIn.password': 'Kennwort',
  'signIn.showPassword': 'Kennwort anzeigen',
  'signIn.showPassword.short': 'Anzeigen',
  'signIn.email.empty': 'Bitte geben Sie Ihre E-Mail-Adresse ein.',
  'signIn.email.malformed': 'Bitte geben Sie eine gültige E-Mail-Adresse ein, zum Beispiel name@beispiel.de.',
  'signIn.password.empty': 'Bitte geben Sie Ihr Kennwort ein.',
  'signIn.submit': 'Anmelden',
  'signIn.submitting': 'Anmeldung läuft …',
  'signIn.forgot': 'Passwort vergessen?',
  'signIn.noAccount': 'Noch kein Konto?',
  'signIn.register': 'Neues Konto erstellen',
  'signIn.signedIn': 'Sie sind angemeldet als {email}.',
  'signIn.resend': 'Bestätigungs-E-Mail erneut senden',
  'signIn.resent':
    'Wir haben Ihnen die Bestätigungs-E-Mail erneut an {email} geschickt. Sollte sie nicht in Ihrem Posteingang zu sehen sein, prüfen Sie bitte den Spam- oder Junk-Mail-Ordner.',
  'signIn.resendIn': {
    one: 'Sie können die E-Mail in {count} Sekunde noch einmal anfordern.',
    other: 'Sie können die E-Mail in {count} Sekunden noch einmal anfordern.',
  },

  'reset.title': 'Kennwort zurücksetzen',
  'reset.intro': 'Geben Sie die E-Mail-Adresse Ihres Kontos ein. Wir schicken Ihnen einen Link, mit dem Sie ein neues Kennwort festlegen können.',
  'reset.submit': 'Link zum Zurücksetzen senden',
  'reset.submitting': 'Wird gesendet …',
  'reset.sent':
    'Falls ein Konto mit der E-Mail-Adresse {email} besteht, haben wir Ihnen eine E-Mail mit einem Link zum Zurücksetzen Ihres Kennworts geschickt. Sollte sie nicht in Ihrem Posteingang zu sehen sein, prüfen Sie bitte den Spam- oder Junk-Mail-Ordner.',
  'reset.back': 'Zurück zur Anmeldung',

  'confirm.confirming': 'Ihre E-Mail-Adresse wird bestätigt …',
  'confirm.confirmed': 'Ihre E-Mail-Adresse ist bestätigt. Sie sind jetzt angemeldet.',
  'confirm.failed': 'Ihre E-Mail-Adresse konnte nicht bestätigt werden.',
  'confirm.invalid': 'Der Bestätigungslink ist ungültig oder abgelaufen.',
  'confirm.resend.title': 'Neuen Bestätigungslink anfordern',
  'confirm.resend.intro':
    'Haben Sie Ihre E-Mail-Adresse schon bestätigt, melden Sie sich einfach an. Sonst geben Sie hier die E-Mail-Adresse Ihres Kontos ein: Wir schicken Ihnen einen neuen Link.',

  'newPassword.title': 'Neues Kennwort festlegen',
  'newPassword.intro': 'Wählen Sie ein neues Kennwort für Ihr Konto. Danach melden Sie sich damit an.',
  'newPassword.password': 'Neues Kennwort',
  'newPassword.hint': 'Mindestens {min} Zeichen.',
  'newPassword.account': 'Der Link gilt für das Konto, an das er geschickt wurde. Ihr Browser ordnet das neue Kennwort {email} zu.',
  'newPassword.otherAddress': 'Andere E-Mail-Adresse angeben',
  'newPassword.submit': 'Kennwort speichern',
  'newPassword.submitting': 'Wird gespeichert …',
  'newPassword.empty': 'Bitte geben Sie ein neues Kennwort ein.',
  'newPassword.tooShort': 'Das Kennwort ist zu kurz. Bitte verwenden Sie mindestens {min} Zeichen.',
  'newPassword.tooShort.unknownMinimum': 'Das Kennwort ist zu kurz. Bitte wählen Sie ein längeres.',
  'newPassword.tooLong': 'Das Kennwort ist zu lang. Bitte verwenden Sie höchstens {max} Zeichen.',
  'newPassword.tooCommon': 'Dieses Kennwort ist sehr verbreitet und leicht zu erraten. Bitte wählen Sie ein anderes.',
  'newPassword.containsEmail': 'Das Kennwort darf Ihre E-Mail-Adresse nicht enthalten. Bitte wählen Sie ein anderes.',
  'newPassword.refused': 'Dieses Kennwort können wir nicht verwenden. Bitte wählen Sie ein anderes.',
  'newPassword.linkInvalid': 'Der Link zum Zurücksetzen Ihres Kennworts ist ungültig oder abgelaufen. Bitte fordern Sie einen neuen Link an.',
  'newPassword.requestLink': 'Neuen Link anfordern',
  'newPassword.changed': 'Ihr Kennwort wurde geändert. Bitte melden Sie sich mit dem neuen Kennwort an.',
  'newPassword.changedOtherAccount':
    'Das Kennwort des Kontos, an das der Link geschickt wurde, ist geändert. Sie bleiben als {email} angemeldet.',
} as const satisfies Record<string, MessageValue>;

export type SignInMessageId = keyof typeof de;

const en: Readonly<Record<SignInMessageId, MessageValue>> = {
  'signIn.title': 'Sign in',
  'signIn.email': 'E-mail address',
  'signIn.password': 'Password',
  'signIn.showPassword': 'Show password',
  'signIn.showPassword.short': 'Show',
  'signIn.email.empty': 'Please enter your e-mail address.',
  'signIn.email.malformed': 'Please enter a valid e-mail address, for example name@example.com.',
  'signIn.password.empty': 'Please enter your password.',
  'signIn.submit': 'Sign in',
  'signIn.submitting': 'Signing in …',
  'signIn.forgot': 'Forgot your password?',
  'signIn.noAccount': 'No account yet?',
  'signIn.register': 'Create a new account',
  'signIn.signedIn': 'You are signed in as {email}.',
  'signIn.resend': 'Resend confirmation e-mail',
  'signIn.resent':
    'We have sent the confirmation e-mail to {email} again. If it does not arrive in your inbox, please check your spam or junk folder.',
  'signIn.resendIn': {
    one: 'You can request the e-mail again in {count} second.',
    other: 'You can request the e-mail again in {count} seconds.',
  },

  'reset.title': 'Reset password',
  'reset.intro': 'Enter the e-mail address of your account. We will send you a link to set a new password.',
  'reset.submit': 'Send reset link',
  'reset.submitting': 'Sending …',
  'reset.sent':
    'If an account with the e-mail address {email} exists, we have sent you an e-mail with a link to reset your password. If it does not arrive in your inbox, please check your spam or junk folder.',
  'reset.back': 'Back to sign in',

  'confirm.confirming': 'Confirming your e-mail address …',
  'confirm.confirmed': 'Your e-mail address is confirmed. You are now signed in.',
  'confirm.failed': 'Your e-mail address could not be confirmed.',
  'confirm.invalid': 'The confirmation link is invalid or has expired.',
  'confirm.resend.title': 'Request a new confirmation link',
  'confirm.resend.intro':
    'If you have already confirmed your e-mail address, simply sign in. Otherwise enter the e-mail address of your account here and we will send you a new link.',

  'newPassword.title': 'Set a new password',
  'newPassword.intro': 'Choose a new password for your account. Then sign in with it.',
  'newPassword.password': 'New password',
  'newPassword.hint': 'At least {min} characters.',
  'newPassword.account': 'The link is for the account it was sent to. Your browser will file the new password under {email}.',
  'newPassword.otherAddress': 'Enter another e-mail address',
  'newPassword.submit': 'Save password',
  'newPassword.submitting': 'Saving …',
  'newPassword.empty': 'Please enter a new password.',
  'newPassword.tooShort': 'This password is too short. Please use at least {min} characters.',
  'newPassword.tooShort.unknownMinimum': 'This password is too short. Please choose a longer one.',
  'newPassword.tooLong': 'This password is too long. Please use at most {max} characters.',
  'newPassword.tooCommon': 'This password is very common and easy to guess. Please choose another one.',
  'newPassword.containsEmail': 'The password must not contain your e-mail address. Please choose another one.',
  'newPassword.refused': 'We cannot use this password. Please choose another one.',
  'newPassword.linkInvalid': 'The link to reset your password is invalid or has expired. Please request a new link.',
  'newPassword.requestLink': 'Request a new link',
  'newPassword.changed': 'Your password has been changed. Please sign in with your new password.',
  'newPassword.changedOtherAccount':
    'The password of the account the link was sent to has been changed. You are still signed in as {email}.',
};

export const signInMessages: MessageBundle<SignInMessageId> = { de, en };
