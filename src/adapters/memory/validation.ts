/** Field errors (`src/core/field-errors.ts`) as `MemoryBackend`'s `validation` rejections. */
import { BackendError } from '../../core/errors.js';
import type { FieldCheck } from '../../core/field-errors.js';
import type { FieldError } from '../../core/schemas.js';

export function validationError(fieldErrors: readonly FieldError[]): BackendError {
  return new BackendError('validation', { fieldErrors });
}

/** The checked value, or a `validation` error listing every field that is wrong. */
export function valueOrThrow<T>(check: FieldCheck<T>): T {
  if (check.ok) return check.value;
  throw validationError(check.fieldErrors);
}
