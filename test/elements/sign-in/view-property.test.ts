import { expect, waitUntil } from '@open-wc/testing';
import { MemoryBackend } from '../../../src/adapters/memory/index.js';
import { demoCredentials } from '../../support/fixture.js';
import { collect, followLink, mailedToken } from '../../support/helpers.js';
import { mountSignIn, typeInto, ui } from './helpers.js';

const teacher = demoCredentials('teacher');

describe('<ks-sign-in> view property', () => {
  let restoreUrl: (() => void) | undefined;
  afterEach(() => {
    restoreUrl?.();
    restoreUrl = undefined;
  });

  it('tells what the element shows, as the user moves through it, without firing anything', async () => {
    const signedIn = collect('ks-signed-in');
    const navigate = collect('ks-navigate');
    try {
      const { element } = await mountSignIn();
      const seen: string[] = [element.view];
      ui(element).button('Passwort vergessen?')!.click();
      await element.updateComplete;
      seen.push(element.view);
      typeInto(ui(element).email()!, teacher.email);
      ui(element).form()!.requestSubmit();
      await waitUntil(() => element.view === 'reset-sent', 'the reset link is sent');
      seen.push(element.view);
      ui(element).button('Zurück zur Anmeldung')!.click();
      await element.updateComplete;
      seen.push(element.view);
      expect(seen).to.deep.equal(['sign-in', 'reset', 'reset-sent', 'sign-in']);
      expect(signedIn.events).to.have.length(0);
      expect(navigate.events).to.have.length(0);
    } finally {
      signedIn.stop();
      navigate.stop();
    }
  });

  it('is "new-password" after a reset link', async () => {
    const backend = new MemoryBackend();
    await backend.requestPasswordReset(teacher.email, { signal: new AbortController().signal });
    restoreUrl = followLink(`ks-reset=${encodeURIComponent(mailedToken(backend, 'reset', teacher.email))}`);
    const { element } = await mountSignIn(undefined, { backend });
    expect(element.view).to.equal('new-password');
  });

  it('is read-only: setting it throws and changes nothing', async () => {
    const { element } = await mountSignIn();
    expect(() => {
      (element as unknown as { view: string }).view = 'reset';
    }).to.throw(TypeError);
    await element.updateComplete;
    expect(element.view).to.equal('sign-in');
    expect(ui(element).password()).to.exist;
  });
});
