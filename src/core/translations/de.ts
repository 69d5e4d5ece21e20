/**
 * German, the default locale (formal "Sie", the publisher's own words). Every visible string of
 * every element is here, keyed by id; `en.ts` must have the same ids (the type system and a test
 * check it). A value is a string with `{name}` placeholders, or `{ one, other }` chosen by `count`.
 */
export const de = {
  'provider.unconfigured': 'Kein Kundenkonto-Dienst eingerichtet.',

  'common.retry': 'Erneut versuchen',
  'common.tooMany': 'Zu viele Versuche. Bitte warten Sie einen Moment.',
  'common.retryIn': {
    one: 'Sie können es in {count} Sekunde erneut versuchen.',
    other: 'Sie können es in {count} Sekunden erneut versuchen.',
  },
  'common.retryNow': 'Sie können es jetzt erneut versuchen.',
  'common.signInUnavailable': 'Die Anmeldung konnte nicht geladen werden. Bitte prüfen Sie Ihre Internetverbindung.',

  'error.invalid-credentials': 'E-Mail-Adresse oder Kennwort ist falsch.',
  'error.email-not-confirmed': 'Bitte bestätigen Sie zuerst Ihre E-Mail-Adresse. Den Link dazu haben wir Ihnen per E-Mail geschickt.',
  'error.unauthenticated': 'Bitte melden Sie sich an.',
  'error.validation': 'Bitte prüfen Sie Ihre Eingaben.',
  'error.key-invalid-format': 'Dieser Online-Schlüssel hat nicht das richtige Format.',
  'error.key-not-found': 'Diesen Online-Schlüssel kennen wir nicht. Bitte prüfen Sie ihn Zeichen für Zeichen.',
  'error.key-already-redeemed': 'Dieser Online-Schlüssel wurde bereits eingelöst.',
  'error.key-expired': 'Dieser Online-Schlüssel ist abgelaufen.',
  'error.key-not-yet-valid': 'Dieser Online-Schlüssel kann erst ab dem {date} eingelöst werden.',
  'error.key-not-for-customer-type': 'Dieser Online-Schlüssel ist für ein anderes Kundenkonto bestimmt.',
  'error.offline': 'Keine Verbindung. Bitte prüfen Sie Ihre Internetverbindung und versuchen Sie es erneut.',
  'error.timeout': 'Der Dienst antwortet gerade nicht. Bitte versuchen Sie es erneut.',
  'error.aborted': 'Der Vorgang wurde abgebrochen.',
  'error.bad-response': 'Der Dienst hat unerwartet geantwortet. Bitte versuchen Sie es erneut.',
  'error.server': 'Beim Dienst ist ein Fehler aufgetreten. Bitte versuchen Sie es später erneut.',

  'key.label': 'Online-Schlüssel',
  'key.hint': 'Der Schlüssel hat {length} Zeichen. Die Zeichen 0, O, Q, 1, I, L, 2, Z, 5 und S kommen nicht vor, damit sie nicht verwechselt werden.',
  'key.empty': 'Bitte geben Sie Ihren Online-Schlüssel ein.',
  'key.incomplete': {
    one: 'Dieser Schlüssel ist unvollständig: Es fehlt noch {count} Zeichen.',
    other: 'Dieser Schlüssel ist unvollständig: Es fehlen noch {count} Zeichen.',
  },
  'key.too-long': 'Dieser Schlüssel ist zu lang. Bitte prüfen Sie Ihre Eingabe.',
  'key.invalid-character': 'Bitte prüfen Sie Zeichen {position}: „{character}“ kommt in Online-Schlüsseln nicht vor.',
  'key.checksum': 'Dieser Schlüssel enthält einen Tippfehler. Bitte prüfen Sie ihn Zeichen für Zeichen.',

  'product.kind.licence': 'Meine Lizenzen',
  'product.kind.download': 'Meine Downloads',
  'product.kind.journal': 'Fachzeitschriften',
  'product.licence.single': 'Einzellizenz',
  'product.licence.school': 'Schullizenz',
  'product.licence.staff': 'Kollegiumslizenz',
  'product.licence.trial': 'Testlizenz',
  'product.validUntil': 'Gültig bis {date}',
  'product.open': 'Zur Nutzung',
} as const satisfies Record<string, string | { one: string; other: string }>;
