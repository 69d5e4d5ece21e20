import type { MessageBundle, MessageValue } from '../../core/localize.js';

/**
 * `<ks-redeem-key>`'s own strings. German first (formal "Sie", the seed's words), then English.
 * The key checks (`key.*`), the backend errors (`error.*`), the product card (`product.*`) and
 * what every element says about retries and rate limits (`common.*`) come from the shared catalogue.
 */
const de = {
  'redeemKey.form': 'Online-Schlüssel einlösen',
  'redeemKey.hint': 'Der Schlüssel hat {length} Zeichen. Die Zeichen {characters} kommen nicht vor, damit sie nicht verwechselt werden.',
  'redeemKey.hint.length': 'Der Schlüssel hat {length} Zeichen.',
  'redeemKey.submit': 'Online-Schlüssel einlösen',
  'redeemKey.submitting': 'Wird eingelöst …',
  'redeemKey.redeemNow': 'Jetzt einlösen',
  'redeemKey.another': 'Weiteren Schlüssel einlösen',
  'redeemKey.pending': 'Ihr Online-Schlüssel {key} ist eingetragen. Jetzt einlösen?',
  'redeemKey.signInFirst': 'Bitte melden Sie sich an, um den Online-Schlüssel einzulösen. Ihr Schlüssel bleibt eingetragen.',
  'redeemKey.batchLoading': 'Das Feld für mehrere Schlüssel wird geladen …',
  'redeemKey.batchUnavailable': 'Das Feld für mehrere Schlüssel konnte nicht geladen werden. Bitte prüfen Sie Ihre Internetverbindung.',

  'redeemKey.activated': 'Die Lizenz ist aktiviert.',
  'redeemKey.activated.next': 'Sie finden das Produkt jetzt unter „{list}“. Über „{open}“ gelangen Sie zu Ihrem Produkt.',
  'redeemKey.alreadyOwned': 'Sie besitzen dieses Produkt bereits.',
  'redeemKey.alreadyOwned.next': 'Sie finden es unter „{list}“. Über „{open}“ gelangen Sie zu Ihrem Produkt.',
  'redeemKey.redeemedByYou': 'Sie haben diesen Online-Schlüssel bereits eingelöst.',
  'redeemKey.redeemedByYou.next': 'Sie finden das Produkt in Ihrem Kundenkonto unter „Meine Produkte“.',
  'redeemKey.redeemedByOther': 'Dieser Online-Schlüssel wurde bereits mit einem anderen Kundenkonto eingelöst. Jeder Schlüssel kann nur einmal eingelöst werden.',
  'redeemKey.redeemedByOther.support': 'Wenn Sie den Schlüssel selbst erhalten und noch nicht eingelöst haben, hilft Ihnen unser Kundenservice weiter.',
  'redeemKey.redeemedByOther.issuer':
    'Wenn Sie den Schlüssel selbst erhalten und noch nicht eingelöst haben, wenden Sie sich bitte an die Stelle, von der Sie ihn bekommen haben.',
  'redeemKey.expired.support': 'Bei Fragen hilft Ihnen unser Kundenservice weiter.',
  'redeemKey.expired.issuer': 'Bitte wenden Sie sich an die Stelle, von der Sie den Schlüssel bekommen haben.',
  'redeemKey.notYetValid': 'Dieser Online-Schlüssel kann noch nicht eingelöst werden.',
  'redeemKey.notYetValid.next': 'Bitte versuchen Sie es ab diesem Tag noch einmal.',
  'redeemKey.notForCustomerType': 'Dieser Online-Schlüssel ist nur für diese Kundentypen bestimmt: {types}.',
  'redeemKey.notForCustomerType.yours': 'Ihr Kundenkonto hat den Kundentyp „{type}“.',
  'redeemKey.notForCustomerType.next':
    'Bitte melden Sie sich mit einem passenden Kundenkonto an, oder geben Sie den Schlüssel an die Person weiter, für die er bestimmt ist.',
  'redeemKey.keyKept': 'Ihr Schlüssel bleibt eingetragen.',
  'redeemKey.failed': 'Der Online-Schlüssel konnte nicht eingelöst werden. Bitte versuchen Sie es später erneut.',
  'redeemKey.support': 'Kundenservice kontaktieren',
  'redeemKey.toList': 'Zu „{list}“',
  'redeemKey.inList': 'Zu finden unter „{list}“',
} as const satisfies Record<string, MessageValue>;

export type RedeemKeyMessageId = keyof typeof de;

const en: Readonly<Record<RedeemKeyMessageId, MessageValue>> = {
  'redeemKey.form': 'Redeem an online key',
  'redeemKey.hint': 'The key has {length} characters. The characters {characters} do not occur, so that they cannot be mixed up.',
  'redeemKey.hint.length': 'The key has {length} characters.',
  'redeemKey.submit': 'Redeem online key',
  'redeemKey.submitting': 'Redeeming …',
  'redeemKey.redeemNow': 'Redeem now',
  'redeemKey.another': 'Redeem another key',
  'redeemKey.pending': 'Your online key {key} is filled in. Redeem it now?',
  'redeemKey.signInFirst': 'Please sign in to redeem the online key. Your key stays filled in.',
  'redeemKey.batchLoading': 'Loading the field for several keys …',
  'redeemKey.batchUnavailable': 'The field for several keys could not be loaded. Please check your internet connection.',

  'redeemKey.activated': 'The licence is activated.',
  'redeemKey.activated.next': 'You will now find the product in “{list}”. “{open}” takes you to your product.',
  'redeemKey.alreadyOwned': 'You already own this product.',
  'redeemKey.alreadyOwned.next': 'You will find it in “{list}”. “{open}” takes you to your product.',
  'redeemKey.redeemedByYou': 'You have already redeemed this online key.',
  'redeemKey.redeemedByYou.next': 'You will find the product in your account under “My products”.',
  'redeemKey.redeemedByOther': 'This online key has already been redeemed with another account. Each key can be redeemed only once.',
  'redeemKey.redeemedByOther.support': 'If you received the key yourself and have not redeemed it yet, our customer service will help you.',
  'redeemKey.redeemedByOther.issuer': 'If you received the key yourself and have not redeemed it yet, please contact whoever gave it to you.',
  'redeemKey.expired.support': 'If you have questions, our customer service will help you.',
  'redeemKey.expired.issuer': 'Please contact whoever gave you the key.',
  'redeemKey.notYetValid': 'This online key cannot be redeemed yet.',
  'redeemKey.notYetValid.next': 'Please try again from that day on.',
  'redeemKey.notForCustomerType': 'This online key is meant only for these types of account: {types}.',
  'redeemKey.notForCustomerType.yours': 'Your account is of the type “{type}”.',
  'redeemKey.notForCustomerType.next': 'Please sign in with a matching account, or pass the key on to the person it is meant for.',
  'redeemKey.keyKept': 'Your key stays filled in.',
  'redeemKey.failed': 'The online key could not be redeemed. Please try again later.',
  'redeemKey.support': 'Contact customer service',
  'redeemKey.toList': 'Go to “{list}”',
  'redeemKey.inList': 'Found in “{list}”',
};

export const redeemKeyMessages: MessageBundle<RedeemKeyMessageId> = { de, en };
