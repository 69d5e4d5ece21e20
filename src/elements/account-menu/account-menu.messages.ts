import type { MessageBundle } from '../../core/localize.js';

const de = {
  'accountMenu.trigger.unknown': 'Konto',
  'accountMenu.trigger.signedOut': 'Konto: nicht angemeldet',
  'accountMenu.trigger.signedIn': '{initials} – Konto von {name}',
  'accountMenu.loading': 'Konto wird geladen …',
  'accountMenu.signedInAs': 'Angemeldet als',
  'accountMenu.signIn': 'Anmelden',
  'accountMenu.register': 'Neues Konto erstellen',
  'accountMenu.account': 'Mein Konto',
  'accountMenu.products': 'Meine Produkte',
  'accountMenu.redeem': 'Online-Schlüssel einlösen',
  'accountMenu.signOut': 'Abmelden',
  'accountMenu.sessionError': 'Ihr Konto konnte nicht geladen werden.',
  'accountMenu.signedOut': 'Sie wurden abgemeldet.',
  'accountMenu.signedOutUnconfirmed':
    'Sie sind auf diesem Gerät abgemeldet. Der Server hat die Abmeldung noch nicht bestätigt; sie wird nachgeholt, sobald diese Seite ihn wieder erreicht.',
  'accountMenu.signedIn': 'Sie sind jetzt angemeldet als {name}.',
  'accountMenu.emailConfirmed': 'Ihre E-Mail-Adresse ist bestätigt. Sie sind jetzt angemeldet.',
  'accountMenu.newPassword': 'Neues Kennwort festlegen',
} as const;

export type AccountMenuMessageId = keyof typeof de;

/** The strings of `<ks-account-menu>`, German first; a publisher overrides any of them by id. */
export const accountMenuMessages: MessageBundle<AccountMenuMessageId> = {
  de,
  en: {
    'accountMenu.trigger.unknown': 'Account',
    'accountMenu.trigger.signedOut': 'Account: not signed in',
    'accountMenu.trigger.signedIn': '{initials} – account of {name}',
    'accountMenu.loading': 'Loading your account …',
    'accountMenu.signedInAs': 'Signed in as',
    'accountMenu.signIn': 'Sign in',
    'accountMenu.register': 'Create a new account',
    'accountMenu.account': 'My account',
    'accountMenu.products': 'My products',
    'accountMenu.redeem': 'Redeem online key',
    'accountMenu.signOut': 'Sign out',
    'accountMenu.sessionError': 'Your account could not be loaded.',
    'accountMenu.signedOut': 'You have been signed out.',
    'accountMenu.signedOutUnconfirmed':
      'You are signed out on this device. The server has not confirmed it yet; it will be done as soon as this page reaches it again.',
    'accountMenu.signedIn': 'You are now signed in as {name}.',
    'accountMenu.emailConfirmed': 'Your e-mail address is confirmed. You are now signed in.',
    'accountMenu.newPassword': 'Set a new password',
  },
};
