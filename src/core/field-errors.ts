/**
 * The vocabulary of the `validation` error: which field is wrong (a dot path into the request
 * body) and why (a stable code the UI translates, never a validator's text). `MemoryBackend` and
 * the reference server both produce their field errors here, so they answer the same input with
 * the same codes.
 */
import { LIMITS } from './limits.js';
import type { FieldError } from './schemas.js';
import * as z from './zod.js';

/**
 * Every code keyshelf's own backends send. A newer or a publisher's backend may send others: on
 * the wire a code is any short string, so the UI shows a generic message for one it does not know.
 */
export const fieldErrorCodes = [
  // The shape of the request (from its schema).
  /** Missing, or blank after trimming. */
  'required',
  'too-short',
  'too-long',
  'invalid-email',
  /** Does not match the field's pattern (e.g. a pending key with more than letters and digits). */
  'invalid-format',
  /** A value of the wrong JSON type (a string where a boolean belongs). */
  'invalid-type',
  /** Not one of the allowed values (e.g. an unknown customer type, a country code not assigned). */
  'invalid-value',
  /** A field the request schema does not name: requests are strict. */
  'unknown-field',
  /** The body is not JSON (`field` is `''`). */
  'invalid-json',
  /** Anything else wrong with the field's shape. */
  'invalid',
  // The password policy.
  'password-too-short',
  'password-too-common',
  'password-contains-email',
  // Registration rules.
  'institution-required',
  /** The current terms version was not accepted. */
  'terms-required',
  // Tokens from e-mail links.
  /** Unknown, malformed or already used. */
  'token-invalid',
  'token-expired',
  // Redeem.
  /** The idempotency key was first used with another online key (`MemoryBackend` only). */
  'reused',
] as const;

export type FieldErrorCode = (typeof fieldErrorCodes)[number];

export function isFieldErrorCode(value: unknown): value is FieldErrorCode {
  return typeof value === 'string' && (fieldErrorCodes as readonly string[]).includes(value);
}

/** A checked request body, or what is wrong with it. */
export type FieldCheck<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly fieldErrors: FieldError[] };

/** The part of a zod issue the mapping reads. */
interface Issue {
  readonly code?: string;
  readonly path: readonly PropertyKey[];
  readonly keys?: readonly string[];
  readonly minimum?: unknown;
  readonly format?: string;
}

/**
 * Parses `input` with `schema`. `sameFix` names fields where whatever is wrong, the user's fix is
 * the same (`{ token: 'token-invalid' }`: a broken link is a broken link), so that one code is
 * reported for them whatever the schema found.
 */
export function checkFields<S extends z.ZodMiniType>(
  schema: S,
  input: unknown,
  sameFix: Readonly<Record<string, FieldErrorCode>> = {},
): FieldCheck<z.output<S>> {
  const result = z.safeParse(schema, input);
  if (result.success) return { ok: true, value: result.data };
  const fieldErrors = fieldErrorsFromIssues(result.error.issues, input).map((error) => {
    const code = Object.hasOwn(sameFix, error.field) ? sameFix[error.field] : undefined;
    return code === undefined ? error : { field: error.field, code };
  });
  return { ok: false, fieldErrors };
}

/** zod issues as field errors, one per field (the first found). */
export function fieldErrorsFromIssues(issues: readonly Issue[], input: unknown): FieldError[] {
  const errors: FieldError[] = [];
  for (const issue of issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys ?? []) errors.push({ field: fieldPath([...issue.path, key]), code: 'unknown-field' });
    } else {
      errors.push({ field: fieldPath(issue.path), code: codeFor(issue, valueAt(input, issue.path)) });
    }
  }
  return firstPerField(errors);
}

/** One error per field, the first one found: the user fixes one thing at a time per field. */
export function firstPerField(errors: readonly FieldError[]): FieldError[] {
  const byField = new Map<string, FieldError>();
  for (const error of errors) if (!byField.has(error.field)) byField.set(error.field, error);
  return [...byField.values()];
}

/** The value at `path` in the raw input, own properties only; `undefined` when any step is missing. */
export function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let value = input;
  for (const segment of path) {
    if (typeof value !== 'object' || value === null || !Object.hasOwn(value, segment)) return undefined;
    value = (value as Record<PropertyKey, unknown>)[segment];
  }
  return value;
}

// zod leaves the input out of its issues, so "missing" is read from the input itself.
function codeFor(issue: Issue, value: unknown): FieldErrorCode {
  if (value === undefined) return 'required';
  switch (issue.code) {
    case 'invalid_type':
      return 'invalid-type';
    case 'too_small':
      return Number(issue.minimum) <= 1 ? 'required' : 'too-short';
    case 'too_big':
      return 'too-long';
    case 'invalid_format':
      return issue.format === 'email' ? 'invalid-email' : 'invalid-format';
    case 'invalid_value':
      return 'invalid-value';
    default:
      return 'invalid';
  }
}

// Capped like `fieldErrorSchema.field`, or a client would refuse the whole problem over a long unknown key.
function fieldPath(path: readonly PropertyKey[]): string {
  return path.map(String).join('.').slice(0, LIMITS.fieldPath);
}
