// <ks-redeem-key> over real HTTP against the fault server (test/servers/fault-server.mjs): what the
// user sees when a POST /redemptions is rate limited, fails on the server, comes back broken, gets
// no answer in time, or loses its connection. Each test takes its own fault-server run, so its
// script, request log, session and idempotency store are its own.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { HttpBackend, type HttpBackendOptions } from '../../../src/adapters/http/index.js';
import { formatForDisplay, withCheckCharacter } from '../../../src/core/online-key.js';
import { AccountStore } from '../../../src/core/store.js';
import type { KsProvider } from '../../../src/elements/provider/provider.js';
import type { KsRedeemKey } from '../../../src/elements/redeem-key/redeem-key.js';
import { collect } from '../../support/helpers.js';
import { faultRun, type FaultRun, type LoggedRequest } from '../../adapters/http/fault-run.js';
import { redeem, settled, submit, typeInto, ui } from './helpers.js';

/** The fault server's test account (TEST_USER and TEST_PASSWORD in fault-server.mjs). */
const credentials = { email: 'reader@example.com', password: 'correct horse battery staple' };

const KEY_KEPT = 'Ihr Schlüssel bleibt eingetragen.';

interface Mounted {
  run: FaultRun;
  element: KsRedeemKey;
  /** A well-formed key in the fault server's key format, as printed (grouped with hyphens). */
  key: string;
  /** The POST /redemptions the server received so far. */
  redemptions(): Promise<LoggedRequest[]>;
}

/** `<ks-redeem-key>` on a store whose HttpBackend talks to a fresh fault-server run, signed in. */
async function mountOverFaultServer(options: Partial<HttpBackendOptions> = {}): Promise<Mounted> {
  const run = await faultRun();
  const backend = new HttpBackend({ baseUrl: run.baseUrl, ...options });
  const store = new AccountStore({ backend, storage: null, channel: false });
  expect((await store.signIn(credentials)).ok, 'sign-in at the fault server').to.equal(true);
  await store.loadRegistrationOptions();
  const registrationOptions = store.snapshot.registrationOptions;
  if (registrationOptions.state !== 'loaded') throw new Error('the registration options did not load');
  // The server's alphabet has its own order, so its check characters differ from the default format's.
  const format = registrationOptions.data.keyFormat;
  const key = formatForDisplay(withCheckCharacter('ABCDEFGHJKMNPRT', format), format);
  const provider = await fixture<KsProvider>(html`<ks-provider .store=${store} lang="de"><ks-redeem-key></ks-redeem-key></ks-provider>`);
  const element = provider.firstElementChild as KsRedeemKey;
  await element.updateComplete;
  const redemptions = async () => (await run.log()).filter((request) => request.method === 'POST' && request.path === '/redemptions');
  return { run, element, key, redemptions };
}

/** The Idempotency-Key header of each request. */
const idempotencyKeys = (requests: LoggedRequest[]) => requests.map((request) => request.headers['idempotency-key']);

describe('<ks-redeem-key> over HTTP, when the redemption fails (fault server)', function () {
  this.timeout(20_000);

  it('counts down after a 429 with Retry-After, refuses to send meanwhile, then redeems with the same Idempotency-Key', async () => {
    const { run, element, key, redemptions } = await mountOverFaultServer();
    await run.script([{ match: 'POST /redemptions', fault: { problem: 'rate-limited', headers: { 'Retry-After': '2' } } }]);
    await redeem(element, key);

    expect(ui(element).alertText()).to.equal('Zu viele Versuche. Bitte warten Sie einen Moment.');
    expect(ui(element).countdown()).to.equal('Sie können es in 2 Sekunden erneut versuchen.');
    const button = ui(element).submit()!;
    expect(button.getAttribute('aria-disabled')).to.equal('true');
    expect(button.getAttribute('aria-describedby')).to.equal('countdown');
    expect(element.matches(':state(blocked)')).to.equal(true);
    // Submitting while blocked sends nothing.
    await submit(element);
    await settled(element);
    expect(await redemptions()).to.have.length(1);
    await expect(element).to.be.accessible();

    await waitUntil(() => ui(element).statusText() === 'Sie können es jetzt erneut versuchen.', 'the wait did not end', { timeout: 4000 });
    expect(ui(element).alertText()).to.equal('');
    expect(ui(element).countdown()).to.equal('');
    expect(ui(element).submit()!.getAttribute('aria-disabled')).to.equal('false');
    expect(ui(element).submit()!.hasAttribute('aria-describedby')).to.equal(false);
    expect(element.matches(':state(blocked)')).to.equal(false);
    await expect(element).to.be.accessible();

    await submit(element);
    await settled(element);
    expect(ui(element).statusText()).to.match(/^Die Lizenz ist aktiviert\./);
    const sent = await redemptions();
    expect(sent).to.have.length(2);
    expect(sent[1]!.headers['idempotency-key']).to.be.a('string').and.equal(sent[0]!.headers['idempotency-key']);
  });

  for (const [fault, what, message] of [
    ['html-500', 'a 500 with an HTML page', 'Beim Dienst ist ein Fehler aufgetreten. Bitte versuchen Sie es später erneut.'],
    ['schema-break', 'a 200 whose body breaks the schema', 'Der Dienst hat unerwartet geantwortet. Bitte versuchen Sie es erneut.'],
  ] as const) {
    it(`says so after ${what}, keeps the key and offers "Erneut versuchen", which sends it again`, async () => {
      const { run, element, key, redemptions } = await mountOverFaultServer();
      await run.script([{ match: 'POST /redemptions', fault }]);
      await redeem(element, key);

      expect(ui(element).alertText()).to.equal(`${message} ${KEY_KEPT}`);
      // The server's own words (the HTML page, the broken body) never reach the user.
      expect(ui(element).alertText()).to.not.match(/nginx|Bad Gateway|maybe/);
      expect(ui(element).input()!.value).to.equal(key);
      expect(ui(element).submit()!.textContent?.trim()).to.equal('Erneut versuchen');
      expect(element.matches(':state(error)')).to.equal(true);
      expect(ui(element).statusText()).to.equal('');
      await expect(element).to.be.accessible();

      ui(element).submit()!.click();
      await settled(element);
      expect(ui(element).statusText()).to.match(/^Die Lizenz ist aktiviert\./);
      expect(ui(element).alertText()).to.equal('');
      const sent = await redemptions();
      expect(sent).to.have.length(2);
      expect(sent[1]!.headers['idempotency-key']).to.be.a('string').and.equal(sent[0]!.headers['idempotency-key']);
    });
  }

  it('says the service does not answer after a timeout; "Erneut versuchen" sends the same Idempotency-Key and the retry activates', async () => {
    // 1 s per attempt instead of the default 10 s; the fault server answers everything else at once.
    const { run, element, key, redemptions } = await mountOverFaultServer({ timeout: 1000 });
    await run.script([{ match: 'POST /redemptions', fault: 'hang' }]);
    const redeemed = collect('ks-key-redeemed');
    try {
      typeInto(element, key);
      await element.updateComplete;
      await submit(element);
      // While the server holds the request, the form says it is busy.
      await waitUntil(async () => (await redemptions()).length === 1, 'the redemption did not reach the server');
      expect(element.matches(':state(busy)')).to.equal(true);
      expect(ui(element).submit()!.textContent?.trim()).to.equal('Wird eingelöst …');
      // `settled` waits a second at most; the attempt takes the backend's timeout.
      await waitUntil(() => !element.matches(':state(busy)'), 'the attempt did not time out', { timeout: 5000 });
      await element.updateComplete;

      expect(ui(element).alertText()).to.equal(`Der Dienst antwortet gerade nicht. Bitte versuchen Sie es erneut. ${KEY_KEPT}`);
      expect(ui(element).input()!.value).to.equal(key);
      expect(ui(element).submit()!.textContent?.trim()).to.equal('Erneut versuchen');
      expect(redeemed.events).to.have.length(0);
      await expect(element).to.be.accessible();

      ui(element).submit()!.click();
      await settled(element);
      expect(ui(element).statusText()).to.match(/^Die Lizenz ist aktiviert\./);
      expect(ui(element).alertText()).to.equal('');
      expect(redeemed.events.map((event) => event.detail.product.id)).to.deep.equal(['p-grammar']);
      await expect(element).to.be.accessible();
    } finally {
      redeemed.stop();
    }

    const sent = await redemptions();
    expect(sent).to.have.length(2);
    const [first, second] = idempotencyKeys(sent);
    expect(first).to.be.a('string').and.not.equal('');
    expect(second).to.equal(first);
  });

  it('says there is no connection when the connection drops, and keeps the key', async () => {
    const { run, element, key, redemptions } = await mountOverFaultServer();
    // Chrome sends a request again itself when a pooled connection closes before any answer.
    await run.script([{ match: 'POST /redemptions', fault: 'drop', times: 20 }]);
    await redeem(element, key);

    expect(ui(element).alertText()).to.equal(`Keine Verbindung. Bitte prüfen Sie Ihre Internetverbindung und versuchen Sie es erneut. ${KEY_KEPT}`);
    expect(ui(element).input()!.value).to.equal(key);
    expect(ui(element).submit()!.textContent?.trim()).to.equal('Erneut versuchen');
    expect(ui(element).statusText()).to.equal('');
    // The request did go out, and every copy Chrome sent carried the same Idempotency-Key.
    const sent = idempotencyKeys(await redemptions());
    expect(sent).to.not.be.empty;
    expect(new Set(sent).size).to.equal(1);
    await expect(element).to.be.accessible();
  });
});
