/**
 * zod issues as the `validation` error's field errors: a dot path and a stable code the UI
 * translates, never zod's own message text. The codes are the reference server's
 * (`server/problem.ts`): `required`, `too-short`, `too-long`, `invalid-email`, `invalid-format`,
 * `invalid-type`, `invalid-value`, `unknown-field`, else `invalid`.
 */
import { BackendError } from '../../core/errors.js';
import type { FieldError } from '../../core/schemas.js';
import * as z from '../../core/zod.js';

interface Issue {
  readonly code?: string;
  readonly path: PropertyKey[];
  readonly keys?: string[];
  readonly minimum?: number | bigint;
  readonly format?: string;
}

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

/** The parsed value, or a `validation` error listing every field that is wrong. */
export function parseOrThrow<S extends z.ZodMiniType>(schema: S, input: unknown): z.output<S> {
  const result = z.safeParse(schema, input);
  if (result.success) return result.data;
  throw validationError(fieldErrorsFromIssues(result.error.issues, input));
}

export function validationError(fieldErrors: readonly FieldError[]): BackendError {
  return new BackendError('validation', { fieldErrors });
}

/** One error per field, the first one found: the user fixes one thing at a time per field. */
export function firstPerField(errors: readonly FieldError[]): FieldError[] {
  const byField = new Map<string, FieldError>();
  for (const error of errors) if (!byField.has(error.field)) byField.set(error.field, error);
  return [...byField.values()];
}

// zod leaves the input out of its issues, so "missing" is read from the input itself.
function codeFor(issue: Issue, value: unknown): string {
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

function fieldPath(path: readonly PropertyKey[]): string {
  return path.map(String).join('.');
}

export function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let value = input;
  for (const segment of path) {
    if (typeof value !== 'object' || value === null || !Object.hasOwn(value, segment)) return undefined;
    value = (value as Record<PropertyKey, unknown>)[segment];
  }
  return value;
}
