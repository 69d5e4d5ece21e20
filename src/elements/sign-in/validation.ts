import { emailSchema } from '../../core/schemas.js';

/**
 * What the sign-in and reset forms check before they send anything: only what the user can fix
 * at once. Whether the password is right, the backend decides.
 */
export type FieldProblem = 'email.empty' | 'email.malformed' | 'password.empty';

export function checkEmail(value: string): FieldProblem | undefined {
  const email = value.trim();
  if (email === '') return 'email.empty';
  // The same rule the backend's schema applies, so nothing the client lets through is refused as malformed.
  return emailSchema.safeParse(email).success ? undefined : 'email.malformed';
}

/** Passwords are never trimmed: a password of spaces is a password. */
export function checkPassword(value: string): FieldProblem | undefined {
  return value === '' ? 'password.empty' : undefined;
}

/**
 * When to show a field's problem: `(touched && dirty) || submitted`. A field is touched once the
 * user has left it and dirty once the user has changed it; neither goes back. So tabbing through
 * an empty form shows nothing, a half-typed address shows its problem only after the user moves
 * on, and a submit shows everything.
 */
export class InteractionState<Field extends string> {
  submitted = false;
  readonly #touched = new Set<Field>();
  readonly #dirty = new Set<Field>();

  touch(field: Field): void {
    this.#touched.add(field);
  }

  change(field: Field): void {
    this.#dirty.add(field);
  }

  isDirty(field: Field): boolean {
    return this.#dirty.has(field);
  }

  shows(field: Field): boolean {
    return this.submitted || (this.#touched.has(field) && this.#dirty.has(field));
  }

  reset(): void {
    this.submitted = false;
    this.#touched.clear();
    this.#dirty.clear();
  }
}
