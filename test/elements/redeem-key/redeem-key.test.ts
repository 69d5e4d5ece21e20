import { expect, html, waitUntil } from '@open-wc/testing';
import { sendMouse } from '@web/test-runner-commands';
import { MemoryBackend, demoRegistrationOptions } from '../../../src/adapters/memory/index.js';
import { BackendError } from '../../../src/core/errors.js';
import { DEFAULT_KEY_FORMAT } from '../../../src/core/online-key.js';
import { collect, deepActiveElement } from '../../support/helpers.js';
import { keys, mountRedeemKey, redeem, settled, spyOnRedeem, submit, typeInto, ui } from './helpers.js';

const signedIn = { signedInAs: 'teacher' as const };

describe('<ks-redeem-key>', () => {
  describe('the field', () => {
    it('is a labelled text field in the shadow root with the hint and the submit button', async () => {
      const { element } = await mountRedeemKey();
      const input = ui(element).input()!;
      expect(input.labels?.[0]?.textContent?.trim()).to.equal('Online-Schlüssel');
      expect(input.type).to.equal('text');
      expect(input.getAttribute('autocapitalize')).to.equal('characters');
      expect(input.getAttribute('autocomplete')).to.equal('off');
      expect(input.getAttribute('spellcheck')).to.equal('false');
      expect(input.maxLength).to.equal(-1);
      expect(ui(element).hint()).to.equal('Der Schlüssel hat 16 Zeichen. Die Zeichen 0, O, Q, 1, I, L, 2, Z, 5 und S kommen nicht vor, damit sie nicht verwechselt werden.');
      expect(input.getAttribute('aria-describedby')).to.equal('hint');
      expect(input.getAttribute('aria-invalid')).to.equal('false');
      expect(ui(element).submit()!.textContent?.trim()).to.equal('Online-Schlüssel einlösen');
      expect(element.children).to.have.length(0);
      await expect(element).to.be.accessible();
    });

    it('speaks English under lang="en"', async () => {
      const { element } = await mountRedeemKey(undefined, { lang: 'en' });
      expect(ui(element).input()!.labels?.[0]?.textContent?.trim()).to.equal('Online key');
      expect(ui(element).submit()!.textContent?.trim()).to.equal('Redeem online key');
      expect(ui(element).hint()).to.equal('The key has 16 characters. The characters 0, O, Q, 1, I, L, 2, Z, 5 and S do not occur, so that they cannot be mixed up.');
      await expect(element).to.be.accessible();
    });

    it("takes its label from the label attribute, else from the publisher's messages", async () => {
      const { element, store } = await mountRedeemKey();
      store.configure({ messages: { de: { 'key.label': 'Zugangscode' } } });
      await element.updateComplete;
      expect(ui(element).input()!.labels?.[0]?.textContent?.trim()).to.equal('Zugangscode');
      element.setAttribute('label', 'Lizenzcode');
      await element.updateComplete;
      expect(ui(element).input()!.labels?.[0]?.textContent?.trim()).to.equal('Lizenzcode');
    });

    it('normalizes and groups what the user types', async () => {
      const { element } = await mountRedeemKey();
      typeInto(element, ' math 7a3b–4c6d ');
      await element.updateComplete;
      expect(ui(element).input()!.value).to.equal('MATH-7A3B-4C6D');
      expect(element.value).to.equal('MATH7A3B4C6D');
    });

    it('says nothing while the user is still typing, and what is missing once they leave the field', async () => {
      const { element } = await mountRedeemKey();
      const input = typeInto(element, 'MATH7A');
      await element.updateComplete;
      expect(ui(element).problem()).to.equal('');
      input.blur();
      await element.updateComplete;
      expect(ui(element).problem()).to.equal('Dieser Schlüssel ist unvollständig: Es fehlen noch 10 Zeichen.');
      expect(input.getAttribute('aria-invalid')).to.equal('true');
      expect(input.getAttribute('aria-describedby')).to.equal('problem hint');
      await expect(element).to.be.accessible();
      typeInto(element, keys.licence);
      await element.updateComplete;
      expect(ui(element).problem()).to.equal('');
      expect(input.getAttribute('aria-invalid')).to.equal('false');
    });

    it('points at a character that never occurs in a key, and at a typo the check character finds', async () => {
      const { element } = await mountRedeemKey();
      typeInto(element, 'MATH-7AOB-4C6D-E7F6').blur();
      await element.updateComplete;
      expect(ui(element).problem()).to.equal('Bitte prüfen Sie Zeichen 7: „O“ kommt in Online-Schlüsseln nicht vor.');
      typeInto(element, 'MATH-7A3B-4C6D-E7F7');
      await element.updateComplete;
      expect(ui(element).problem()).to.equal('Dieser Schlüssel enthält einen Tippfehler. Bitte prüfen Sie ihn Zeichen für Zeichen.');
    });

    it('shows the problem on submit, focuses the field and sends nothing for a malformed key', async () => {
      const { element, backend } = await mountRedeemKey(undefined, signedIn);
      const spy = spyOnRedeem(backend);
      ui(element).submit()!.focus();
      await submit(element);
      expect(ui(element).problem()).to.equal('Bitte geben Sie Ihren Online-Schlüssel ein.');
      await waitUntil(() => deepActiveElement() === ui(element).input(), 'focus on the field');
      typeInto(element, 'MATH-7A3B-4C6D-E7F');
      await submit(element);
      expect(ui(element).problem()).to.equal('Dieser Schlüssel ist unvollständig: Es fehlt noch 1 Zeichen.');
      await settled(element);
      expect(spy.calls).to.have.length(0);
      await expect(element).to.be.accessible();
    });

    it('follows the key format of the registration options once they are loaded', async () => {
      const keyFormat = { ...DEFAULT_KEY_FORMAT, groups: 3, groupLength: 5 };
      const backend = new MemoryBackend({ seed: { registrationOptions: { ...demoRegistrationOptions, keyFormat } } });
      const { element, store } = await mountRedeemKey(undefined, { backend });
      await waitUntil(() => store.snapshot.registrationOptions.state === 'loaded');
      await element.updateComplete;
      typeInto(element, 'abcdefgh');
      await element.updateComplete;
      expect(ui(element).input()!.value).to.equal('ABCDE-FGH');
      expect(ui(element).hint()).to.match(/^Der Schlüssel hat 15 Zeichen\./);
    });
  });

  describe('redeeming', () => {
    it('activates a licence: says so, shows the product card, fires ks-key-redeemed and adds the product to the list', async () => {
      const { element, store, backend } = await mountRedeemKey(html`<ks-redeem-key></ks-redeem-key>`, signedIn);
      await store.ensureProducts();
      let listed = 0;
      const listProducts = backend.listProducts.bind(backend);
      backend.listProducts = (options) => ((listed += 1), listProducts(options));
      const redeemed = collect('ks-key-redeemed');
      ui(element).input()!.focus();
      await redeem(element, keys.licence);
      redeemed.stop();

      expect(ui(element).statusText()).to.equal(
        'Die Lizenz ist aktiviert. Sie finden das Produkt jetzt unter „Meine Lizenzen“. Über „Zur Nutzung“ gelangen Sie zu Ihrem Produkt.',
      );
      expect(ui(element).alertText()).to.equal('');
      expect(ui(element).cardText()).to.equal(
        'DK 8 Deutsch kompetent 8 Digitales Schulbuch Einzellizenz Gültig bis 31. Juli 2031 Zur Nutzung Zu finden unter „Meine Lizenzen“',
      );
      expect(ui(element).form()).to.equal(null);
      expect(element.matches(':state(success)')).to.equal(true);

      expect(redeemed.events).to.have.length(1);
      const event = redeemed.events[0]!;
      expect(event.detail.product.id).to.equal('deutsch-kompetent-8');
      expect(event.detail.list).to.equal('licence');
      expect(event.bubbles && event.composed).to.equal(true);

      const products = store.snapshot.products;
      expect(products.state === 'loaded' && products.data[0]?.id).to.equal('deutsch-kompetent-8');
      expect(listed).to.equal(0);
      // The form the user was on went away: focus goes to the message that replaced it.
      await waitUntil(() => deepActiveElement() === ui(element).status(), 'focus on the message');
      await expect(element).to.be.accessible();
    });

    it('names the list a download or a journal went to', async () => {
      for (const [key, list, kind] of [
        [keys.download, 'Meine Downloads', 'download'],
        [keys.journal, 'Fachzeitschriften', 'journal'],
      ] as const) {
        const { element } = await mountRedeemKey(undefined, signedIn);
        const redeemed = collect('ks-key-redeemed');
        await redeem(element, key);
        redeemed.stop();
        expect(ui(element).statusText(), kind).to.include(`unter „${list}“`);
        expect(ui(element).cardText(), kind).to.include(`Zu finden unter „${list}“`);
        expect(redeemed.events.map((each) => each.detail.list)).to.deep.equal([kind]);
      }
    });

    it('says it in English under lang="en"', async () => {
      const { element } = await mountRedeemKey(undefined, { ...signedIn, lang: 'en' });
      await redeem(element, keys.licence);
      expect(ui(element).statusText()).to.equal('The licence is activated. You will now find the product in “My licences”. “Open” takes you to your product.');
      expect(ui(element).cardText()).to.include('Valid until July 31, 2031');
      await expect(element).to.be.accessible();
    });

    it('is busy while the request runs, stays focusable, and sends one request for repeated submits', async () => {
      const { element, backend } = await mountRedeemKey(undefined, signedIn);
      const spy = spyOnRedeem(backend, { hold: true });
      const redeemed = collect('ks-key-redeemed');
      typeInto(element, keys.licence);
      ui(element).submit()!.focus();
      await submit(element);
      await submit(element);
      ui(element).submit()!.click();
      await element.updateComplete;
      const button = ui(element).submit()!;
      expect(spy.calls).to.have.length(1);
      expect(button.getAttribute('aria-disabled')).to.equal('true');
      expect(button.disabled).to.equal(false);
      expect(button.textContent?.trim()).to.equal('Wird eingelöst …');
      expect(ui(element).input()!.readOnly).to.equal(true);
      expect(element.matches(':state(busy)')).to.equal(true);
      expect(deepActiveElement()).to.equal(button);
      await expect(element).to.be.accessible();
      spy.release();
      await settled(element);
      redeemed.stop();
      expect(spy.calls).to.have.length(1);
      expect(redeemed.events).to.have.length(1);
      expect(ui(element).statusText()).to.include('Die Lizenz ist aktiviert.');
    });

    it('shows a product the user owns already, without firing ks-key-redeemed', async () => {
      const { element } = await mountRedeemKey(undefined, signedIn);
      const redeemed = collect('ks-key-redeemed');
      await redeem(element, keys.yours);
      redeemed.stop();
      expect(ui(element).statusText()).to.equal(
        'Sie besitzen dieses Produkt bereits. Sie finden es unter „Meine Lizenzen“. Über „Zur Nutzung“ gelangen Sie zu Ihrem Produkt.',
      );
      expect(ui(element).cardText()).to.include('Mathematik heute 7');
      expect(redeemed.events).to.have.length(0);
      await expect(element).to.be.accessible();
    });

    it('explains a key someone else redeemed, with the support link when there is one', async () => {
      const { element } = await mountRedeemKey(html`<ks-redeem-key support-href="#ks-support"></ks-redeem-key>`, {
        ...signedIn,
        links: { support: '#ks-other-support' },
      });
      await redeem(element, keys.taken);
      expect(ui(element).alertText()).to.equal(
        'Dieser Online-Schlüssel wurde bereits mit einem anderen Kundenkonto eingelöst. Jeder Schlüssel kann nur einmal eingelöst werden. ' +
          'Wenn Sie den Schlüssel selbst erhalten und noch nicht eingelöst haben, hilft Ihnen unser Kundenservice weiter.',
      );
      const link = ui(element).control('Kundenservice kontaktieren') as HTMLAnchorElement;
      expect(link.getAttribute('href')).to.equal('#ks-support');
      expect(element.matches(':state(error)')).to.equal(true);
      await expect(element).to.be.accessible();
      const navigate = collect('ks-navigate', (event) => event.preventDefault());
      const before = location.href;
      link.click();
      navigate.stop();
      expect(navigate.events.map((event) => event.detail)).to.deep.equal([{ to: 'support', href: '#ks-support' }]);
      expect(location.href).to.equal(before);

      const { element: plain } = await mountRedeemKey(undefined, signedIn);
      await redeem(plain, keys.taken);
      expect(ui(plain).alertText()).to.include('wenden Sie sich bitte an die Stelle, von der Sie ihn bekommen haben.');
      expect(ui(plain).control('Kundenservice kontaktieren')).to.equal(null);
    });

    it('takes the support link from the provider when the element has none', async () => {
      const { element } = await mountRedeemKey(undefined, { ...signedIn, links: { support: '#ks-provider-support' } });
      await redeem(element, keys.expired);
      expect(ui(element).alertText()).to.equal('Dieser Online-Schlüssel ist abgelaufen. Bei Fragen hilft Ihnen unser Kundenservice weiter.');
      expect(ui(element).control('Kundenservice kontaktieren')!.getAttribute('href')).to.equal('#ks-provider-support');
      await expect(element).to.be.accessible();
    });

    it('says when a key is unknown, and keeps it for correcting', async () => {
      const { element } = await mountRedeemKey(undefined, signedIn);
      await redeem(element, keys.unknown);
      expect(ui(element).alertText()).to.equal(
        'Diesen Online-Schlüssel kennen wir nicht. Bitte prüfen Sie ihn Zeichen für Zeichen. Ihr Schlüssel bleibt eingetragen.',
      );
      expect(ui(element).input()!.value).to.equal(keys.unknown);
      await expect(element).to.be.accessible();
      // Correcting the key makes the old answer go.
      typeInto(element, keys.unknown.slice(0, -1));
      await element.updateComplete;
      expect(ui(element).alertText()).to.equal('');
    });

    it('says from when a key can be redeemed', async () => {
      const { element } = await mountRedeemKey(undefined, signedIn);
      await redeem(element, keys.notYetValid);
      expect(ui(element).alertText()).to.equal(
        'Dieser Online-Schlüssel kann erst ab dem 1. August 2099 eingelöst werden. Bitte versuchen Sie es ab diesem Tag noch einmal.',
      );
      await expect(element).to.be.accessible();
    });

    it('says whom a key is meant for, and what the user can do', async () => {
      const { element, store } = await mountRedeemKey(undefined, { signedInAs: 'pupil' });
      await waitUntil(() => store.snapshot.registrationOptions.state === 'loaded');
      await redeem(element, keys.teacherOnly);
      expect(ui(element).alertText()).to.equal(
        'Dieser Online-Schlüssel ist nur für diese Kundentypen bestimmt: Lehrkraft oder Referendar/in. ' +
          'Ihr Kundenkonto hat den Kundentyp „Schüler/in“. ' +
          'Bitte melden Sie sich mit einem passenden Kundenkonto an, oder geben Sie den Schlüssel an die Person weiter, für die er bestimmt ist.',
      );
      await expect(element).to.be.accessible();
      element.setAttribute('lang', 'en');
      await waitUntil(() => ui(element).alertText().includes('meant only for these types of account: Teacher or Trainee teacher.'));
    });

    it('says when the user redeemed the key before', async () => {
      const { element, backend } = await mountRedeemKey(undefined, signedIn);
      backend.failNext('redeemKey', 'key-already-redeemed', { byYou: true });
      await redeem(element, keys.licence);
      expect(ui(element).statusText()).to.equal(
        'Sie haben diesen Online-Schlüssel bereits eingelöst. Sie finden das Produkt in Ihrem Kundenkonto unter „Meine Produkte“.',
      );
      expect(ui(element).form()).to.equal(null);
      await expect(element).to.be.accessible();
    });

    it('has words for a format the backend refuses and for answers a redeem should never get', async () => {
      const { element, backend } = await mountRedeemKey(undefined, signedIn);
      const spy = spyOnRedeem(backend);
      backend.failNext('redeemKey', 'key-invalid-format');
      await redeem(element, keys.licence);
      expect(ui(element).alertText()).to.equal(
        'Dieser Online-Schlüssel hat nicht das richtige Format. Dieser Schlüssel enthält einen Tippfehler. Bitte prüfen Sie ihn Zeichen für Zeichen.',
      );
      expect(element.matches(':state(error)')).to.equal(true);
      await expect(element).to.be.accessible();

      // Another key: an answer a redeem should never get says nothing about the key, and asks to try again later.
      backend.failNext('redeemKey', 'validation');
      await redeem(element, keys.download);
      expect(ui(element).alertText()).to.equal('Der Online-Schlüssel konnte nicht eingelöst werden. Bitte versuchen Sie es später erneut.');
      expect(ui(element).input()!.value).to.equal(keys.download);
      await expect(element).to.be.accessible();
      // Later is now: the same key may be sent again.
      await submit(element);
      await settled(element);
      expect(spy.calls.map((call) => call.key)).to.deep.equal([keys.licence, keys.download, keys.download].map((key) => key.replace(/-/g, '')));
      expect(ui(element).statusText()).to.include('unter „Meine Downloads“');
    });

    it('counts down after too many attempts and refuses to submit meanwhile', async () => {
      const { element, backend } = await mountRedeemKey(undefined, signedIn);
      const spy = spyOnRedeem(backend);
      backend.failNext('redeemKey', 'rate-limited', { retryAfter: 120 });
      await redeem(element, keys.licence);
      expect(ui(element).alertText()).to.equal('Zu viele Versuche. Bitte warten Sie einen Moment.');
      expect(ui(element).countdown()).to.equal('Sie können es in 120 Sekunden erneut versuchen.');
      const button = ui(element).submit()!;
      expect(button.getAttribute('aria-disabled')).to.equal('true');
      expect(button.getAttribute('aria-describedby')).to.equal('countdown');
      expect(element.matches(':state(blocked)')).to.equal(true);
      await expect(element).to.be.accessible();
      await submit(element);
      await settled(element);
      expect(spy.calls).to.have.length(1);
    });

    it('says when the wait is over, and redeems then', async () => {
      const { element, backend } = await mountRedeemKey(undefined, signedIn);
      backend.failNext('redeemKey', 'rate-limited', { retryAfter: 1 });
      await redeem(element, keys.licence);
      expect(ui(element).countdown()).to.equal('Sie können es in 1 Sekunde erneut versuchen.');
      await waitUntil(() => ui(element).statusText() === 'Sie können es jetzt erneut versuchen.', 'the wait did not end', { timeout: 5000 });
      expect(ui(element).alertText()).to.equal('');
      expect(ui(element).countdown()).to.equal('');
      const button = ui(element).submit()!;
      expect(button.getAttribute('aria-disabled')).to.equal('false');
      expect(button.hasAttribute('aria-describedby')).to.equal(false);
      expect(element.matches(':state(blocked)')).to.equal(false);
      await expect(element).to.be.accessible();
      await submit(element);
      await settled(element);
      expect(ui(element).statusText()).to.include('Die Lizenz ist aktiviert.');
    });

    for (const [code, message] of [
      ['offline', 'Keine Verbindung. Bitte prüfen Sie Ihre Internetverbindung und versuchen Sie es erneut.'],
      ['timeout', 'Der Dienst antwortet gerade nicht. Bitte versuchen Sie es erneut.'],
      ['server', 'Beim Dienst ist ein Fehler aufgetreten. Bitte versuchen Sie es später erneut.'],
      ['bad-response', 'Der Dienst hat unerwartet geantwortet. Bitte versuchen Sie es erneut.'],
    ] as const) {
      it(`offers to try again after ${code}, with the key kept`, async () => {
        const { element, backend } = await mountRedeemKey(undefined, signedIn);
        backend.failNext('redeemKey', code);
        await redeem(element, keys.licence);
        expect(ui(element).alertText()).to.equal(`${message} Ihr Schlüssel bleibt eingetragen.`);
        expect(ui(element).input()!.value).to.equal(keys.licence);
        expect(ui(element).submit()!.textContent?.trim()).to.equal('Erneut versuchen');
        await expect(element).to.be.accessible();
        await submit(element);
        await settled(element);
        expect(ui(element).statusText()).to.include('Die Lizenz ist aktiviert.');
      });
    }

    it('retries with the same Idempotency-Key, so a key whose answer was lost is redeemed once', async () => {
      const { element, backend, store } = await mountRedeemKey(undefined, signedIn);
      await store.ensureProducts();
      const redeemKey = backend.redeemKey.bind(backend);
      const calls: string[] = [];
      let loseAnswer = true;
      backend.redeemKey = async (key, options) => {
        calls.push(options.idempotencyKey);
        const result = await redeemKey(key, options);
        if (loseAnswer) {
          loseAnswer = false;
          throw new BackendError('timeout');
        }
        return result;
      };
      const redeemed = collect('ks-key-redeemed');
      await redeem(element, keys.licence);
      expect(ui(element).submit()!.textContent?.trim()).to.equal('Erneut versuchen');
      ui(element).submit()!.click();
      await settled(element);
      redeemed.stop();
      expect(calls).to.have.length(2);
      expect(calls[1]).to.equal(calls[0]);
      // The backend replays its first answer: activated, not "already owned".
      expect(ui(element).statusText()).to.include('Die Lizenz ist aktiviert.');
      expect(redeemed.events).to.have.length(1);
      const products = store.snapshot.products;
      expect(products.state === 'loaded' && products.data.filter((product) => product.id === 'deutsch-kompetent-8')).to.have.length(1);
    });

    it('sends a key the backend refused again only once it was edited, then with a new Idempotency-Key', async () => {
      const { element, backend } = await mountRedeemKey(undefined, signedIn);
      const spy = spyOnRedeem(backend);
      await redeem(element, keys.unknown);
      const refusal = ui(element).alertText();
      expect(refusal).to.match(/^Diesen Online-Schlüssel kennen wir nicht\./);
      // The same key again, its refusal still shown: nothing is sent; the refusal is read out again.
      ui(element).submit()!.focus();
      await submit(element);
      await settled(element);
      expect(spy.calls).to.have.length(1);
      await waitUntil(() => deepActiveElement() === ui(element).alert(), 'focus on the refusal');
      expect(ui(element).alertText()).to.equal(refusal);
      // Visibly so, for a mouse user too: the refusal has a focus ring.
      expect(getComputedStyle(ui(element).alert()).outlineStyle).to.equal('solid');
      expect(ui(element).problem()).to.equal('');
      await expect(element).to.be.accessible();
      // Editing the key clears the refusal, even back to the same key: then it is a new attempt.
      typeInto(element, keys.unknown.slice(0, -1));
      await element.updateComplete;
      typeInto(element, keys.unknown);
      await element.updateComplete;
      expect(ui(element).alertText()).to.equal('');
      await submit(element);
      await settled(element);
      expect(spy.calls).to.have.length(2);
      expect(spy.calls[1]!.idempotencyKey).to.not.equal(spy.calls[0]!.idempotencyKey);
      expect(ui(element).alertText()).to.equal(refusal);
    });

    it('sends one request for two real clicks after a refusal, and for a double click racing the answer', async () => {
      // Not held: MemoryBackend answers at once, so the refusal is there before the second click.
      const { element, backend } = await mountRedeemKey(undefined, signedIn);
      const spy = spyOnRedeem(backend);
      const clickSubmit = async () => {
        const box = ui(element).submit()!.getBoundingClientRect();
        await sendMouse({ type: 'click', position: [Math.round(box.x + box.width / 2), Math.round(box.y + box.height / 2)] });
      };
      typeInto(element, keys.expired);
      await element.updateComplete;
      await clickSubmit();
      await settled(element);
      expect(ui(element).alertText()).to.match(/^Dieser Online-Schlüssel ist abgelaufen\./);
      await clickSubmit();
      await settled(element);
      expect(spy.calls).to.have.length(1);
      await waitUntil(() => deepActiveElement() === ui(element).alert(), 'focus on the refusal');
      await expect(element).to.be.accessible();

      // A double click on a fresh key: the second click comes while the first one's answer is on its way or just in.
      typeInto(element, keys.unknown);
      await element.updateComplete;
      const box = ui(element).submit()!.getBoundingClientRect();
      const position: [number, number] = [Math.round(box.x + box.width / 2), Math.round(box.y + box.height / 2)];
      await sendMouse({ type: 'move', position });
      for (const type of ['down', 'up', 'down', 'up'] as const) await sendMouse({ type });
      await settled(element);
      expect(spy.calls.map((call) => call.key)).to.deep.equal([keys.expired, keys.unknown].map((key) => key.replace(/-/g, '')));
      // Clicks at every step of the answer's way, from before the request to after the refusal.
      typeInto(element, keys.notYetValid);
      await element.updateComplete;
      ui(element).submit()!.click();
      for (let i = 0; i < 30; i += 1) {
        await (i % 3 === 0 ? new Promise((resolve) => setTimeout(resolve, 0)) : Promise.resolve());
        ui(element).submit()!.click();
      }
      await settled(element);
      expect(spy.calls).to.have.length(3);
      expect(ui(element).alertText()).to.match(/^Dieser Online-Schlüssel kann erst ab dem/);
    });

    it('"Erneut versuchen" after a lost connection still sends, with the same Idempotency-Key', async () => {
      const { element, backend } = await mountRedeemKey(undefined, signedIn);
      const spy = spyOnRedeem(backend);
      backend.failNext('redeemKey', 'offline');
      await redeem(element, keys.unknown);
      expect(ui(element).submit()!.textContent?.trim()).to.equal('Erneut versuchen');
      ui(element).submit()!.click();
      await settled(element);
      // The answer now is a refusal: a click more sends nothing.
      expect(ui(element).alertText()).to.match(/^Diesen Online-Schlüssel kennen wir nicht\./);
      ui(element).submit()!.click();
      await settled(element);
      expect(spy.calls).to.have.length(2);
      expect(spy.calls[1]!.idempotencyKey).to.equal(spy.calls[0]!.idempotencyKey);
    });

    it('"Weiteren Schlüssel einlösen" clears the field and focuses it, after a success or a failure', async () => {
      for (const key of [keys.licence, keys.expired]) {
        const { element } = await mountRedeemKey(undefined, signedIn);
        await redeem(element, key);
        ui(element).control('Weiteren Schlüssel einlösen')!.click();
        await element.updateComplete;
        await waitUntil(() => deepActiveElement() === ui(element).input(), `focus on the empty field after ${key}`);
        expect(ui(element).input()!.value).to.equal('');
        expect(ui(element).statusText() + ui(element).alertText()).to.equal('');
        expect(ui(element).card()).to.equal(null);
        expect(ui(element).problem()).to.equal('');
        expect(element.value).to.equal('');
        await expect(element).to.be.accessible();
      }
    });
  });

  describe('the product card', () => {
    it('"Zur Nutzung" fires a cancelable ks-open-product; cancelled, the link is not followed', async () => {
      const { element } = await mountRedeemKey(undefined, signedIn);
      await redeem(element, keys.licence);
      const open = element.shadowRoot!.querySelector<HTMLAnchorElement>('[part=open]')!;
      expect(open.textContent?.trim()).to.equal('Zur Nutzung');
      expect(open.getAttribute('href')).to.equal('/product.html?id=deutsch-kompetent-8');

      const clicks: boolean[] = [];
      // Last in line: records whether the element kept the browser from following the link, then stops it anyway.
      const stopNavigation = (event: Event) => {
        clicks.push(event.defaultPrevented);
        event.preventDefault();
      };
      document.addEventListener('click', stopNavigation);
      try {
        const cancelled = collect('ks-open-product', (event) => event.preventDefault());
        open.click();
        cancelled.stop();
        const passed = collect('ks-open-product');
        open.click();
        passed.stop();
        expect(cancelled.events.map((event) => [event.detail.product.id, event.detail.href, event.cancelable])).to.deep.equal([
          ['deutsch-kompetent-8', '/product.html?id=deutsch-kompetent-8', true],
        ]);
        expect(passed.events).to.have.length(1);
        expect(clicks).to.deep.equal([true, false]);
      } finally {
        document.removeEventListener('click', stopNavigation);
      }
    });

    it("links to the product's list: the attribute wins over the provider's link", async () => {
      const { element } = await mountRedeemKey(html`<ks-redeem-key products-href="#produkte"></ks-redeem-key>`, {
        ...signedIn,
        links: { products: '#ks-provider-products' },
      });
      await redeem(element, keys.journal);
      const link = ui(element).control('Zu „Fachzeitschriften“') as HTMLAnchorElement;
      expect(link.getAttribute('href')).to.equal('#produkte');
      const navigate = collect('ks-navigate', (event) => event.preventDefault());
      link.click();
      navigate.stop();
      expect(navigate.events.map((event) => event.detail)).to.deep.equal([{ to: 'products', href: '#produkte' }]);
      await expect(element).to.be.accessible();
    });
  });

  describe('events', () => {
    it('fires nothing when attributes, properties or the session change', async () => {
      const { element, store } = await mountRedeemKey();
      const events = (['ks-key-redeemed', 'ks-navigate', 'ks-open-product'] as const).map((type) => collect(type));
      element.setAttribute('products-href', '#p');
      element.setAttribute('support-href', '#s');
      element.setAttribute('sign-in-href', '#ks-never');
      element.toggleAttribute('auto-redeem', false);
      element.value = keys.licence;
      await element.updateComplete;
      store.setPendingKey(keys.journal);
      await store.signIn({ email: 'lehrkraft@keyshelf.example', password: 'Kennwort-Demo-2026' });
      await element.updateComplete;
      // A key that waits for the user wins over one the page set.
      expect(ui(element).input()!.value).to.equal(keys.journal);
      for (const each of events) each.stop();
      expect(events.flatMap((each) => each.events)).to.have.length(0);
    });

    it('fills the field from the value property, checked at once', async () => {
      const { element } = await mountRedeemKey();
      element.value = 'math-7a3b-4c6d-e7f';
      await element.updateComplete;
      expect(ui(element).input()!.value).to.equal('MATH-7A3B-4C6D-E7F');
      expect(ui(element).problem()).to.equal('Dieser Schlüssel ist unvollständig: Es fehlt noch 1 Zeichen.');
    });
  });
});
