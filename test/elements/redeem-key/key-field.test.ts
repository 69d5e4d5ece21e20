import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import { DEFAULT_KEY_FORMAT, checkKey, formatForDisplay, normalizeKey } from '../../../src/core/online-key.js';
import type { KeyFormat } from '../../../src/core/schemas.js';
import { LOOK_ALIKES, caretAfter, editKey, hintFor, problemFor } from '../../../src/elements/redeem-key/key-field.js';

const format = DEFAULT_KEY_FORMAT;
/** Significant characters before `caret` in a displayed key. */
const countBefore = (display: string, caret: number) => display.slice(0, caret).replace(/-/g, '').length;

describe('key field rules', () => {
  describe('editKey', () => {
    it('normalizes and groups what was typed, with the caret at the end', () => {
      expect(editKey('math7a3b4', 9, format)).to.deep.equal({ key: 'MATH7A3B4', display: 'MATH-7A3B-4', caret: 11 });
      expect(editKey('MATH', 4, format)).to.deep.equal({ key: 'MATH', display: 'MATH', caret: 4 });
      expect(editKey('', 0, format)).to.deep.equal({ key: '', display: '', caret: 0 });
    });

    it('keeps the caret behind the same character when typing in the middle', () => {
      // "MATH-7A3|B-4C6D" + "E"
      const typed = 'MATH-7A3EB-4C6D';
      expect(editKey(typed, 9, format)).to.deep.equal({ key: 'MATH7A3EB4C6D', display: 'MATH-7A3E-B4C6-D', caret: 9 });
      // Right before a hyphen and right after it: the same logical place.
      expect(editKey('MATHX-7A3B', 5, format).caret).to.equal(6);
      expect(editKey('MATH-X7A3B', 6, format).caret).to.equal(6);
    });

    it('puts the caret before a hyphen that follows it, not after', () => {
      expect(editKey('MATH7A3B', 4, format)).to.deep.equal({ key: 'MATH7A3B', display: 'MATH-7A3B', caret: 4 });
    });

    it('deletes the character before a hyphen that Backspace removed, and the one after for Delete', () => {
      // "MATH-|7A3B": Backspace removed the hyphen only.
      expect(editKey('MATH7A3B', 4, format, { previousKey: 'MATH7A3B', inputType: 'deleteContentBackward' })).to.deep.equal({
        key: 'MAT7A3B',
        display: 'MAT7-A3B',
        caret: 3,
      });
      // "MATH|-7A3B": Delete removed the hyphen only.
      expect(editKey('MATH7A3B', 4, format, { previousKey: 'MATH7A3B', inputType: 'deleteContentForward' })).to.deep.equal({
        key: 'MATHA3B',
        display: 'MATH-A3B',
        caret: 4,
      });
      // A Backspace that removed a character is left as it is.
      expect(editKey('MATH-7A3', 8, format, { previousKey: 'MATH7A3B', inputType: 'deleteContentBackward' }).key).to.equal('MATH7A3');
    });

    it('reads pasted spaces, lower case, Unicode dashes and full-width characters', () => {
      for (const pasted of [' math 7a3b 4c6d e7f6 ', 'MATH–7A3B—4C6D‑E7F6', 'ＭＡＴＨ－７Ａ３Ｂ－４Ｃ６Ｄ－Ｅ７Ｆ６', 'MATH\u200b7A3B\u00ad4C6D_E7F6']) {
        expect(editKey(pasted, pasted.length, format), pasted).to.deep.equal({ key: 'MATH7A3B4C6DE7F6', display: 'MATH-7A3B-4C6D-E7F6', caret: 19 });
      }
    });

    it('follows the format: groups of another length', () => {
      const threes: KeyFormat = { ...format, groups: 3, groupLength: 3 };
      expect(editKey('abcdefg', 7, threes)).to.deep.equal({ key: 'ABCDEFG', display: 'ABC-DEF-G', caret: 9 });
    });

    it('never throws, shows the grouped normalized key and keeps the caret in it', () => {
      fc.assert(
        fc.property(fc.string({ unit: 'binary', maxLength: 300 }), fc.nat(400), fc.constantFrom(undefined, 'deleteContentBackward', 'deleteContentForward'), (value, caret, inputType) => {
          const edit = editKey(value, caret, format, { previousKey: normalizeKey(value), inputType });
          expect(edit.display).to.equal(formatForDisplay(edit.key, format));
          expect(edit.caret).to.be.within(0, edit.display.length);
          if (inputType === undefined) expect(edit.key).to.equal(normalizeKey(value));
        }),
      );
    });

    it('keeps the caret behind the same number of key characters as before the edit', () => {
      const alphabet = fc.constantFrom(...format.alphabet);
      fc.assert(
        fc.property(fc.array(alphabet, { maxLength: 15 }), fc.array(alphabet, { minLength: 1, maxLength: 4 }), fc.nat(), (start, typed, at) => {
          const before = formatForDisplay(start.join(''), format);
          const caret = at % (before.length + 1);
          const inserted = typed.join('');
          const edit = editKey(before.slice(0, caret) + inserted + before.slice(caret), caret + inserted.length, format);
          expect(countBefore(edit.display, edit.caret)).to.equal(countBefore(before, caret) + inserted.length);
          expect(edit.key.length).to.equal(start.length + typed.length);
        }),
      );
    });
  });

  describe('caretAfter', () => {
    it('counts the hyphens before the caret', () => {
      expect([0, 1, 4, 5, 8, 9, 16].map((count) => caretAfter(count, 4, 19))).to.deep.equal([0, 1, 4, 6, 9, 11, 19]);
      expect(caretAfter(20, 4, 19)).to.equal(19);
    });
  });

  describe('hintFor', () => {
    it('uses the shared hint for the default alphabet, which leaves out every look-alike', () => {
      expect(hintFor(format)).to.deep.equal({ id: 'key.hint', length: 16 });
    });

    it('names the look-alikes another alphabet leaves out, or only the length', () => {
      expect(hintFor({ ...format, alphabet: '0123456789ABCDEFGHJKMNPQRSTVWXYZ' })).to.deep.equal({
        id: 'redeemKey.hint',
        length: 16,
        characters: ['O', 'I', 'L'],
      });
      expect(hintFor({ ...format, groups: 2, alphabet: LOOK_ALIKES.join('') })).to.deep.equal({ id: 'redeemKey.hint.length', length: 8 });
    });
  });

  describe('problemFor', () => {
    it('maps each failed check to its shared message', () => {
      expect(problemFor(checkKey('', format))).to.deep.equal({ id: 'key.empty' });
      expect(problemFor(checkKey('MATH7A', format))).to.deep.equal({ id: 'key.incomplete', params: { count: 10 } });
      expect(problemFor(checkKey('MATH7AOB4C6DE7F6', format))).to.deep.equal({ id: 'key.invalid-character', params: { position: 7, character: 'O' } });
      expect(problemFor(checkKey('MATH7A3B4C6DE7F6X', format))).to.deep.equal({ id: 'key.too-long' });
      expect(problemFor(checkKey('MATH7A3B4C6DE7F7', format))).to.deep.equal({ id: 'key.checksum' });
      expect(problemFor(checkKey('MATH7A3B4C6DE7F6', format))).to.equal(null);
    });
  });
});
