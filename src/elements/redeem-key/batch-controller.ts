import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { CountdownController } from '../../core/countdown.js';
import type { KeyCheck } from '../../core/online-key.js';
import type { Product } from '../../core/schemas.js';
import type { AccountStore, FinishedBatchKey, PendingBatchResult } from '../../core/store.js';
import { type ParsedBatch, summaryGroupOf } from './batch-keys.js';
import { type RedeemOutcome, outcomeOf } from './outcome.js';

/**
 * Where a batch is:
 * - `input`: the field, nothing started;
 * - `running`: redeeming one key after the other; `stopping`: "Anhalten" was pressed, the key in
 *   flight finishes first;
 * - `paused`: stopped by the user; `waiting`: keys wait to be redeemed ("Jetzt einlösen?"), after a
 *   sign-in or a reload;
 * - `rate-limited`: the backend asked to wait; the run goes on by itself when the countdown ends;
 * - `sign-in`: nobody is signed in (any more); the keys wait in the store's pending batch;
 * - `finished`: every key has its result.
 */
export type BatchPhase = 'input' | 'running' | 'stopping' | 'paused' | 'waiting' | 'rate-limited' | 'sign-in' | 'finished';

export type BatchItem =
  | { readonly key: string; readonly state: 'waiting' | 'redeeming' }
  | { readonly key: string; readonly state: 'done'; readonly outcome: RedeemOutcome }
  /** Never sent: the key is not well-formed. */
  | { readonly key: string; readonly state: 'malformed'; readonly check: Exclude<KeyCheck, { valid: true }> }
  /**
   * Done before a reload: only its result in one word is known (the store's pending batch keeps no
   * more, no product). `malformed`: it was never sent.
   */
  | { readonly key: string; readonly state: 'earlier'; readonly result: PendingBatchResult };

/** A result as the summary counts it: an outcome, or the word a key done before a reload left. */
export type BatchResult = RedeemOutcome | PendingBatchResult;

/** How far a run got: how many of the sent keys are done. */
export interface BatchProgress {
  readonly done: number;
  readonly total: number;
}

/** Progress worth announcing, with the results as they were then (the run goes on meanwhile). */
export interface BatchMilestone extends BatchProgress {
  readonly results: readonly BatchResult[];
}

export interface BatchRedeemOptions {
  /** The store to redeem with; undefined until the element has one. */
  readonly store: () => AccountStore | undefined;
  /** Whether the element is in batch mode; otherwise the controller does nothing on its own. */
  readonly active: () => boolean;
  /** A key activated a product (the element fires `ks-key-redeemed`). */
  readonly onActivated: (product: Product) => void;
  /** Nobody is signed in: lead the user to sign in. The keys wait in the store meanwhile. */
  readonly onSignInNeeded: () => void;
}

/** Announce the progress every this many keys, not after each one. */
export const MILESTONE_EVERY = 5;

/**
 * Runs a batch of keys (`<ks-redeem-key multiple>`): one key after the other, never several at
 * once. The backend limits failed attempts per account and address, a class set of 30 requests
 * at once would hit that limit and the server at the same moment, and one key at a time gives a
 * progress that a person (and a screen reader) can follow.
 *
 * - A key's failure never stops the others. `rate-limited` is not a key's result: the key waits,
 *   the run pauses with a countdown and goes on by itself. A transient failure (`offline`,
 *   `timeout`, `server`, `bad-response`) marks the key "nicht eingelöst" and the run goes on;
 *   `retryFailed()` sends those keys again, with the same Idempotency-Key (the store keeps it), so
 *   a key can never be redeemed twice.
 * - `unauthenticated` (the session ended) stops the run; the keys not finished stay pending.
 * - The run is kept in the store's `pendingBatch` (sessionStorage), so it can be resumed after a
 *   sign-in or a reload: the keys not finished yet, and for each key done its result in one word
 *   (`activated`, `taken`, …; never a product). After a reload those keys are listed as done
 *   before it (`earlier`), without a product, and the progress and the summary count the whole
 *   run. The results are the signed-in user's, kept as theirs: the store shows them to that
 *   user only, and once someone signs out they leave the screen too (unless the session's end cut
 *   the run short and the form waits for the user's sign-in). The run over with nothing left to
 *   do, or discarded, nothing is kept; keys that failed for now stay, to be tried again.
 */
export class BatchRedeemController implements ReactiveController {
  readonly #host: ReactiveControllerHost;
  readonly #options: BatchRedeemOptions;
  readonly #countdown: CountdownController;
  #phase: BatchPhase = 'input';
  #items: readonly BatchItem[] = [];
  #text = '';
  #milestone: BatchMilestone | null = null;
  /** Increments when a batch is discarded: a redeem that answers afterwards is dropped. */
  #run = 0;
  /** The run whose loop is going on, if any. */
  #looping: number | null = null;
  #pausedByDisconnect = false;
  #lastUserId: string | null = null;

  constructor(host: ReactiveControllerHost, options: BatchRedeemOptions) {
    this.#host = host;
    this.#options = options;
    this.#countdown = new CountdownController(host);
    host.addController(this);
  }

  get phase(): BatchPhase {
    return this.#phase;
  }

  get items(): readonly BatchItem[] {
    return this.#items;
  }

  /** What the batch field holds. */
  get text(): string {
    return this.#text;
  }

  set text(text: string) {
    this.#text = text;
    this.#host.requestUpdate();
  }

  /** Seconds until a rate-limited run goes on; 0 otherwise. */
  get secondsLeft(): number {
    return this.#phase === 'rate-limited' ? this.#countdown.remaining : 0;
  }

  /** The last progress worth announcing, or null (at the start, or once finished). */
  get milestone(): BatchMilestone | null {
    return this.#milestone;
  }

  /** The results so far (those from before a reload too), for the summary. */
  get results(): BatchResult[] {
    return this.#items.flatMap((item): BatchResult[] => {
      switch (item.state) {
        case 'done':
          return [item.outcome];
        case 'malformed':
          return ['malformed'];
        case 'earlier':
          return [item.result];
        default:
          return [];
      }
    });
  }

  /** Sent keys that have their result (before a reload too), and all sent keys. */
  get progress(): BatchProgress {
    const sent = this.#items.filter((item) => item.state !== 'malformed' && !(item.state === 'earlier' && item.result === 'malformed'));
    return { done: sent.filter((item) => item.state === 'done' || item.state === 'earlier').length, total: sent.length };
  }

  /** Keys whose redemption failed for a reason that may pass (offered "Fehlgeschlagene erneut versuchen"). */
  get failed(): number {
    return this.#items.filter(isFailed).length;
  }

  /** Keys not redeemed yet: waiting, in flight, or failed for now. */
  get unfinished(): string[] {
    return this.#items.filter((item) => item.state === 'waiting' || item.state === 'redeeming' || isFailed(item)).map((item) => item.key);
  }

  // ——— actions ———

  /**
   * Starts a batch: the well-formed keys of `parsed` are redeemed in order, the malformed ones are
   * listed as not sent, duplicates left out. Returns false (and starts nothing) without a key to send.
   */
  start(parsed: ParsedBatch): boolean {
    if (parsed.keys.length === 0 || this.#busy) return false;
    this.#run += 1;
    this.#items = parsed.entries.flatMap((entry): BatchItem[] =>
      entry.status === 'ok'
        ? [{ key: entry.key, state: 'waiting' }]
        : entry.status === 'malformed'
          ? [{ key: entry.key, state: 'malformed', check: entry.check }]
          : [],
    );
    this.#milestone = null;
    this.#persist();
    this.#go();
    return true;
  }

  /** Goes on with the keys that wait ("Fortsetzen", "Jetzt einlösen"). */
  resume(): void {
    if (!['paused', 'waiting', 'stopping'].includes(this.#phase)) return;
    this.#pausedByDisconnect = false;
    this.#go();
  }

  /** "Anhalten": the key in flight finishes, then the run pauses; a countdown stops at once. */
  stop(): void {
    if (this.#phase === 'rate-limited') {
      this.#countdown.stop();
      this.#set('paused');
    } else if (this.#phase === 'running') {
      this.#set(this.#looping === this.#run ? 'stopping' : 'paused');
    }
  }

  /** Sends the keys that failed for now again (the store reuses their Idempotency-Keys). */
  retryFailed(): void {
    if (this.#phase !== 'finished' || this.failed === 0) return;
    this.#items = this.#items.map((item) => (isFailed(item) ? { key: item.key, state: 'waiting' } : item));
    this.#milestone = null;
    this.#go();
  }

  /** Forgets the batch, its results and the field's text: "Weitere Schlüssel einlösen", "Liste verwerfen". */
  discard(): void {
    this.#run += 1;
    this.#countdown.stop();
    this.#items = [];
    this.#text = '';
    this.#milestone = null;
    this.#pausedByDisconnect = false;
    this.#options.store()?.setPendingBatch(null);
    this.#set('input');
  }

  // ——— the host's lifecycle ———

  hostUpdate(): void {
    if (!this.#options.active()) return;
    const store = this.#options.store();
    if (!store) return;
    const account = store.snapshot;
    const userId = account.user?.id ?? null;
    // Results are the signed-in user's: another user does not see them, nor does anyone once they
    // signed out (on a shared computer, the next person). Only a run that the session's end cut
    // short keeps them on screen, for its user's sign-in (`sign-in`), and a run with a key in
    // flight keeps them until that key's answer comes.
    if (userId !== null && this.#lastUserId !== null && userId !== this.#lastUserId) this.#forgetResults();
    const settled = !['running', 'stopping', 'sign-in'].includes(this.#phase);
    if (account.status === 'signed-out' && settled) this.#forgetResults();
    if (userId !== null) this.#lastUserId = userId;

    // A run that waited through a reload or a sign-in elsewhere: the keys done first, then the rest.
    // Not before the session is known: the store shows earlier results to their owner only.
    if (this.#phase === 'input' && this.#items.length === 0 && account.pendingBatch && account.status !== 'unknown') {
      const { keys, done } = account.pendingBatch;
      this.#items = [
        ...done.map(({ key, result }): BatchItem => ({ key, state: 'earlier', result })),
        ...keys.map((key): BatchItem => ({ key, state: 'waiting' })),
      ];
      this.#phase = 'waiting';
    }
    if (this.#phase === 'sign-in' && account.status === 'signed-in') {
      this.#phase = 'waiting';
      // Signed out, the store kept the keys only; the results are this user's again. (The store's
      // news reaches the host within this update, before it renders.)
      this.#persist();
    }
    // The wait is over: go on, as the user asked when they started the run.
    if (this.#phase === 'rate-limited' && !this.#countdown.running) this.#go();
  }

  hostDisconnected(): void {
    // Removed from the page: finish the key in flight and stop there, rather than run unseen.
    if (this.#phase === 'running' || this.#phase === 'rate-limited') {
      this.#pausedByDisconnect = true;
      this.stop();
    }
  }

  hostConnected(): void {
    // Moved within the page: go on where it was.
    if (this.#pausedByDisconnect && (this.#phase === 'paused' || this.#phase === 'stopping')) this.resume();
  }

  // ——— the run ———

  get #busy(): boolean {
    return ['running', 'stopping', 'rate-limited'].includes(this.#phase);
  }

  #go(): void {
    this.#set('running');
    void this.#loop();
  }

  async #loop(): Promise<void> {
    const run = this.#run;
    if (this.#looping === run) return;
    this.#looping = run;
    try {
      while (this.#phase === 'running' && run === this.#run) {
        const store = this.#options.store();
        const index = this.#items.findIndex((item) => item.state === 'waiting');
        if (!store) return this.#set('paused');
        if (index < 0) return this.#finish(store);
        const key = this.#items[index]!.key;
        this.#replace(index, { key, state: 'redeeming' });
        // A session that could not be read, the store reads again first; still unknown, it answers
        // with that failure (transient: the key is "nicht eingelöst" and can be tried again).
        const outcome = outcomeOf(await store.redeem(key));
        if (run !== this.#run) return;
        this.#settle(index, key, outcome, store);
      }
      if (run === this.#run && this.#phase === 'stopping') this.#set('paused');
    } finally {
      if (this.#looping === run) this.#looping = null;
    }
  }

  #settle(index: number, key: string, outcome: RedeemOutcome, store: AccountStore): void {
    const account = store.snapshot;
    switch (outcome.kind) {
      case 'rate-limited':
        // Not this key's result: it waits, and is sent again (same Idempotency-Key) after the wait.
        this.#replace(index, { key, state: 'waiting' });
        this.#countdown.start(outcome.seconds);
        this.#set(this.#phase === 'stopping' ? 'paused' : 'rate-limited');
        return;
      case 'sign-in':
      case 'ignored':
        if (account.status === 'signed-out') {
          this.#replace(index, { key, state: 'waiting' });
          this.#persist();
          this.#set('sign-in');
          this.#options.onSignInNeeded();
        } else {
          // The session changed while the key was in flight (e.g. another tab): let the user go on.
          this.#replace(index, { key, state: 'waiting' });
          this.#set('paused');
        }
        return;
      default:
        this.#done(index, key, outcome);
        if (outcome.kind === 'activated') this.#options.onActivated(outcome.product);
    }
  }

  #done(index: number, key: string, outcome: RedeemOutcome): void {
    this.#replace(index, { key, state: 'done', outcome });
    this.#persist();
    const progress = this.progress;
    if (progress.done < progress.total && progress.done % MILESTONE_EVERY === 0) this.#milestone = { ...progress, results: this.results };
  }

  #finish(store: AccountStore): void {
    this.#milestone = null;
    // With no key left to do, the store keeps nothing: the run is over.
    store.setPendingBatch({ keys: this.unfinished, done: this.#finishedKeys(store) });
    this.#set('finished');
  }

  /** Keeps the keys not finished and the results of the others in the store, for after a sign-in or a reload. */
  #persist(): void {
    const store = this.#options.store();
    store?.setPendingBatch({ keys: this.unfinished, done: this.#finishedKeys(store) });
  }

  /**
   * The keys done, each with its result in one word (no product: the store keeps no more); none
   * when the store's user is not the one these results were shown to (a late answer after someone
   * else signed in: the store would keep them as the new user's).
   */
  #finishedKeys(store: AccountStore): FinishedBatchKey[] {
    if (store.snapshot.user?.id !== this.#lastUserId) return [];
    return this.#items.flatMap((item): FinishedBatchKey[] => {
      if (item.state === 'malformed') return [{ key: item.key, result: 'malformed' }];
      if (item.state === 'earlier') return [{ key: item.key, result: item.result }];
      if (item.state !== 'done') return [];
      const group = summaryGroupOf(item.outcome);
      // Failed for now: one of the keys still to do.
      return group === null || group === 'not-redeemed' ? [] : [{ key: item.key, result: group }];
    });
  }

  #forgetResults(): void {
    const kept = (item: BatchItem) => item.state === 'waiting' || item.state === 'redeeming' || isFailed(item);
    if (this.#phase !== 'finished' && this.#items.every(kept)) return;
    this.#items = this.#items.flatMap((item): BatchItem[] =>
      kept(item) ? [{ key: item.key, state: 'waiting' }] : [],
    );
    this.#milestone = null;
    if (this.#phase !== 'finished') return;
    this.#phase = this.#items.length > 0 ? 'waiting' : 'input';
    // Nor the keys they typed.
    if (this.#phase === 'input') this.#text = '';
  }

  #replace(index: number, item: BatchItem): void {
    this.#items = this.#items.map((each, i) => (i === index ? item : each));
    this.#host.requestUpdate();
  }

  #set(phase: BatchPhase): void {
    this.#phase = phase;
    this.#host.requestUpdate();
  }
}

/** A key that was sent and not redeemed for a reason that may pass: sent again by "erneut versuchen". */
function isFailed(item: BatchItem): boolean {
  return item.state === 'done' && summaryGroupOf(item.outcome) === 'not-redeemed';
}
