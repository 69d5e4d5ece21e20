import { expect } from '@open-wc/testing';
import { focusFirstField } from '../../../src/ui/inline-sign-in.js';
import { initials } from '../../../src/elements/account-menu/initials.js';
import { indexForCharacter, indexForKey } from '../../../src/elements/account-menu/menu-keyboard.js';
import { choosePanelAlign } from '../../../src/elements/account-menu/panel-placement.js';

describe('account menu helpers', () => {
  it('initials: first and last word, one character each, upper-cased', () => {
    expect(initials('Dana Demo', 'de')).to.equal('DD');
    expect(initials('  anna  ', 'de')).to.equal('A');
    expect(initials('Anna-Lena von Berg', 'de')).to.equal('AB');
    expect(initials('E\u0301mile Zola', 'de')).to.equal('E\u0301Z');
    expect(initials('', 'de')).to.equal('');
  });

  it('indexForKey: wraps with the arrows, jumps with Home/End, ignores other keys', () => {
    expect(indexForKey('ArrowDown', 3, 4)).to.equal(0);
    expect(indexForKey('ArrowUp', 0, 4)).to.equal(3);
    expect(indexForKey('ArrowDown', -1, 4)).to.equal(0);
    expect(indexForKey('ArrowUp', -1, 4)).to.equal(3);
    expect(indexForKey('End', 0, 4)).to.equal(3);
    expect(indexForKey('Home', 2, 4)).to.equal(0);
    expect(indexForKey('a', 0, 4)).to.equal(null);
    expect(indexForKey('ArrowDown', -1, 0)).to.equal(null);
  });

  it('indexForCharacter: the next item after the current one starting with the character', () => {
    const labels = ['Mein Konto', 'Meine Produkte', 'Online-Schlüssel einlösen', 'Abmelden'];
    expect(indexForCharacter(labels, 0, 'm', 'de')).to.equal(1);
    expect(indexForCharacter(labels, 1, 'M', 'de')).to.equal(0);
    expect(indexForCharacter(labels, 3, 'a', 'de')).to.equal(3);
    expect(indexForCharacter(labels, 0, 'x', 'de')).to.equal(null);
  });

  it('choosePanelAlign: grows toward the wider side of the viewport', () => {
    expect(choosePanelAlign(new DOMRect(700, 10, 40, 40), 800)).to.equal('right');
    expect(choosePanelAlign(new DOMRect(10, 10, 40, 40), 800)).to.equal('left');
  });

  it('focusFirstField: skips hidden, disabled and type=hidden inputs', async () => {
    const form = document.createElement('form');
    form.innerHTML = `
      <input type="email" autocomplete="username" hidden />
      <input type="hidden" name="csrf" />
      <input disabled />
      <input id="first-field" autocomplete="new-password" />`;
    document.body.append(form);
    try {
      await focusFirstField(form);
      expect(document.activeElement?.id).to.equal('first-field');
    } finally {
      form.remove();
    }
  });
});
