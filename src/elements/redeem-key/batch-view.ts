/**
 * Batch mode's template (`<ks-redeem-key multiple>`): the field for several keys with the list it
 * was read as, then the run (progress, "Anhalten"/"Fortsetzen", one result per key) and its
 * summary. A key done before a reload shows its result in a word or two, marked as from before
 * the reload, without the product (the tab kept no more); the progress and the summary count it.
 * A template function: the element owns the state (`BatchRedeemController`) and the actions, and
 * passes them in.
 *
 * Live regions: the visible status (`role="status"`) changes only when the run changes course
 * (started, pausing, paused, waiting for a sign-in or after a rate limit, finished with its
 * summary), and a visually hidden one says the progress every few keys (`MILESTONE_EVERY`).
 * Neither speaks once per key; each key's result is in the list, which is not live.
 *
 * Loaded only in batch mode (see batch-mode.ts); its styles (batch.styles.ts) are the element's.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { live } from 'lit/directives/live.js';
import type { Locale, MessageId, MessageParams } from '../../core/localize.js';
import { type KeyCheck, formatForDisplay, keyLength } from '../../core/online-key.js';
import type { KeyFormat, Product } from '../../core/schemas.js';
import type { PendingBatchResult } from '../../core/store.js';
import type { BatchItem, BatchMilestone, BatchRedeemController, BatchResult } from './batch-controller.js';
import { type BatchEntry, MAX_BATCH_KEYS, type ParsedBatch, countByGroup } from './batch-keys.js';
import type { BatchMessageId } from './batch.messages.js';
import type { Message, OutcomeView, RedeemOutcome } from './outcome.js';
import type { RedeemKeyMessageId } from './redeem-key.messages.js';

type Translate = (id: MessageId | RedeemKeyMessageId | BatchMessageId, params?: MessageParams) => string;
type BatchMessage = Message | { readonly id: BatchMessageId; readonly params?: MessageParams };

export interface BatchViewContext {
  readonly batch: BatchRedeemController;
  /** The batch field as read now. */
  readonly parsed: ParsedBatch;
  readonly format: KeyFormat;
  readonly locale: Locale;
  readonly t: Translate;
  /** The messages and next steps of an outcome, as the single form shows them. */
  readonly describe: (outcome: RedeemOutcome) => OutcomeView;
  readonly productsHref: string | undefined;
  readonly supportHref: string | undefined;
  /** The user submitted a field without a key to send. */
  readonly showProblem: boolean;
  /** The inline sign-in (its slot), while it is needed. */
  readonly signIn: TemplateResult | typeof nothing;
  /** Messages for the assertive region (the sign-in form could not be loaded). */
  readonly alert: readonly Message[];
  readonly onInput: (event: InputEvent) => void;
  readonly onKeydown: (event: KeyboardEvent) => void;
  readonly onSubmit: (event: SubmitEvent) => void;
  /** "Anhalten", "Fortsetzen" or "Jetzt einlösen", by phase. */
  readonly onControl: () => void;
  readonly onDiscard: () => void;
  readonly onRetryFailed: () => void;
  readonly onAnother: () => void;
  readonly onLink: (event: MouseEvent, to: 'products' | 'support', href: string) => void;
}

export function batchView(context: BatchViewContext): TemplateResult {
  const { batch, t } = context;
  const phase = batch.phase;
  const status = statusMessages(context);
  const milestone = batch.milestone;
  return html`<div class="root batch">
    ${phase === 'input' ? form(context) : runPanel(context)}
    <div part="status" class="notice ${phase === 'rate-limited' ? 'error' : ''}" id="status" role="status" tabindex="-1">${paragraphs(
      t,
      status,
    )}</div>
    <div part="alert" class="notice error" id="alert" role="alert" tabindex="-1">${paragraphs(t, context.alert)}</div>
    <div class="visually-hidden" role="status" id="announcer">${milestone && phase === 'running'
      ? progressText(context, milestone)
      : nothing}</div>
    ${phase === 'sign-in' ? context.signIn : nothing} ${phase === 'finished' ? finishedActions(context) : nothing}
    ${phase === 'input' || batch.items.length === 0
      ? nothing
      : html`<ol part="results" class="results" aria-label=${t('redeemKey.batch.results')}>
          ${batch.items.map((item) => result(context, item))}
        </ol>`}
  </div>`;
}

// Live regions hold nothing else, not even white space, so that an empty one takes no room (:empty).
function paragraphs(t: Translate, messages: readonly BatchMessage[]): TemplateResult[] {
  return messages.map((message) => html`<p>${t(message.id, message.params)}</p>`);
}

// ——— before the run ———

function form(context: BatchViewContext): TemplateResult {
  const { parsed, t, batch } = context;
  const { entries } = parsed;
  const problem = context.showProblem && parsed.keys.length === 0;
  const describedBy = [
    'hint',
    ...(problem ? ['problem'] : []),
    ...(entries.length > 0 ? ['count'] : []),
    ...(parsed.overflow > 0 ? ['overflow'] : []),
  ].join(' ');
  return html`
    <form part="form" novalidate aria-label=${t('redeemKey.batch.form')} @submit=${context.onSubmit}>
      <label part="label" for="keys">${t('redeemKey.batch.label')}</label>
      <p part="hint" class="hint" id="hint">${t('redeemKey.batch.hint', { length: keyLength(context.format) })}</p>
      <textarea
        part="textarea"
        id="keys"
        name="keys"
        rows="8"
        autocapitalize="characters"
        autocomplete="off"
        spellcheck="false"
        aria-invalid=${problem ? 'true' : 'false'}
        aria-describedby=${describedBy}
        .value=${live(batch.text)}
        @input=${context.onInput}
        @keydown=${context.onKeydown}
      ></textarea>
      ${problem ? html`<p part="problem" class="problem" id="problem">${t('redeemKey.batch.none')}</p>` : nothing}
      ${entries.length > 0
        ? html`<p part="count" class="count" id="count">${countText(context)}</p>
            <ul part="preview" class="preview" aria-label=${t('redeemKey.batch.preview')}>
              ${entries.map((entry) => previewEntry(context, entry))}
            </ul>`
        : nothing}
      ${parsed.overflow > 0
        ? html`<p part="problem" class="problem" id="overflow">${t('redeemKey.batch.overflow', { count: parsed.overflow, max: MAX_BATCH_KEYS })}</p>`
        : nothing}
      <div class="buttons">
        <button part="submit" class="submit" type="submit">
          ${parsed.keys.length > 0 ? t('redeemKey.batch.submit', { count: parsed.keys.length }) : t('redeemKey.batch.submitNone')}
        </button>
      </div>
    </form>
  `;
}

/** "14 Schlüssel erkannt, 1 doppelt, 1 fehlerhaft". */
function countText({ parsed, t }: BatchViewContext): string {
  return [
    t('redeemKey.batch.recognized', { count: parsed.entries.length }),
    ...(parsed.duplicates > 0 ? [t('redeemKey.batch.duplicates', { count: parsed.duplicates })] : []),
    ...(parsed.malformed > 0 ? [t('redeemKey.batch.malformed', { count: parsed.malformed })] : []),
  ].join(', ');
}

function previewEntry(context: BatchViewContext, entry: BatchEntry): TemplateResult {
  const key = html`<span class="key">${formatForDisplay(entry.key, context.format)}</span>`;
  if (entry.status === 'ok') return html`<li class="entry">${key}</li>`;
  const note = entry.status === 'duplicate' ? context.t('redeemKey.batch.duplicate') : problemText(context, entry.check);
  return html`<li class="entry ${entry.status}">${key} <span class="note">${note}</span></li>`;
}

/** "unvollständig", "Zeichen 7 prüfen": what is wrong with a key, in a word or two. */
function problemText({ t }: BatchViewContext, check: Exclude<KeyCheck, { valid: true }>): string {
  switch (check.reason) {
    case 'empty':
    case 'incomplete':
      return t('redeemKey.batch.problem.incomplete');
    case 'too-long':
      return t('redeemKey.batch.problem.too-long');
    case 'invalid-character':
      return t('redeemKey.batch.problem.invalid-character', { position: check.position });
    case 'checksum':
      return t('redeemKey.batch.problem.checksum');
  }
}

// ——— the run ———

function runPanel(context: BatchViewContext): TemplateResult {
  const { batch, t } = context;
  const phase = batch.phase;
  const { done, total } = batch.progress;
  const showProgress = phase !== 'finished' && (done > 0 || phase === 'running');
  const control: BatchMessageId | RedeemKeyMessageId | null =
    phase === 'running' || phase === 'stopping' || phase === 'rate-limited'
      ? 'redeemKey.batch.stop'
      : phase === 'paused'
        ? 'redeemKey.batch.resume'
        : phase === 'waiting'
          ? 'redeemKey.redeemNow'
          : null;
  const discard = phase === 'paused' || phase === 'waiting' || phase === 'sign-in';
  return html`<div part="run" class="run">
    ${showProgress
      ? html`<p part="progress" class="progress" id="progress">${progressText(context, { done, total, results: batch.results })}</p>`
      : nothing}
    ${phase === 'rate-limited'
      ? html`<p part="countdown" class="countdown" id="countdown">${t('redeemKey.batch.continueIn', { count: batch.secondsLeft })}</p>`
      : nothing}
    ${control || discard
      ? html`<div class="buttons">
          ${control
            ? html`<button
                part="control"
                class="submit ${phase === 'stopping' ? 'busy' : ''}"
                type="button"
                aria-disabled=${phase === 'stopping' ? 'true' : 'false'}
                @click=${context.onControl}
              >
                ${t(control)}
              </button>`
            : nothing}
          ${discard ? html`<button part="button" class="secondary" type="button" @click=${context.onDiscard}>${t('redeemKey.batch.discard')}</button>` : nothing}
        </div>`
      : nothing}
  </div>`;
}

/** "5 von 14 Schlüsseln bearbeitet: 4 aktiviert, 1 abgelaufen." */
function progressText({ t }: BatchViewContext, { done, total, results }: BatchMilestone): string {
  const progress = t('redeemKey.batch.progress', { done, count: total });
  const counts = countsText(t, results);
  return counts ? t('redeemKey.batch.progressWith', { progress, counts }) : `${progress}.`;
}

/** "12 aktiviert, 1 bereits eingelöst, 1 ungültig"; empty before any result. */
function countsText(t: Translate, results: readonly BatchResult[]): string {
  return countByGroup(results)
    .map(([group, count]) => t(`redeemKey.batch.group.${group}`, { count }))
    .join(', ');
}

function statusMessages(context: BatchViewContext): BatchMessage[] {
  const { batch } = context;
  const waiting = batch.unfinished.length;
  switch (batch.phase) {
    case 'input':
      return [];
    case 'running':
      return [{ id: 'redeemKey.batch.started' }];
    case 'stopping':
      return [{ id: 'redeemKey.batch.stopping' }];
    case 'paused':
      return [{ id: 'redeemKey.batch.paused', params: { count: waiting } }];
    case 'waiting':
      return [{ id: 'redeemKey.batch.waiting', params: { count: waiting } }];
    case 'rate-limited':
      return [{ id: 'redeemKey.batch.rateLimited' }];
    case 'sign-in':
      return [{ id: 'redeemKey.batch.signInFirst', params: { count: waiting } }];
    case 'finished':
      return [
        { id: 'redeemKey.batch.finished', params: { counts: countsText(context.t, batch.results) } },
        ...(batch.failed > 0 ? [{ id: 'redeemKey.batch.retryHint', params: { count: batch.failed } } as const] : []),
      ];
  }
}

function result(context: BatchViewContext, item: BatchItem): TemplateResult {
  const tone =
    item.state === 'done'
      ? context.describe(item.outcome).tone
      : item.state === 'earlier'
        ? earlierTone(item.result)
        : item.state === 'malformed'
          ? 'error'
          : 'pending';
  return html`<li part="result" class="result ${tone} ${item.state === 'earlier' ? 'earlier' : ''}" aria-current=${ifDefined(
    item.state === 'redeeming' ? 'step' : undefined,
  )}>
    <span class="key">${formatForDisplay(item.key, context.format)}</span>
    <span class="text">${resultText(context, item)}</span>
  </li>`;
}

function resultText(context: BatchViewContext, item: BatchItem): TemplateResult | string {
  const { t } = context;
  switch (item.state) {
    case 'waiting':
      return t('redeemKey.batch.item.waiting');
    case 'redeeming':
      return t('redeemKey.batch.item.redeeming');
    case 'malformed':
      return t('redeemKey.batch.item.notSent', { problem: problemText(context, item.check) });
    case 'earlier':
      // Its result in one word, no product: that is all the tab kept through the reload.
      return t('redeemKey.batch.item.earlier', { result: t(`redeemKey.batch.result.${item.result}`) });
    case 'done': {
      const outcome = item.outcome;
      if (outcome.kind === 'activated' || outcome.kind === 'already-owned') {
        const id = outcome.kind === 'activated' ? 'redeemKey.batch.item.activated' : 'redeemKey.batch.item.owned';
        return html`${t(id, { title: outcome.product.title })} ${listLink(context, outcome.product)}`;
      }
      if (outcome.kind === 'transient') return `${t('redeemKey.batch.item.retry')} ${t(`error.${outcome.code}`)}`;
      // What happened, as the single form says it first ("Dieser Online-Schlüssel ist abgelaufen.").
      const first = context.describe(outcome).messages[0];
      return first ? t(first.id, first.params) : '';
    }
  }
}

/** A key done before a reload is marked as the single form would mark its outcome: the key is the user's now, or not. */
function earlierTone(result: PendingBatchResult): 'success' | 'error' {
  return result === 'activated' || result === 'owned' ? 'success' : 'error';
}

/** Results before a reload that the single form offers the support link for (see describeOutcome). */
const EARLIER_SUPPORT: ReadonlySet<PendingBatchResult> = new Set(['taken', 'expired', 'not-for-customer-type']);

function listLink(context: BatchViewContext, product: Product): TemplateResult {
  const list = context.t(`product.kind.${product.kind}`);
  const href = context.productsHref;
  return href
    ? html`<a part="link" href=${href} @click=${(event: MouseEvent) => context.onLink(event, 'products', href)}
        >${context.t('redeemKey.toList', { list })}</a
      >`
    : html`<span>${context.t('redeemKey.inList', { list })}</span>`;
}

function finishedActions(context: BatchViewContext): TemplateResult {
  const { batch, t } = context;
  const support =
    context.supportHref !== undefined &&
    batch.items.some((item) =>
      item.state === 'done' ? context.describe(item.outcome).support === true : item.state === 'earlier' && EARLIER_SUPPORT.has(item.result),
    )
      ? context.supportHref
      : undefined;
  return html`<div part="actions" class="actions">
    ${batch.failed > 0
      ? html`<button part="button" class="submit" type="button" @click=${context.onRetryFailed}>${t('redeemKey.batch.retryFailed')}</button>`
      : nothing}
    <button part="button" class="secondary" type="button" @click=${context.onAnother}>${t('redeemKey.batch.another')}</button>
    ${support
      ? html`<a part="link" href=${support} @click=${(event: MouseEvent) => context.onLink(event, 'support', support)}>${t('redeemKey.support')}</a>`
      : nothing}
  </div>`;
}
