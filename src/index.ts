/**
 * keyshelf's public API. Importing it defines no element and has no side effect: import
 * `keyshelf/define` (or one `keyshelf/elements/<name>`) to register the tags.
 */
export { AccountStore } from './core/store.js';
export type {
  AccountSnapshot,
  AccountStatus,
  AccountStoreOptions,
  ActionResult,
  FinishedBatchKey,
  KeyshelfLinks,
  PendingBatch,
  PendingBatchResult,
  Resource,
  StoreAction,
  StoreSettings,
} from './core/store.js';
export { configure } from './core/page-default.js';
export { getPageDefaultStore } from './core/document-context.js';
export type { KeyshelfConfig } from './core/page-default.js';
export { accountContext } from './core/context.js';
export type { Backend, BackendMethod, CallOptions, RedeemOptions, ResendConfirmationOptions } from './core/backend.js';
export { BackendError, backendErrorCodes, isBackendErrorCode, problemTypeFor } from './core/errors.js';
export type { BackendErrorCode, BackendErrorDetails } from './core/errors.js';
export * from './core/schemas.js';
export { countryCodes, type CountryCode } from './core/countries.js';
export {
  routes,
  problemStatus,
  isServerErrorCode,
  CSRF_HEADER,
  CSRF_HEADER_VALUE,
  IDEMPOTENCY_HEADER,
} from './core/rest-contract.js';
export type { ServerErrorCode } from './core/rest-contract.js';
export { fieldErrorCodes, isFieldErrorCode } from './core/field-errors.js';
export type { FieldErrorCode, FieldCheck } from './core/field-errors.js';
export { checkPassword, codePointLength } from './core/password-policy.js';
export type { PasswordContext } from './core/password-policy.js';
export {
  DEFAULT_KEY_FORMAT,
  checkKey,
  formatForDisplay,
  isWellFormed,
  normalizeKey,
} from './core/online-key.js';
export type { KeyCheck } from './core/online-key.js';
export { translate, resolveLocale, formatDate, locales } from './core/localize.js';
export type { Locale, MessageId, MessageOverrides, MessageValue } from './core/localize.js';
export type { RegistrationDraft } from './core/registration-draft.js';
export type { KsEventMap, KsNavigateDetail, NavigationTarget } from './core/events.js';
export { KsElement } from './core/ks-element.js';
export { HttpBackend } from './adapters/http/index.js';
export type { HttpBackendOptions } from './adapters/http/index.js';
export { MemoryBackend } from './adapters/memory/index.js';
export type { MemoryBackendOptions } from './adapters/memory/index.js';
export { KsProvider } from './elements/provider/provider.js';
export { KsAccountMenu } from './elements/account-menu/account-menu.js';
export { KsSignIn } from './elements/sign-in/sign-in.js';
export { KsRedeemKey } from './elements/redeem-key/redeem-key.js';
