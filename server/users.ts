/** Accounts in SQLite, and their public shape (`SessionUser`). */
import { randomUUID } from 'node:crypto';
import type { Address, SessionUser } from '../src/core/schemas.js';
import type { Db } from './db/index.js';

export interface UserRow {
  id: string;
  email: string;
  email_norm: string;
  password_hash: string;
  display_name: string;
  customer_type: string;
  customer_number: string | null;
  email_confirmed: number;
  created_at: number;
}

export interface NewUser {
  id?: string;
  email: string;
  passwordHash: string;
  displayName: string;
  customerType: string;
  customerNumber?: string | undefined;
  claimedCustomerNumber?: string | undefined;
  address?: Address;
  newsletter?: boolean;
  termsVersion?: string;
  emailConfirmed: boolean;
  createdAt: number;
}

/** Addresses compare case-insensitively: `Anna@Example.de` and `anna@example.de` are one account. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

export function toSessionUser(row: UserRow): SessionUser {
  return {
    id: row.id,
    email: row.email,
    displayName: row.display_name,
    customerType: row.customer_type,
    ...(row.customer_number ? { customerNumber: row.customer_number } : {}),
    emailConfirmed: row.email_confirmed === 1,
  };
}

export interface UserRepo {
  byId(id: string): UserRow | undefined;
  byEmail(email: string): UserRow | undefined;
  create(user: NewUser): UserRow;
  confirmEmail(id: string): void;
  setPasswordHash(id: string, hash: string): void;
  isKnownCustomerNumber(number: string): boolean;
}

export function createUserRepo(db: Db): UserRepo {
  const COLUMNS = 'id, email, email_norm, password_hash, display_name, customer_type, customer_number, email_confirmed, created_at';
  const byId = db.prepare<[string], UserRow>(`SELECT ${COLUMNS} FROM users WHERE id = ?`);
  const byEmail = db.prepare<[string], UserRow>(`SELECT ${COLUMNS} FROM users WHERE email_norm = ?`);
  const insert = db.prepare(
    `INSERT INTO users (id, email, email_norm, password_hash, display_name, customer_type, customer_number, claimed_customer_number,
       first_name, last_name, street, postcode, city, country, institution, newsletter, terms_version, email_confirmed, created_at)
     VALUES (@id, @email, @emailNorm, @passwordHash, @displayName, @customerType, @customerNumber, @claimedCustomerNumber,
       @firstName, @lastName, @street, @postcode, @city, @country, @institution, @newsletter, @termsVersion, @emailConfirmed, @createdAt)`,
  );
  const confirm = db.prepare('UPDATE users SET email_confirmed = 1 WHERE id = ?');
  const setHash = db.prepare('UPDATE users SET password_hash = ? WHERE id = ?');
  const customer = db.prepare<[string], { number: string }>('SELECT number FROM customers WHERE number = ?');

  return {
    byId: (id) => byId.get(id),
    byEmail: (email) => byEmail.get(normalizeEmail(email)),
    create(user) {
      const id = user.id ?? `u-${randomUUID()}`;
      insert.run({
        id,
        email: user.email.trim(),
        emailNorm: normalizeEmail(user.email),
        passwordHash: user.passwordHash,
        displayName: user.displayName,
        customerType: user.customerType,
        customerNumber: user.customerNumber ?? null,
        claimedCustomerNumber: user.claimedCustomerNumber ?? null,
        firstName: user.address?.firstName ?? null,
        lastName: user.address?.lastName ?? null,
        street: user.address?.street ?? null,
        postcode: user.address?.postcode ?? null,
        city: user.address?.city ?? null,
        country: user.address?.country ?? null,
        institution: user.address?.institution ?? null,
        newsletter: user.newsletter ? 1 : 0,
        termsVersion: user.termsVersion ?? null,
        emailConfirmed: user.emailConfirmed ? 1 : 0,
        createdAt: user.createdAt,
      });
      return byId.get(id)!;
    },
    confirmEmail: (id) => void confirm.run(id),
    setPasswordHash: (id, hash) => void setHash.run(hash, id),
    isKnownCustomerNumber: (number) => customer.get(number) !== undefined,
  };
}
