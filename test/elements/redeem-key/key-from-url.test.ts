import { expect } from '@open-wc/testing';
import { keyFromUrl } from '../../../src/elements/redeem-key/key-from-url.js';

describe('keyFromUrl', () => {
  it('takes the key and keeps the path, the other parameters exactly as they were, and the hash', () => {
    expect(keyFromUrl('https://verlag.example/einloesen?utm=print%20ad&key=math-7a3b-4c6d-e7f6&x=a+b#schritt-2', 'key')).to.deep.equal({
      key: 'math-7a3b-4c6d-e7f6',
      url: '/einloesen?utm=print%20ad&x=a+b#schritt-2',
    });
  });

  it('drops the question mark when the key was the only parameter', () => {
    expect(keyFromUrl('https://verlag.example/einloesen?key=ABCD#top', 'key')).to.deep.equal({ key: 'ABCD', url: '/einloesen#top' });
  });

  it('decodes the value, takes the first of several and removes them all', () => {
    expect(keyFromUrl('https://verlag.example/?code=MATH%E2%80%937A3B+4C6D&code=OTHER&a=1', 'code')).to.deep.equal({
      key: 'MATH–7A3B 4C6D',
      url: '/?a=1',
    });
  });

  it('answers an empty key for a parameter without a value, and null without the parameter', () => {
    expect(keyFromUrl('https://verlag.example/?key', 'key')).to.deep.equal({ key: '', url: '/' });
    expect(keyFromUrl('https://verlag.example/?keys=1&mykey=2#key=3', 'key')).to.equal(null);
    expect(keyFromUrl('https://verlag.example/', 'key')).to.equal(null);
    expect(keyFromUrl('not a url', 'key')).to.equal(null);
  });

  it('survives a broken escape', () => {
    expect(keyFromUrl('https://verlag.example/?key=%E2%80&a=%ZZ', 'key')).to.deep.equal({ key: '', url: '/?a=%ZZ' });
  });
});
