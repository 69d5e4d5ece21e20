/**
 * The data contract between the elements and any backend, written once with zod/mini.
 * `HttpBackend` validates every response with these schemas, the reference server validates
 * every request body with them, and its OpenAPI document is generated from them.
 */
import type { FieldErrorCode } from './field-errors.js';
import * as z from './zod.js';
import { toSafeUrl } from './safe-url.js';
import { LIMITS } from './limits.js';
import { KEY_TEXT } from './online-key.js';
import { countryCodes } from './countries.js';

/** Length caps shared by every field (limits.ts), part of the contract. */
export { LIMITS } from './limits.js';

const text = (max: number) => z.string().check(z.trim(), z.minLength(1), z.maxLength(max));
const id = () => z.string().check(z.minLength(1), z.maxLength(LIMITS.id));
/** A URL sent by a server; unsafe values are dropped (become `undefined`), never rejected. */
const serverUrl = () => z.pipe(z.string().check(z.maxLength(LIMITS.url)), z.transform(toSafeUrl));
const isoDate = () => z.iso.date();

export const localizedLabel = z.object({ de: text(LIMITS.label), en: z.optional(text(LIMITS.label)) });

export const customerTypeSchema = z.object({
  id: id(),
  label: localizedLabel,
  /** The address step asks for a school or institution. */
  requiresInstitution: z.boolean(),
});

export const passwordPolicySchema = z.object({
  minLength: z._default(z.int().check(z.gte(8), z.lte(64)), 12),
  maxLength: z.int().check(z.gte(64), z.lte(LIMITS.password)),
});

export const keyFormatSchema = z.object({
  groups: z.int().check(z.gte(1), z.lte(8)),
  groupLength: z.int().check(z.gte(2), z.lte(8)),
  /** The characters a key may contain, upper-case, in check-character order. */
  alphabet: z.string().check(z.minLength(2), z.maxLength(64)),
  /** Whether the last character is a Luhn mod N check character over the others. */
  checkCharacter: z.boolean(),
});

export const registrationOptionsSchema = z.object({
  customerTypes: z.array(customerTypeSchema).check(z.minLength(1)),
  passwordPolicy: passwordPolicySchema,
  terms: z.object({ version: text(LIMITS.label), url: serverUrl() }),
  privacyUrl: serverUrl(),
  keyFormat: keyFormatSchema,
});

export const emailSchema = z.email().check(z.maxLength(LIMITS.email));
/** Passwords are never trimmed or truncated: exactly what the user typed is checked. */
export const passwordSchema = z.string().check(z.minLength(1), z.maxLength(LIMITS.password));

export const addressSchema = z.strictObject({
  firstName: text(LIMITS.name),
  lastName: text(LIMITS.name),
  street: text(LIMITS.street),
  postcode: text(LIMITS.postcode),
  city: text(LIMITS.city),
  /** ISO 3166-1 alpha-2, an assigned code (or XK): `countryCodes`. */
  country: z.enum(countryCodes).check(z.describe('ISO 3166-1 alpha-2 country code (or XK for Kosovo), e.g. DE')),
  /** Required when the customer type `requiresInstitution`; the server enforces it. */
  institution: z.optional(text(LIMITS.institution)),
});

/**
 * The online key a user is waiting to redeem, sent along with a registration or a resend so that
 * the confirmation link can carry it (`&key=…`) to the tab the link opens. Normalized (letters and
 * digits only, as `normalizeKey` leaves a key), at most `LIMITS.key`. A backend uses it for the
 * link alone: never redeemed, stored or logged in full, and left out of the link unless it is
 * well-formed for the backend's key format.
 */
const pendingKeySchema = () => z.string().check(z.minLength(1), z.maxLength(LIMITS.key), z.regex(KEY_TEXT));

export const registrationRequestSchema = z.strictObject({
  customerType: id(),
  email: emailSchema,
  password: passwordSchema,
  acceptedTermsVersion: text(LIMITS.label),
  newsletter: z.boolean(),
  customerNumber: z.optional(text(LIMITS.customerNumber)),
  address: addressSchema,
  pendingKey: z.optional(pendingKeySchema()),
});

export const credentialsSchema = z.strictObject({ email: emailSchema, password: passwordSchema });
export const emailOnlySchema = z.strictObject({ email: emailSchema });
export const resendConfirmationSchema = z.strictObject({ email: emailSchema, pendingKey: z.optional(pendingKeySchema()) });
/** A token from an e-mail link (confirmation, password reset), exactly as the link carried it. */
const mailTokenSchema = () => z.string().check(z.minLength(16), z.maxLength(LIMITS.token));
export const confirmationSchema = z.strictObject({ token: mailTokenSchema() });
export const passwordResetCompletionSchema = z.strictObject({ token: mailTokenSchema(), password: passwordSchema });
export const redeemRequestSchema = z.strictObject({ key: z.string().check(z.minLength(1), z.maxLength(LIMITS.key)) });

export const sessionUserSchema = z.object({
  id: id(),
  email: emailSchema,
  displayName: text(LIMITS.name * 2 + 1),
  customerType: id(),
  customerNumber: z.optional(text(LIMITS.customerNumber)),
  emailConfirmed: z.boolean(),
});

export const productKinds = ['licence', 'download', 'journal'] as const;
export const licenceTypes = ['single', 'school', 'staff', 'trial'] as const;

export const productSchema = z.object({
  id: id(),
  title: text(LIMITS.title),
  subtitle: z.optional(text(LIMITS.title)),
  coverUrl: z.optional(serverUrl()),
  kind: z.enum(productKinds),
  licenceType: z.enum(licenceTypes),
  validFrom: z.optional(isoDate()),
  validUntil: z.optional(isoDate()),
  openUrl: serverUrl(),
  /**
   * Only for `kind: 'download'`, where the contract has it; optional even there, because an unsafe
   * URL is dropped (see `toSafeUrl`) rather than failing the whole product list.
   */
  downloadUrl: z.optional(serverUrl()),
});

export const redeemResultSchema = z.object({
  product: productSchema,
  /** `activated`: this request activated the key; `already-owned`: the caller already had it. */
  outcome: z.enum(['activated', 'already-owned']),
});

export const sessionResponseSchema = z.object({ user: z.nullable(sessionUserSchema) });
export const signedInResponseSchema = z.object({ user: sessionUserSchema });
export const productsResponseSchema = z.object({ products: z.array(productSchema) });
export const registrationAcceptedSchema = z.object({ email: emailSchema });

export const fieldErrorSchema = z.object({
  /** Dot path into the request body, e.g. `address.postcode`. */
  field: z.string().check(z.maxLength(LIMITS.fieldPath)),
  /**
   * A stable code the UI translates (`fieldErrorCodes`). Any short string on the wire: a newer
   * backend may send a code this client does not know yet.
   */
  code: z.string().check(z.maxLength(50)),
});

/** RFC 9457 problem details, with the extension members keyshelf uses. */
export const problemSchema = z.looseObject({
  type: z._default(z.string().check(z.maxLength(LIMITS.url)), 'about:blank'),
  title: z.optional(z.string()),
  status: z.optional(z.int()),
  detail: z.optional(z.string()),
  instance: z.optional(z.string()),
  errors: z.optional(z.array(fieldErrorSchema).check(z.maxLength(50))),
  byYou: z.optional(z.boolean()),
  validFrom: z.optional(isoDate()),
  customerTypes: z.optional(z.array(id()).check(z.maxLength(20))),
});

export type LocalizedLabel = z.infer<typeof localizedLabel>;
export type CustomerType = z.infer<typeof customerTypeSchema>;
export type PasswordPolicy = z.infer<typeof passwordPolicySchema>;
export type KeyFormat = z.infer<typeof keyFormatSchema>;
/** Registration options as the client reads them: defaults filled in, unsafe URLs `undefined`. */
export type RegistrationOptions = z.infer<typeof registrationOptionsSchema>;
/** Registration options as a backend sends them (and as seed data is written). */
export type RegistrationOptionsWire = z.input<typeof registrationOptionsSchema>;
export type Address = z.infer<typeof addressSchema>;
export type RegistrationRequest = z.infer<typeof registrationRequestSchema>;
export type Credentials = z.infer<typeof credentialsSchema>;
export type ResendConfirmationRequest = z.infer<typeof resendConfirmationSchema>;
export type PasswordResetCompletion = z.infer<typeof passwordResetCompletionSchema>;
export type SessionUser = z.infer<typeof sessionUserSchema>;
export type ProductKind = (typeof productKinds)[number];
export type LicenceType = (typeof licenceTypes)[number];
/** A product as the client reads it: unsafe URLs are `undefined`. */
export type Product = z.infer<typeof productSchema>;
/** A product as a backend sends it (and as seed data is written): URLs are plain strings. */
export type ProductWire = z.input<typeof productSchema>;
export type RedeemResult = z.infer<typeof redeemResultSchema>;
export type RegistrationAccepted = z.infer<typeof registrationAcceptedSchema>;
/** What is wrong with one field of a request. */
export interface FieldError {
  /** Dot path into the request body, e.g. `address.postcode`; `''` for the body as a whole. */
  field: string;
  /** One of `fieldErrorCodes`, or a code from a newer backend (the UI shows a generic message for it). */
  code: FieldErrorCode | (string & {});
}
export type Problem = z.infer<typeof problemSchema>;
