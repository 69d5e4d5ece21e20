import { expect } from '@open-wc/testing';
import { signInMessages } from '../../../src/elements/sign-in/sign-in.messages.js';
import { itHasCompleteTranslations } from '../../support/messages-suite.js';

describe('<ks-sign-in> messages', () => {
  itHasCompleteTranslations(signInMessages);

  it("uses the seed's words in German", () => {
    const de = signInMessages.de;
    expect(de['signIn.submit']).to.equal('Anmelden');
    expect(de['signIn.password']).to.equal('Kennwort');
    expect(de['signIn.forgot']).to.equal('Passwort vergessen?');
    expect(de['signIn.register']).to.equal('Neues Konto erstellen');
  });
});
