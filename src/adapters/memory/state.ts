/**
 * Everything that changes after construction, kept apart from the immutable seed so that it is
 * small and can be stored whole: registered accounts and new passwords (as digests, never a
 * password), confirmations done, redemptions made, the tokens mailed for confirming an address and
 * for resetting a password (as digests, never the token itself) and who is signed in.
 */
import * as z from '../../core/zod.js';
import { emailKey } from './catalogue.js';
import type { PasswordDigest } from './secrets.js';

export interface RegisteredAccount {
  id: string;
  email: string;
  displayName: string;
  customerType: string;
  customerNumber?: string;
  passwordDigest: PasswordDigest;
}

export interface Redemption {
  key: string;
  accountId: string;
  productId: string;
  at: string;
}

export interface PendingToken {
  /** SHA-256 of the token sent by mail. */
  tokenDigest: string;
  accountId: string;
  issuedAt: string;
}

const STATE_VERSION = 1;

const tokenRecord = z.object({ tokenDigest: z.string(), accountId: z.string(), issuedAt: z.string() });
const passwordDigestRecord = z.object({ salt: z.string(), hash: z.string() });

const stateDocumentSchema = z.object({
  version: z.literal(STATE_VERSION),
  sessionAccountId: z.nullable(z.string()),
  accounts: z.array(
    z.object({
      id: z.string(),
      email: z.string(),
      displayName: z.string(),
      customerType: z.string(),
      customerNumber: z.optional(z.string()),
      passwordDigest: passwordDigestRecord,
    }),
  ),
  confirmedAccountIds: z.array(z.string()),
  redemptions: z.array(z.object({ key: z.string(), accountId: z.string(), productId: z.string(), at: z.string() })),
  confirmations: z.array(tokenRecord),
  // Optional: documents stored before password resets could be completed lack them.
  passwordResets: z.optional(z.array(tokenRecord)),
  /** Passwords set by a reset, for seeded and registered accounts alike. */
  newPasswords: z.optional(z.array(z.object({ accountId: z.string(), passwordDigest: passwordDigestRecord }))),
});

export type StateDocument = z.infer<typeof stateDocumentSchema>;

/** A stored document, or `undefined` when it is missing, corrupt or from another version. */
export function parseStateDocument(value: unknown): StateDocument | undefined {
  const result = z.safeParse(stateDocumentSchema, value);
  return result.success ? result.data : undefined;
}

/** Mailed tokens of one kind, by digest. */
export class PendingTokens {
  readonly #byDigest = new Map<string, PendingToken>();

  add(token: PendingToken): void {
    this.#byDigest.set(token.tokenDigest, token);
  }

  get(tokenDigest: string): PendingToken | undefined {
    return this.#byDigest.get(tokenDigest);
  }

  /** Voids every token of the account: a used link makes the account's other links of its kind useless. */
  removeFor(accountId: string): void {
    for (const [digest, token] of this.#byDigest) if (token.accountId === accountId) this.#byDigest.delete(digest);
  }

  /** Forgets tokens issued before `issuedBefore` (ISO date-time). */
  prune(issuedBefore: string): void {
    for (const [digest, token] of this.#byDigest) if (!(token.issuedAt >= issuedBefore)) this.#byDigest.delete(digest);
  }

  values(): PendingToken[] {
    return [...this.#byDigest.values()];
  }
}

export class MemoryState {
  sessionAccountId: string | null = null;
  readonly confirmations = new PendingTokens();
  readonly passwordResets = new PendingTokens();
  readonly #accounts = new Map<string, RegisteredAccount>();
  readonly #accountIdsByEmail = new Map<string, string>();
  readonly #confirmed = new Set<string>();
  readonly #redemptions = new Map<string, Redemption>();
  readonly #productsByAccount = new Map<string, Set<string>>();
  readonly #newPasswords = new Map<string, PasswordDigest>();

  static fromDocument(document: StateDocument | undefined): MemoryState {
    const state = new MemoryState();
    if (document === undefined) return state;
    state.sessionAccountId = document.sessionAccountId;
    document.accounts.forEach((account) => state.addAccount(account));
    document.confirmedAccountIds.forEach((id) => state.confirm(id));
    document.redemptions.forEach((redemption) => state.addRedemption(redemption));
    document.confirmations.forEach((token) => state.confirmations.add(token));
    document.passwordResets?.forEach((token) => state.passwordResets.add(token));
    document.newPasswords?.forEach(({ accountId, passwordDigest }) => state.setPassword(accountId, passwordDigest));
    return state;
  }

  toDocument(): StateDocument {
    return {
      version: STATE_VERSION,
      sessionAccountId: this.sessionAccountId,
      accounts: [...this.#accounts.values()],
      confirmedAccountIds: [...this.#confirmed],
      redemptions: [...this.#redemptions.values()],
      confirmations: this.confirmations.values(),
      passwordResets: this.passwordResets.values(),
      newPasswords: [...this.#newPasswords].map(([accountId, passwordDigest]) => ({ accountId, passwordDigest })),
    };
  }

  addAccount(account: RegisteredAccount): void {
    this.#accounts.set(account.id, account);
    this.#accountIdsByEmail.set(emailKey(account.email), account.id);
  }

  account(id: string): RegisteredAccount | undefined {
    return this.#accounts.get(id);
  }

  accountByEmail(email: string): RegisteredAccount | undefined {
    const id = this.#accountIdsByEmail.get(emailKey(email));
    return id === undefined ? undefined : this.#accounts.get(id);
  }

  confirm(accountId: string): void {
    this.#confirmed.add(accountId);
  }

  isConfirmed(accountId: string): boolean {
    return this.#confirmed.has(accountId);
  }

  addRedemption(redemption: Redemption): void {
    this.#redemptions.set(redemption.key, redemption);
    const products = this.#productsByAccount.get(redemption.accountId) ?? new Set<string>();
    products.add(redemption.productId);
    this.#productsByAccount.set(redemption.accountId, products);
  }

  redemption(key: string): Redemption | undefined {
    return this.#redemptions.get(key);
  }

  /** Products the account gained by redeeming keys, oldest first. */
  redeemedProducts(accountId: string): ReadonlySet<string> {
    return this.#productsByAccount.get(accountId) ?? new Set();
  }

  /** A password set by a reset; it replaces the seed's or the registration's. */
  setPassword(accountId: string, digest: PasswordDigest): void {
    this.#newPasswords.set(accountId, digest);
  }

  newPassword(accountId: string): PasswordDigest | undefined {
    return this.#newPasswords.get(accountId);
  }
}
