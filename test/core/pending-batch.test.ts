import { expect } from '@open-wc/testing';
import { accountTag } from '../../src/core/owed-sign-out.js';
import { MAX_PENDING_BATCH_KEYS, PENDING_BATCH_RESULTS, samePendingBatch, toPendingBatch } from '../../src/core/pending-batch.js';

const KEY = 'MATH7A3B4C6DE7F6';
const DATA = 'DATA8K3M4N6PR7T3';
const JAHR = 'JAHR9T3U4V6WX7Y3';
/** Whose the results are: an account tag (owed-sign-out.ts). */
const OWNER = accountTag('u-demo-teacher');

describe('toPendingBatch: what the store keeps of a batch, from whatever it is given or finds in storage', () => {
  it('keeps keys to do and, for each key done, its result in one word', () => {
    const batch = toPendingBatch({ keys: ['jahr-9t3u-4v6w-x7y3'], done: [{ key: KEY, result: 'activated' }, { key: DATA, result: 'malformed' }], owner: OWNER });
    expect(batch).to.deep.equal({ keys: [JAHR], done: [{ key: KEY, result: 'activated' }, { key: DATA, result: 'malformed' }], owner: OWNER });
    expect(Object.isFrozen(batch) && Object.isFrozen(batch!.keys) && Object.isFrozen(batch!.done) && Object.isFrozen(batch!.done[0])).to.equal(true);
  });

  it('reads a list of keys alone (what storage held before results were kept) as a batch with none done', () => {
    expect(toPendingBatch([KEY, DATA])).to.deep.equal({ keys: [KEY, DATA], done: [] });
  });

  it('knows every result word the summary counts, but for "not redeemed" (a key to do again)', () => {
    expect([...PENDING_BATCH_RESULTS]).to.deep.equal([
      'activated', 'owned', 'taken', 'invalid', 'expired', 'not-yet-valid', 'not-for-customer-type', 'malformed',
    ]);
    for (const result of PENDING_BATCH_RESULTS) expect(toPendingBatch({ keys: [KEY], done: [{ key: DATA, result }], owner: OWNER })!.done, result).to.have.length(1);
  });

  it('drops results of an unknown kind or shape, and keeps no field but the key and the word', () => {
    const done = [
      { key: DATA, result: 'not-redeemed' },
      { key: DATA, result: 'ACTIVATED' },
      { key: DATA, result: { kind: 'activated' } },
      { key: DATA },
      { result: 'activated' },
      { key: 42, result: 'activated' },
      { key: '<img src=x onerror=alert(1)>', result: 'activated' },
      [DATA, 'activated'],
      DATA,
      null,
      { key: 'jahr 9t3u 4v6w x7y3', result: 'expired', title: 'Mathematik heute 7', openUrl: 'https://example.org/p1', product: { id: 'p1' } },
    ];
    const batch = toPendingBatch({ keys: [KEY], done, owner: OWNER, extra: 'dropped' });
    expect(batch).to.deep.equal({ keys: [KEY], done: [{ key: JAHR, result: 'expired' }], owner: OWNER });
    expect(JSON.stringify(batch)).to.equal(`{"keys":["${KEY}"],"done":[{"key":"${JAHR}","result":"expired"}],"owner":"${OWNER}"}`);
  });

  it('drops results whose owner is missing or not an account tag: they are nobody\'s to show', () => {
    const done = [{ key: DATA, result: 'activated' }];
    for (const owner of [undefined, '', 'u-demo-teacher', 'ABCDEF12', 42, { tag: OWNER }]) {
      expect(toPendingBatch({ keys: [KEY], done, owner }), JSON.stringify(owner)).to.deep.equal({ keys: [KEY], done: [] });
    }
  });

  it('drops a batch with no key left to do, or of the wrong shape', () => {
    for (const raw of [null, undefined, 7, 'MATH7A3B4C6DE7F6', {}, { keys: 'MATH' }, { keys: {} }, { keys: [] }, { keys: [1, null, '<b>'] }]) {
      expect(toPendingBatch(raw), JSON.stringify(raw)).to.equal(null);
    }
    // Results alone: the run is over.
    expect(toPendingBatch({ keys: [], done: [{ key: KEY, result: 'activated' }] })).to.equal(null);
    // `done` of the wrong shape: the keys stay, no result.
    expect(toPendingBatch({ keys: [KEY], done: { 0: { key: DATA, result: 'activated' } } })).to.deep.equal({ keys: [KEY], done: [] });
  });

  it('holds each key once: a key to do is not done too, nor done twice', () => {
    const batch = toPendingBatch({
      keys: [KEY, 'math-7a3b-4c6d-e7f6'],
      done: [{ key: KEY, result: 'activated' }, { key: DATA, result: 'taken' }, { key: DATA, result: 'activated' }],
      owner: OWNER,
    });
    expect(batch).to.deep.equal({ keys: [KEY], done: [{ key: DATA, result: 'taken' }], owner: OWNER });
  });

  it('holds at most MAX_PENDING_BATCH_KEYS keys, to do and done together, the keys to do first', () => {
    const many = (prefix: string, count: number) => Array.from({ length: count }, (_, i) => `${prefix}${i}`);
    const keysOnly = toPendingBatch({ keys: many('K', MAX_PENDING_BATCH_KEYS + 10), done: many('D', 5).map((key) => ({ key, result: 'activated' })), owner: OWNER });
    expect(keysOnly!.keys).to.have.length(MAX_PENDING_BATCH_KEYS);
    expect(keysOnly!.done).to.have.length(0);
    const mixed = toPendingBatch({ keys: many('K', 100), done: many('D', MAX_PENDING_BATCH_KEYS).map((key) => ({ key, result: 'owned' })), owner: OWNER });
    expect(mixed!.keys).to.have.length(100);
    expect(mixed!.done).to.have.length(MAX_PENDING_BATCH_KEYS - 100);
    expect(mixed!.done[0]).to.deep.equal({ key: 'D0', result: 'owned' });
  });
});

describe('samePendingBatch', () => {
  it('compares the keys and the results, in order', () => {
    const a = toPendingBatch({ keys: [KEY], done: [{ key: DATA, result: 'activated' }], owner: OWNER });
    expect(samePendingBatch(a, toPendingBatch({ keys: [KEY], done: [{ key: DATA, result: 'activated' }], owner: OWNER }))).to.equal(true);
    expect(samePendingBatch(a, toPendingBatch({ keys: [KEY], done: [{ key: DATA, result: 'owned' }], owner: OWNER }))).to.equal(false);
    expect(samePendingBatch(a, toPendingBatch({ keys: [KEY], done: [{ key: DATA, result: 'activated' }], owner: accountTag('someone-else') }))).to.equal(false);
    expect(samePendingBatch(a, toPendingBatch([KEY]))).to.equal(false);
    expect(samePendingBatch(a, null)).to.equal(false);
    expect(samePendingBatch(null, null)).to.equal(true);
  });
});
