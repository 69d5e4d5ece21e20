import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import {
  DEFAULT_KEY_ALPHABET,
  DEFAULT_KEY_FORMAT,
  MAX_NORMALIZED_KEY_LENGTH,
  checkCharacterFor,
  checkKey,
  formatForDisplay,
  isWellFormed,
  normalizeKey,
  withCheckCharacter,
} from '../../src/core/online-key.js';

const VALID = 'MATH7A3B4C6DE7F6';
const alphabetChar = fc.constantFrom(...DEFAULT_KEY_ALPHABET);
const keyBody = fc.array(alphabetChar, { minLength: 15, maxLength: 15 }).map((chars) => chars.join(''));
const validKey = keyBody.map((body) => withCheckCharacter(body));

describe('online-key rules', () => {
  describe('normalizeKey', () => {
    it('trims, drops separators, folds full-width characters and upper-cases', () => {
      expect(normalizeKey('  math-7a3b 4c6d–e7f6 \n')).to.equal(VALID);
      expect(normalizeKey('MATH\u200b7A3B\u2060-\u20144C6D\ufeffE7F6')).to.equal(VALID);
      expect(normalizeKey('ＭＡＴＨ－７ａ３ｂ\u3000４Ｃ６Ｄ－Ｅ７Ｆ６')).to.equal(VALID);
      expect(normalizeKey('math_7a3b\u00ad4c6d\u22124e')).to.equal('MATH7A3B4C6D4E');
    });

    it('keeps characters that are not in the alphabet, so the check can point at them', () => {
      expect(normalizeKey('mat0-hi')).to.equal('MAT0HI');
    });

    it('is idempotent, never throws and bounds its output length', () => {
      fc.assert(
        fc.property(fc.string({ unit: 'binary', maxLength: 400 }), (input) => {
          const once = normalizeKey(input);
          expect(normalizeKey(once)).to.equal(once);
          expect(once.length).to.be.at.most(MAX_NORMALIZED_KEY_LENGTH);
          expect(once).to.not.match(/[\s-]/);
        }),
        { numRuns: 2000 },
      );
    });

    it('turns any display form of a key back into the key', () => {
      fc.assert(
        fc.property(validKey, fc.constantFrom(' ', '-', '–', '\u200b', ''), (key, separator) => {
          const display = formatForDisplay(key).replaceAll('-', separator).toLowerCase();
          expect(normalizeKey(display)).to.equal(key);
        }),
      );
    });
  });

  describe('checkKey / isWellFormed', () => {
    it('accepts a key with the right check character', () => {
      expect(checkKey(VALID)).to.deep.equal({ valid: true });
      expect(isWellFormed(VALID)).to.equal(true);
      fc.assert(fc.property(validKey, (key) => isWellFormed(key)));
    });

    it('says what is wrong: empty, incomplete, too long, which character, or a typo', () => {
      expect(checkKey('')).to.deep.equal({ valid: false, reason: 'empty' });
      expect(checkKey('MATH7A3B')).to.deep.equal({ valid: false, reason: 'incomplete', missing: 8 });
      expect(checkKey(`${VALID}AA`)).to.deep.equal({ valid: false, reason: 'too-long', extra: 2 });
      expect(checkKey('MATH7A0B4C6DE7F6')).to.deep.equal({ valid: false, reason: 'invalid-character', position: 7, character: '0' });
      expect(checkKey('MATH7A3B4C6DE7F7')).to.deep.equal({ valid: false, reason: 'checksum' });
    });

    it('rejects the look-alikes 0/O, 1/I/L, 5/S and 2/Z wherever they stand', () => {
      for (const char of '0O1IL5S2Z') {
        const key = `${char}${VALID.slice(1)}`;
        expect(checkKey(key), char).to.deep.include({ reason: 'invalid-character', position: 1 });
      }
    });

    it('catches every single mistyped character', () => {
      fc.assert(
        fc.property(validKey, fc.nat(15), alphabetChar, (key, index, replacement) => {
          fc.pre(key[index] !== replacement);
          const typo = key.slice(0, index) + replacement + key.slice(index + 1);
          expect(isWellFormed(typo)).to.equal(false);
        }),
        { numRuns: 1000 },
      );
    });

    it('catches swaps of neighbouring characters in most cases', () => {
      let swaps = 0;
      let caught = 0;
      fc.assert(
        fc.property(validKey, fc.nat(14), (key, index) => {
          fc.pre(key[index] !== key[index + 1]);
          swaps += 1;
          const swapped = key.slice(0, index) + key[index + 1] + key[index] + key.slice(index + 2);
          if (!isWellFormed(swapped)) caught += 1;
        }),
        { numRuns: 1000 },
      );
      // Luhn mod N misses only swaps of two specific character pairs; demand 90 % here.
      expect(caught / swaps).to.be.greaterThan(0.9);
    });

    it('follows a format without a check character', () => {
      const format = { groups: 2, groupLength: 3, alphabet: 'ABC', checkCharacter: false };
      expect(isWellFormed('ABCCBA', format)).to.equal(true);
      expect(checkKey('ABCCBD', format)).to.deep.include({ reason: 'invalid-character', position: 6 });
    });
  });

  describe('formatForDisplay', () => {
    it('groups with hyphens, a partial key as far as it goes', () => {
      expect(formatForDisplay(VALID)).to.equal('MATH-7A3B-4C6D-E7F6');
      expect(formatForDisplay('MATH7A')).to.equal('MATH-7A');
      expect(formatForDisplay('')).to.equal('');
      expect(formatForDisplay('ABCDEF', { ...DEFAULT_KEY_FORMAT, groupLength: 3 })).to.equal('ABC-DEF');
    });
  });

  describe('checkCharacterFor', () => {
    it('refuses characters outside the alphabet', () => {
      expect(() => checkCharacterFor('MAT0', DEFAULT_KEY_ALPHABET)).to.throw(RangeError);
    });
  });
});
