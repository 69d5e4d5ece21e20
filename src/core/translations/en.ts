import type { Catalogue } from '../localize.js';

export const en: Catalogue = {
  'provider.unconfigured': 'No account service is set up.',

  'common.retry': 'Try again',
  'common.tooMany': 'Too many attempts. Please wait a moment.',
  'common.retryIn': {
    one: 'You can try again in {count} second.',
    other: 'You can try again in {count} seconds.',
  },
  'common.retryNow': 'You can try again now.',
  'common.signInUnavailable': 'The sign-in form could not be loaded. Please check your internet connection.',

  'error.invalid-credentials': 'The e-mail address or password is wrong.',
  'error.email-not-confirmed': 'Please confirm your e-mail address first. We have sent you the link by e-mail.',
  'error.unauthenticated': 'Please sign in.',
  'error.validation': 'Please check what you entered.',
  'error.key-invalid-format': 'This online key does not have the right format.',
  'error.key-not-found': 'We do not know this online key. Please check it character by character.',
  'error.key-already-redeemed': 'This online key has already been redeemed.',
  'error.key-expired': 'This online key has expired.',
  'error.key-not-yet-valid': 'This online key can be redeemed from {date}.',
  'error.key-not-for-customer-type': 'This online key is meant for a different type of account.',
  'error.offline': 'No connection. Please check your internet connection and try again.',
  'error.timeout': 'The service is not answering right now. Please try again.',
  'error.aborted': 'The operation was cancelled.',
  'error.bad-response': 'The service gave an unexpected answer. Please try again.',
  'error.server': 'Something went wrong on the service. Please try again later.',

  'key.label': 'Online key',
  'key.hint': 'The key has {length} characters. The characters 0, O, Q, 1, I, L, 2, Z, 5 and S do not occur, so that they cannot be mixed up.',
  'key.empty': 'Please enter your online key.',
  'key.incomplete': {
    one: 'This key is incomplete: {count} character is missing.',
    other: 'This key is incomplete: {count} characters are missing.',
  },
  'key.too-long': 'This key is too long. Please check what you entered.',
  'key.invalid-character': 'Please check character {position}: “{character}” does not occur in online keys.',
  'key.checksum': 'This key contains a typo. Please check it character by character.',

  'product.kind.licence': 'My licences',
  'product.kind.download': 'My downloads',
  'product.kind.journal': 'Journals',
  'product.licence.single': 'Single licence',
  'product.licence.school': 'School licence',
  'product.licence.staff': 'Staff licence',
  'product.licence.trial': 'Trial licence',
  'product.validUntil': 'Valid until {date}',
  'product.open': 'Open',
};
