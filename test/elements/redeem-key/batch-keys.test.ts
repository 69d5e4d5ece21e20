// Batch mode's pure rules: reading the field (split, normalize, check, dedupe) and counting results.
import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import { DEFAULT_KEY_ALPHABET, DEFAULT_KEY_FORMAT, checkKey, normalizeKey, withCheckCharacter } from '../../../src/core/online-key.js';
import type { Product } from '../../../src/core/schemas.js';
import { MAX_BATCH_KEYS, countByGroup, parseBatch, splitKeys, summaryGroupOf } from '../../../src/elements/redeem-key/batch-keys.js';
import { batchMessages } from '../../../src/elements/redeem-key/batch.messages.js';
import type { RedeemOutcome } from '../../../src/elements/redeem-key/outcome.js';
import { itHasCompleteTranslations } from '../../support/messages-suite.js';

const format = DEFAULT_KEY_FORMAT;
const A = 'MATH7A3B4C6DE7F6';
const B = 'DATA8K3M4N6PR7T3';
const C = 'JAHR9T3U4V6WX7Y3';
const parse = (text: string) => parseBatch(text, format);

describe('batch mode: reading the field', () => {
  it('takes one key per line, and keys separated by commas, semicolons or tabs', () => {
    expect(parse(`${A}\n${B}\r\n${C}`).keys).to.deep.equal([A, B, C]);
    expect(parse(`${A}, ${B};${C}`).keys).to.deep.equal([A, B, C]);
    expect(parse(`${A}\t${B}`).keys).to.deep.equal([A, B]);
    // Full-width and ideographic punctuation, as an input method types it.
    expect(parse(`${A}，${B}；${C}`).keys).to.deep.equal([A, B, C]);
    expect(parse(`${A}、${B}\u2028${C}`).keys).to.deep.equal([A, B, C]);
  });

  it('keeps a key typed with spaces between its groups together', () => {
    expect(parse('MATH 7A3B 4C6D E7F6').keys).to.deep.equal([A]);
    expect(parse('math 7a3b\u00a04c6d\u3000e7f6').keys).to.deep.equal([A]);
    expect(parse('MATH7A3B 4C6DE7F6').keys).to.deep.equal([A]);
  });

  it('tells keys on one line apart by spaces when the words are whole keys, or add up to whole keys', () => {
    expect(parse('MATH-7A3B-4C6D-E7F6 DATA-8K3M-4N6P-R7T3').keys).to.deep.equal([A, B]);
    expect(parse(`${A} ${B} ${C}`).keys).to.deep.equal([A, B, C]);
    expect(parse('MATH 7A3B 4C6D E7F6 DATA 8K3M 4N6P R7T3').keys).to.deep.equal([A, B]);
    expect(parse('MATH 7A3B 4C6D E7F6 DATA-8K3M-4N6P-R7T3, JAHR 9T3U 4V6W X7Y3').keys).to.deep.equal([A, B, C]);
  });

  it('reads a key with a character missing as incomplete, and the whole key after it as a key', () => {
    const parsed = parse('MATH 7A3B 4C6D E7F DATA 8K3M 4N6P R7T3');
    expect(parsed.entries).to.deep.equal([
      { key: 'MATH7A3B4C6DE7F', status: 'malformed', check: { valid: false, reason: 'incomplete', missing: 1 } },
      { key: B, status: 'ok' },
    ]);
    expect(parsed.keys).to.deep.equal([B]);
  });

  it('normalizes each key: lower case, Unicode dashes, full-width characters, zero-width spaces', () => {
    expect(parse('math–7a3b—4c6d‑e7f6').keys).to.deep.equal([A]);
    expect(parse('ＭＡＴＨ－７Ａ３Ｂ－４Ｃ６Ｄ－Ｅ７Ｆ６').keys).to.deep.equal([A]);
    expect(parse('MATH\u200b7A3B4C6DE7F6').keys).to.deep.equal([A]);
  });

  it('marks duplicates, however they were typed, and sends each key once', () => {
    const parsed = parse(`${A}\nmath-7a3b-4c6d-e7f6\n${B}\n${A}`);
    expect(parsed.entries.map((entry) => entry.status)).to.deep.equal(['ok', 'duplicate', 'ok', 'duplicate']);
    expect(parsed.entries[1]).to.deep.equal({ key: A, status: 'duplicate', firstIndex: 0 });
    expect(parsed.entries[3]).to.deep.equal({ key: A, status: 'duplicate', firstIndex: 0 });
    expect(parsed.keys).to.deep.equal([A, B]);
    expect(parsed.duplicates).to.equal(2);
    expect(parsed.malformed).to.equal(0);
  });

  it('says what is wrong with a malformed key, with the reason from checkKey, and does not send it', () => {
    const parsed = parse(['MATH-7AOB-4C6D-E7F6', 'MATH-7A3B-4C6D-E7F7', `${A}X`, 'MATH'].join('\n'));
    expect(parsed.entries.map((entry) => (entry.status === 'malformed' ? entry.check : entry.status))).to.deep.equal([
      { valid: false, reason: 'invalid-character', position: 7, character: 'O' },
      { valid: false, reason: 'checksum' },
      { valid: false, reason: 'too-long', extra: 1 },
      { valid: false, reason: 'incomplete', missing: 12 },
    ]);
    expect(parsed.keys).to.deep.equal([]);
    expect(parsed.malformed).to.equal(4);
  });

  it('skips empty lines, lone separators and white space', () => {
    expect(parse('\n\n , ; -- \t\n').entries).to.deep.equal([]);
    expect(parse(`\n  ${A}  \n\n - \n${B},,`).keys).to.deep.equal([A, B]);
  });

  it(`takes at most ${MAX_BATCH_KEYS} keys and counts the rest`, () => {
    const many = Array.from({ length: MAX_BATCH_KEYS + 3 }, (_, i) => `K${i}`).join('\n');
    const parsed = parse(many);
    expect(parsed.entries).to.have.length(MAX_BATCH_KEYS);
    expect(parsed.overflow).to.equal(3);
  });

  it('follows the key format it is given', () => {
    const short = { ...format, groups: 2, groupLength: 4, checkCharacter: false };
    expect(splitKeys('ABCD EFGH JKMN PRTU', short)).to.deep.equal(['ABCDEFGH', 'JKMNPRTU']);
    expect(parseBatch('ABCD EFGH JKMN PRTU', short).keys).to.deep.equal(['ABCDEFGH', 'JKMNPRTU']);
  });

  describe('properties', () => {
    const wellFormedKey = fc
      .array(fc.constantFrom(...DEFAULT_KEY_ALPHABET), { minLength: 15, maxLength: 15 })
      .map((chars) => withCheckCharacter(chars.join('')));
    /** A key as people type it: grouped with hyphens or spaces, or not; lower case or not. */
    const typed = (key: string) =>
      fc.tuple(fc.constantFrom('', '-', ' ', '–', '  '), fc.boolean()).map(([joiner, lower]) => {
        const text = key.match(/.{1,4}/g)!.join(joiner);
        return lower ? text.toLowerCase() : text;
      });
    const separator = fc.constantFrom('\n', '\r\n', ',', ', ', ';', ' ; ', '\t', ' ', '   ', '\n\n');

    it('never throws, and every key it shows is normalized and not empty', () => {
      fc.assert(
        fc.property(
          fc.oneof(
            fc.string({ unit: 'binary', maxLength: 400 }),
            fc.string({ unit: 'grapheme', maxLength: 200 }),
            fc.string({ unit: 'binary', minLength: 5_000, maxLength: 10_000 }),
            fc.array(fc.oneof(wellFormedKey, fc.string({ maxLength: 20 })), { maxLength: 30 }).map((parts) => parts.join('\n')),
          ),
          (text) => {
            const parsed = parse(text);
            for (const entry of parsed.entries) {
              expect(entry.key).to.not.equal('');
              expect(normalizeKey(entry.key)).to.equal(entry.key);
            }
            expect(parsed.entries.length).to.be.at.most(MAX_BATCH_KEYS);
          },
        ),
        { numRuns: 300 },
      );
    });

    it('sends only well-formed keys, each once, in the order they came', () => {
      fc.assert(
        fc.property(fc.string({ unit: 'binary', maxLength: 600 }), fc.array(wellFormedKey, { maxLength: 8 }), (noise, real) => {
          const parsed = parse(`${noise}\n${real.join('\n')}\n${real.join(', ')}`);
          expect(new Set(parsed.keys).size, 'no key twice').to.equal(parsed.keys.length);
          for (const key of parsed.keys) expect(checkKey(key, format).valid).to.equal(true);
          const okEntries = parsed.entries.filter((entry) => entry.status === 'ok').map((entry) => entry.key);
          expect(parsed.keys).to.deep.equal(okEntries);
          for (const key of real) expect(parsed.keys).to.include(key);
          expect(parsed.duplicates + parsed.malformed + parsed.keys.length).to.equal(parsed.entries.length);
        }),
        { numRuns: 300 },
      );
    });

    it('reads back any list of whole keys, however they are grouped and separated', () => {
      fc.assert(
        fc.property(
          fc.array(wellFormedKey, { minLength: 1, maxLength: 12 }).chain((list) =>
            fc.tuple(fc.constant(list), fc.tuple(...list.map(typed)), fc.array(separator, { minLength: list.length, maxLength: list.length })),
          ),
          ([list, texts, separators]) => {
            const text = texts.map((each, i) => each + separators[i]).join('');
            expect(parse(text).keys).to.deep.equal([...new Set(list)]);
          },
        ),
        { numRuns: 300 },
      );
    });
  });
});

describe('batch mode: counting results', () => {
  const product: Product = { id: 'p', title: 'P', kind: 'licence', licenceType: 'single', openUrl: '/p' };
  const of = (kind: string, extra: object = {}) => ({ kind, ...extra }) as RedeemOutcome;

  it('groups outcomes as the summary names them, in its order, leaving out the empty groups', () => {
    const results = [
      of('expired'),
      of('activated', { product }),
      of('not-found'),
      of('redeemed-by-other'),
      of('activated', { product }),
      of('already-owned', { product }),
      of('redeemed-by-you'),
      'malformed' as const,
      of('transient', { code: 'offline' }),
      of('failed'),
      of('invalid-format'),
      of('not-yet-valid', { validFrom: '2099-08-01' }),
      of('not-for-customer-type', { customerTypes: ['teacher'] }),
    ];
    expect(countByGroup(results)).to.deep.equal([
      ['activated', 2],
      ['owned', 2],
      ['taken', 1],
      ['invalid', 3],
      ['expired', 1],
      ['not-yet-valid', 1],
      ['not-for-customer-type', 1],
      ['not-redeemed', 2],
    ]);
    expect(countByGroup([])).to.deep.equal([]);
  });

  it('never counts a rate limit, a sign-in or an aborted request as a result', () => {
    for (const outcome of [of('rate-limited', { seconds: 3 }), of('sign-in'), of('ignored')]) {
      expect(summaryGroupOf(outcome), outcome.kind).to.equal(null);
    }
    expect(countByGroup([of('rate-limited', { seconds: 3 }), of('sign-in')])).to.deep.equal([]);
  });
});

describe('batch mode: messages', () => {
  itHasCompleteTranslations(batchMessages);

  it('uses the words of the issue in German', () => {
    const de = batchMessages.de;
    expect(de['redeemKey.batch.label']).to.equal('Online-Schlüssel, einer pro Zeile');
    expect(de['redeemKey.batch.duplicate']).to.equal('doppelt');
    expect(de['redeemKey.batch.problem.incomplete']).to.equal('unvollständig');
    expect(de['redeemKey.batch.stop']).to.equal('Anhalten');
    expect(de['redeemKey.batch.resume']).to.equal('Fortsetzen');
    expect(de['redeemKey.batch.retryFailed']).to.equal('Fehlgeschlagene erneut versuchen');
    expect(de['redeemKey.batch.another']).to.equal('Weitere Schlüssel einlösen');
  });
});
