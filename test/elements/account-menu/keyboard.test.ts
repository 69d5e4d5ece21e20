import { expect, html } from '@open-wc/testing';
import { sendKeys, sendMouse } from '@web/test-runner-commands';
import { mount } from '../../support/fixture.js';
import {
  type Menu,
  click,
  expectFocusOnTrigger,
  focused,
  focusedLabel,
  isOpen,
  items,
  recordEventsInEachTest,
  settled,
  trigger,
} from './helpers.js';

const signedInLabels = ['Mein Konto', 'Meine Produkte', 'Online-Schlüssel einlösen', 'Abmelden'];
const links = { account: '/konto', products: '/produkte', redeem: '/einloesen' };

async function mountMenu(signedIn = true) {
  const { provider } = await mount(
    html`<button id="before">Vorher</button><ks-account-menu></ks-account-menu><button id="after">Nachher</button>`,
    { signedInAs: signedIn ? 'teacher' : undefined, links },
  );
  const menu = provider.querySelector('ks-account-menu')!;
  await menu.updateComplete;
  return { menu, provider };
}

async function press(menu: Menu, key: string): Promise<void> {
  await sendKeys({ press: key });
  await settled(menu);
}

/** Focuses the trigger with a real Tab from the button before it. */
async function tabToTrigger(menu: Menu, provider: Element): Promise<void> {
  provider.querySelector<HTMLButtonElement>('#before')!.focus();
  await press(menu, 'Tab');
  expectFocusOnTrigger(menu);
}

describe('<ks-account-menu> keyboard (WAI-ARIA APG menu button)', () => {
  const recorder = recordEventsInEachTest();

  it('announces a menu popup on the trigger and follows the panel with aria-expanded', async () => {
    const { menu, provider } = await mountMenu();
    const button = trigger(menu);
    expect(button.getAttribute('aria-haspopup')).to.equal('menu');
    expect(button.getAttribute('aria-expanded')).to.equal('false');
    expect(button.getAttribute('aria-controls')).to.equal('menu');
    await tabToTrigger(menu, provider);
    await press(menu, 'Enter');
    expect(button.getAttribute('aria-expanded')).to.equal('true');
    await press(menu, 'Escape');
    expect(button.getAttribute('aria-expanded')).to.equal('false');
  });

  for (const key of ['Enter', 'Space', 'ArrowDown']) {
    it(`${key} on the trigger opens the menu and focuses the first item`, async () => {
      const { menu, provider } = await mountMenu();
      await tabToTrigger(menu, provider);
      await press(menu, key);
      expect(isOpen(menu)).to.equal(true);
      expect(focusedLabel(menu)).to.equal('Mein Konto');
      await expect(menu).to.be.accessible();
    });
  }

  for (const key of ['Enter', 'Space']) {
    it(`${key} on the trigger of a menu that is already open focuses its first item and keeps it open`, async () => {
      const { menu } = await mountMenu();
      menu.open = true;
      await settled(menu);
      trigger(menu).focus();
      await press(menu, key);
      expect(isOpen(menu)).to.equal(true);
      expect(focusedLabel(menu)).to.equal('Mein Konto');
    });
  }

  it('ArrowUp on the trigger opens the menu and focuses the last item', async () => {
    const { menu, provider } = await mountMenu();
    await tabToTrigger(menu, provider);
    await press(menu, 'ArrowUp');
    expect(isOpen(menu)).to.equal(true);
    expect(focusedLabel(menu)).to.equal('Abmelden');
  });

  it('moves with ↓ and ↑, wrapping at both ends, and keeps one item in the tab sequence', async () => {
    const { menu, provider } = await mountMenu();
    await tabToTrigger(menu, provider);
    await press(menu, 'Enter');
    const seen = [focusedLabel(menu)];
    for (let i = 0; i < 4; i += 1) {
      await press(menu, 'ArrowDown');
      seen.push(focusedLabel(menu));
    }
    expect(seen).to.deep.equal([...signedInLabels, 'Mein Konto']);
    await press(menu, 'ArrowUp');
    expect(focusedLabel(menu)).to.equal('Abmelden');
    await press(menu, 'ArrowUp');
    expect(focusedLabel(menu)).to.equal('Online-Schlüssel einlösen');
    expect(items(menu).map((item) => item.tabIndex)).to.deep.equal([-1, -1, 0, -1]);
  });

  it('jumps with Home and End', async () => {
    const { menu, provider } = await mountMenu();
    await tabToTrigger(menu, provider);
    await press(menu, 'ArrowDown');
    await press(menu, 'End');
    expect(focusedLabel(menu)).to.equal('Abmelden');
    await press(menu, 'Home');
    expect(focusedLabel(menu)).to.equal('Mein Konto');
  });

  it('moves to the next item starting with a typed character', async () => {
    const { menu, provider } = await mountMenu();
    await tabToTrigger(menu, provider);
    await press(menu, 'Enter');
    await press(menu, 'o');
    expect(focusedLabel(menu)).to.equal('Online-Schlüssel einlösen');
    await press(menu, 'm');
    expect(focusedLabel(menu)).to.equal('Mein Konto');
    await press(menu, 'm');
    expect(focusedLabel(menu)).to.equal('Meine Produkte');
  });

  it('Escape closes the menu and returns focus to the trigger', async () => {
    const { menu, provider } = await mountMenu();
    await tabToTrigger(menu, provider);
    await press(menu, 'Enter');
    await press(menu, 'ArrowDown');
    await press(menu, 'Escape');
    expect(isOpen(menu)).to.equal(false);
    expectFocusOnTrigger(menu);
  });

  it('Escape on the trigger closes a panel that is open', async () => {
    const { menu } = await mountMenu();
    menu.open = true;
    await settled(menu);
    trigger(menu).focus();
    await press(menu, 'Escape');
    expect(isOpen(menu)).to.equal(false);
    expectFocusOnTrigger(menu);
  });

  it('Tab out of the menu closes it and moves on in the page', async () => {
    const { menu, provider } = await mountMenu();
    await tabToTrigger(menu, provider);
    await press(menu, 'Enter');
    await press(menu, 'Tab');
    expect(isOpen(menu)).to.equal(false);
    expect(document.activeElement, 'focus').to.equal(provider.querySelector('#after'));
  });

  it('Shift+Tab out of the menu closes it too', async () => {
    const { menu, provider } = await mountMenu();
    await tabToTrigger(menu, provider);
    await press(menu, 'Enter');
    await sendKeys({ down: 'Shift' });
    await press(menu, 'Tab');
    await sendKeys({ up: 'Shift' });
    expect(isOpen(menu)).to.equal(false);
    expectFocusOnTrigger(menu);
  });

  it('Enter on an item chooses it: ks-navigate, the menu closes, focus back on the trigger', async () => {
    const { menu, provider } = await mountMenu();
    await tabToTrigger(menu, provider);
    await press(menu, 'Enter');
    await press(menu, 'ArrowDown');
    await press(menu, 'Enter');
    expect(recorder.of('ks-navigate').map((event) => event.detail)).to.deep.equal([{ to: 'products', href: '/produkte' }]);
    expect(isOpen(menu)).to.equal(false);
    expectFocusOnTrigger(menu);
  });

  it('Space on a link item chooses it as well', async () => {
    const { menu, provider } = await mountMenu();
    await tabToTrigger(menu, provider);
    await press(menu, 'ArrowDown');
    await press(menu, 'Space');
    expect(recorder.of('ks-navigate').map((event) => event.detail)).to.deep.equal([{ to: 'account', href: '/konto' }]);
    expect(isOpen(menu)).to.equal(false);
  });

  it('a click on the trigger toggles the menu; a click outside closes it without taking focus', async () => {
    const { menu, provider } = await mountMenu(false);
    await click(trigger(menu));
    await settled(menu);
    expect(isOpen(menu)).to.equal(true);
    expect(focusedLabel(menu)).to.equal('Anmelden');
    await click(trigger(menu));
    await settled(menu);
    expect(isOpen(menu)).to.equal(false);

    await click(trigger(menu));
    await settled(menu);
    expect(isOpen(menu)).to.equal(true);
    const after = provider.querySelector('#after')!.getBoundingClientRect();
    await sendMouse({ type: 'click', position: [Math.round(after.right + 200), Math.round(after.bottom + 200)] });
    await settled(menu);
    expect(isOpen(menu)).to.equal(false);
    expect(focused(menu) === trigger(menu), 'focus on the trigger').to.equal(false);
  });

  it('a click inside the panel on its text keeps it open', async () => {
    const { menu } = await mountMenu();
    await click(trigger(menu));
    await settled(menu);
    await click(menu.shadowRoot!.querySelector('[part~="user"]')!);
    await settled(menu);
    expect(isOpen(menu)).to.equal(true);
  });
});
