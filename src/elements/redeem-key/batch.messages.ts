import type { MessageBundle, MessageValue } from '../../core/localize.js';

/**
 * Batch mode's strings (`<ks-redeem-key multiple>`), merged into the element's messages. German
 * first, then English; each can be overridden by the publisher like any other string.
 */
const de = {
  'redeemKey.batch.form': 'Mehrere Online-Schlüssel einlösen',
  'redeemKey.batch.label': 'Online-Schlüssel, einer pro Zeile',
  'redeemKey.batch.hint':
    'Jeder Schlüssel hat {length} Zeichen. Sie können die Schlüssel auch durch Kommas, Semikolons oder Leerzeichen trennen.',
  'redeemKey.batch.recognized': { one: '{count} Schlüssel erkannt', other: '{count} Schlüssel erkannt' },
  'redeemKey.batch.duplicates': '{count} doppelt',
  'redeemKey.batch.malformed': '{count} fehlerhaft',
  'redeemKey.batch.overflow': {
    one: 'Es werden höchstens {max} Schlüssel auf einmal übernommen: {count} weiterer wurde nicht übernommen.',
    other: 'Es werden höchstens {max} Schlüssel auf einmal übernommen: {count} weitere wurden nicht übernommen.',
  },
  'redeemKey.batch.preview': 'Erkannte Schlüssel',
  'redeemKey.batch.duplicate': 'doppelt',
  'redeemKey.batch.problem.incomplete': 'unvollständig',
  'redeemKey.batch.problem.too-long': 'zu lang',
  'redeemKey.batch.problem.invalid-character': 'Zeichen {position} prüfen',
  'redeemKey.batch.problem.checksum': 'Tippfehler, bitte Zeichen für Zeichen prüfen',
  'redeemKey.batch.submit': { one: '{count} Schlüssel einlösen', other: '{count} Schlüssel einlösen' },
  'redeemKey.batch.submitNone': 'Schlüssel einlösen',
  'redeemKey.batch.none': 'Bitte geben Sie mindestens einen vollständigen Online-Schlüssel ein.',

  'redeemKey.batch.results': 'Ergebnisse',
  'redeemKey.batch.progress': { one: '{done} von {count} Schlüssel bearbeitet', other: '{done} von {count} Schlüsseln bearbeitet' },
  'redeemKey.batch.progressWith': '{progress}: {counts}.',
  'redeemKey.batch.started': 'Die Schlüssel werden nacheinander eingelöst. Sie können jederzeit anhalten.',
  'redeemKey.batch.stopping': 'Wird angehalten, sobald der laufende Schlüssel eingelöst ist …',
  'redeemKey.batch.paused': { one: 'Angehalten. {count} Schlüssel wartet noch.', other: 'Angehalten. {count} Schlüssel warten noch.' },
  'redeemKey.batch.waiting': {
    one: '{count} Online-Schlüssel ist eingetragen. Jetzt einlösen?',
    other: '{count} Online-Schlüssel sind eingetragen. Jetzt einlösen?',
  },
  'redeemKey.batch.rateLimited': 'Zu viele Versuche. Das Einlösen geht nach einer kurzen Pause von selbst weiter.',
  'redeemKey.batch.continueIn': { one: 'Es geht in {count} Sekunde weiter.', other: 'Es geht in {count} Sekunden weiter.' },
  'redeemKey.batch.signInFirst': {
    one: 'Bitte melden Sie sich an, um den Online-Schlüssel einzulösen. Ihr Schlüssel bleibt eingetragen.',
    other: 'Bitte melden Sie sich an, um die {count} Online-Schlüssel einzulösen. Ihre Schlüssel bleiben eingetragen.',
  },
  'redeemKey.batch.finished': 'Fertig. {counts}.',
  'redeemKey.batch.retryHint': {
    one: '{count} Schlüssel konnte wegen einer Störung nicht eingelöst werden. Sie können es erneut versuchen.',
    other: '{count} Schlüssel konnten wegen einer Störung nicht eingelöst werden. Sie können es erneut versuchen.',
  },
  'redeemKey.batch.group.activated': '{count} aktiviert',
  'redeemKey.batch.group.owned': '{count} bereits in Ihrem Konto',
  'redeemKey.batch.group.taken': '{count} bereits eingelöst',
  'redeemKey.batch.group.invalid': '{count} ungültig',
  'redeemKey.batch.group.expired': '{count} abgelaufen',
  'redeemKey.batch.group.not-yet-valid': '{count} noch nicht gültig',
  'redeemKey.batch.group.not-for-customer-type': '{count} nicht für Ihren Kundentyp',
  'redeemKey.batch.group.not-redeemed': '{count} nicht eingelöst',

  'redeemKey.batch.item.waiting': 'wartet',
  'redeemKey.batch.item.redeeming': 'wird eingelöst …',
  'redeemKey.batch.item.activated': 'Aktiviert: {title}.',
  'redeemKey.batch.item.owned': 'Bereits in Ihrem Konto: {title}.',
  'redeemKey.batch.item.notSent': 'Nicht gesendet: {problem}.',
  'redeemKey.batch.item.retry': 'Nicht eingelöst, bitte erneut versuchen.',
  // A key done before a reload: its result in a word or two (the tab kept no product).
  'redeemKey.batch.item.earlier': '{result} (vor dem Neuladen der Seite).',
  'redeemKey.batch.result.activated': 'Aktiviert',
  'redeemKey.batch.result.owned': 'Bereits in Ihrem Konto',
  'redeemKey.batch.result.taken': 'Bereits mit einem anderen Kundenkonto eingelöst',
  'redeemKey.batch.result.invalid': 'Ungültig',
  'redeemKey.batch.result.expired': 'Abgelaufen',
  'redeemKey.batch.result.not-yet-valid': 'Noch nicht gültig',
  'redeemKey.batch.result.not-for-customer-type': 'Nicht für Ihren Kundentyp',
  'redeemKey.batch.result.malformed': 'Nicht gesendet, fehlerhaft',

  'redeemKey.batch.stop': 'Anhalten',
  'redeemKey.batch.resume': 'Fortsetzen',
  'redeemKey.batch.discard': 'Liste verwerfen',
  'redeemKey.batch.retryFailed': 'Fehlgeschlagene erneut versuchen',
  'redeemKey.batch.another': 'Weitere Schlüssel einlösen',
} as const satisfies Record<string, MessageValue>;

export type BatchMessageId = keyof typeof de;

const en: Readonly<Record<BatchMessageId, MessageValue>> = {
  'redeemKey.batch.form': 'Redeem several online keys',
  'redeemKey.batch.label': 'Online keys, one per line',
  'redeemKey.batch.hint': 'Each key has {length} characters. You can also separate the keys with commas, semicolons or spaces.',
  'redeemKey.batch.recognized': { one: '{count} key recognised', other: '{count} keys recognised' },
  'redeemKey.batch.duplicates': '{count} duplicate',
  'redeemKey.batch.malformed': '{count} malformed',
  'redeemKey.batch.overflow': {
    one: 'At most {max} keys are taken at once: {count} more key was left out.',
    other: 'At most {max} keys are taken at once: {count} more keys were left out.',
  },
  'redeemKey.batch.preview': 'Keys recognised',
  'redeemKey.batch.duplicate': 'duplicate',
  'redeemKey.batch.problem.incomplete': 'incomplete',
  'redeemKey.batch.problem.too-long': 'too long',
  'redeemKey.batch.problem.invalid-character': 'check character {position}',
  'redeemKey.batch.problem.checksum': 'typo, please check it character by character',
  'redeemKey.batch.submit': { one: 'Redeem {count} key', other: 'Redeem {count} keys' },
  'redeemKey.batch.submitNone': 'Redeem keys',
  'redeemKey.batch.none': 'Please enter at least one complete online key.',

  'redeemKey.batch.results': 'Results',
  'redeemKey.batch.progress': { one: '{done} of {count} key done', other: '{done} of {count} keys done' },
  'redeemKey.batch.progressWith': '{progress}: {counts}.',
  'redeemKey.batch.started': 'The keys are redeemed one after the other. You can pause at any time.',
  'redeemKey.batch.stopping': 'Pausing as soon as the current key is redeemed …',
  'redeemKey.batch.paused': { one: 'Paused. {count} key is still waiting.', other: 'Paused. {count} keys are still waiting.' },
  'redeemKey.batch.waiting': {
    one: '{count} online key is filled in. Redeem it now?',
    other: '{count} online keys are filled in. Redeem them now?',
  },
  'redeemKey.batch.rateLimited': 'Too many attempts. Redeeming goes on by itself after a short pause.',
  'redeemKey.batch.continueIn': { one: 'Going on in {count} second.', other: 'Going on in {count} seconds.' },
  'redeemKey.batch.signInFirst': {
    one: 'Please sign in to redeem the online key. Your key stays filled in.',
    other: 'Please sign in to redeem the {count} online keys. Your keys stay filled in.',
  },
  'redeemKey.batch.finished': 'Done. {counts}.',
  'redeemKey.batch.retryHint': {
    one: '{count} key could not be redeemed because of a fault. You can try again.',
    other: '{count} keys could not be redeemed because of a fault. You can try again.',
  },
  'redeemKey.batch.group.activated': '{count} activated',
  'redeemKey.batch.group.owned': '{count} already in your account',
  'redeemKey.batch.group.taken': '{count} already redeemed',
  'redeemKey.batch.group.invalid': '{count} invalid',
  'redeemKey.batch.group.expired': '{count} expired',
  'redeemKey.batch.group.not-yet-valid': '{count} not yet valid',
  'redeemKey.batch.group.not-for-customer-type': '{count} not for your type of account',
  'redeemKey.batch.group.not-redeemed': '{count} not redeemed',

  'redeemKey.batch.item.waiting': 'waiting',
  'redeemKey.batch.item.redeeming': 'redeeming …',
  'redeemKey.batch.item.activated': 'Activated: {title}.',
  'redeemKey.batch.item.owned': 'Already in your account: {title}.',
  'redeemKey.batch.item.notSent': 'Not sent: {problem}.',
  'redeemKey.batch.item.retry': 'Not redeemed, please try again.',
  'redeemKey.batch.item.earlier': '{result} (before the page was reloaded).',
  'redeemKey.batch.result.activated': 'Activated',
  'redeemKey.batch.result.owned': 'Already in your account',
  'redeemKey.batch.result.taken': 'Already redeemed with another account',
  'redeemKey.batch.result.invalid': 'Invalid',
  'redeemKey.batch.result.expired': 'Expired',
  'redeemKey.batch.result.not-yet-valid': 'Not valid yet',
  'redeemKey.batch.result.not-for-customer-type': 'Not for your type of account',
  'redeemKey.batch.result.malformed': 'Not sent, malformed',

  'redeemKey.batch.stop': 'Pause',
  'redeemKey.batch.resume': 'Continue',
  'redeemKey.batch.discard': 'Discard the list',
  'redeemKey.batch.retryFailed': 'Try the failed ones again',
  'redeemKey.batch.another': 'Redeem more keys',
};

export const batchMessages: MessageBundle<BatchMessageId> = { de, en };
