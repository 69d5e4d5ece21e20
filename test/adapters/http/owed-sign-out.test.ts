// A sign-out that failed on the network leaves the session alive on the reference server
// (test/servers/reference-server.mjs); the store owes it and ends it at the next session read, so a
// reload does not sign the user back in. Over real HTTP: the cookie and the server session are real.
import { expect } from '@open-wc/testing';
import { HttpBackend } from '../../../src/adapters/http/index.js';
import { AccountStore } from '../../../src/core/store.js';
import { demoCredentials } from '../../support/fixture.js';
import { MemoryStorage } from '../../support/helpers.js';

async function apiUrl(): Promise<string> {
  const response = await fetch('/__reference-server');
  return `${((await response.json()) as { url: string }).url}/api`;
}

describe('AccountStore over HTTP: a failed sign-out is owed', function () {
  this.timeout(60_000);

  it('ends the session that survived a failed sign-out before a reload shows the user again', async () => {
    const baseUrl = await apiUrl();
    let offline = false;
    // The network fails for this one request; the request never reaches the server.
    const flaky: typeof fetch = (input, init) => (offline ? Promise.reject(new TypeError('Failed to fetch')) : fetch(input, init));
    const storage = new MemoryStorage();
    // Sign-in hashes with scrypt at full cost, on a machine shared with the browser.
    const tab = new AccountStore({ backend: new HttpBackend({ baseUrl, timeout: 20_000, fetch: flaky }), storage, channel: false });
    expect((await tab.signIn(demoCredentials('teacher'))).ok, 'signed in').to.equal(true);
    offline = true;
    const signOut = await tab.signOut();
    expect(signOut.ok ? 'ok' : signOut.error.code).to.equal('offline');
    expect(tab.snapshot.status).to.equal('signed-out');
    tab.dispose();

    // The cookie still opens the session on the server: that is the risk on a shared computer.
    const probe = new HttpBackend({ baseUrl });
    expect((await probe.getSession({ signal: new AbortController().signal }))?.email).to.equal(demoCredentials('teacher').email);

    // The reload: web storage (localStorage by default; here the test's storage) remembers the owed sign-out and pays it first.
    const reloaded = new AccountStore({ backend: new HttpBackend({ baseUrl }), storage, channel: false });
    await reloaded.ensureSession();
    expect(reloaded.snapshot.status).to.equal('signed-out');
    expect(await probe.getSession({ signal: new AbortController().signal })).to.equal(null);
    reloaded.dispose();
  });
});
