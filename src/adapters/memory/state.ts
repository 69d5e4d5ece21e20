/**
 * Everything that changes after construction, kept apart from the immutable seed so that it is
 * small and can be stored whole: registered accounts (with a password digest, never a password),
 * confirmations done, redemptions made, pending confirmation tokens (as digests, never the token
 * itself) and who is signed in.
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

export interface PendingConfirmation {
  /** SHA-256 of the token sent by mail. */
  tokenDigest: string;
  accountId: string;
  issuedAt: string;
}

const STATE_VERSION = 1;

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
      passwordDigest: z.object({ salt: z.string(), hash: z.string() }),
    }),
  ),
  confirmedAccountIds: z.array(z.string()),
  redemptions: z.array(z.object({ key: z.string(), accountId: z.string(), productId: z.string(), at: z.string() })),
  confirmations: z.array(z.object({ tokenDigest: z.string(), accountId: z.string(), issuedAt: z.string() })),
});

export type StateDocument = z.infer<typeof stateDocumentSchema>;

/** A stored document, or `undefined` when it is missing, corrupt or from another version. */
export function parseStateDocument(value: unknown): StateDocument | undefined {
  const result = z.safeParse(stateDocumentSchema, value);
  return result.success ? result.data : undefined;
}

export class MemoryState {
  sessionAccountId: string | null = null;
  readonly #accounts = new Map<string, RegisteredAccount>();
  readonly #accountIdsByEmail = new Map<string, string>();
  readonly #confirmed = new Set<string>();
  readonly #redemptions = new Map<string, Redemption>();
  readonly #productsByAccount = new Map<string, Set<string>>();
  readonly #confirmations = new Map<string, PendingConfirmation>();

  static fromDocument(document: StateDocument | undefined): MemoryState {
    const state = new MemoryState();
    if (document === undefined) return state;
    state.sessionAccountId = document.sessionAccountId;
    document.accounts.forEach((account) => state.addAccount(account));
    document.confirmedAccountIds.forEach((id) => state.confirm(id));
    document.redemptions.forEach((redemption) => state.addRedemption(redemption));
    document.confirmations.forEach((confirmation) => state.addConfirmation(confirmation));
    return state;
  }

  toDocument(): StateDocument {
    return {
      version: STATE_VERSION,
      sessionAccountId: this.sessionAccountId,
      accounts: [...this.#accounts.values()],
      confirmedAccountIds: [...this.#confirmed],
      redemptions: [...this.#redemptions.values()],
      confirmations: [...this.#confirmations.values()],
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

  addConfirmation(confirmation: PendingConfirmation): void {
    this.#confirmations.set(confirmation.tokenDigest, confirmation);
  }

  confirmation(tokenDigest: string): PendingConfirmation | undefined {
    return this.#confirmations.get(tokenDigest);
  }

  removeConfirmation(tokenDigest: string): void {
    this.#confirmations.delete(tokenDigest);
  }

  /** Once an address is confirmed, every other link sent to it is void. */
  removeConfirmationsFor(accountId: string): void {
    for (const [digest, confirmation] of this.#confirmations) {
      if (confirmation.accountId === accountId) this.#confirmations.delete(digest);
    }
  }
}
