import { expect, html } from '@open-wc/testing';
import { setViewport } from '@web/test-runner-commands';
import { mount } from '../../support/fixture.js';
import { type Menu, items, panel, settled, trigger } from './helpers.js';

type Place = 'left' | 'center' | 'right';

/** A header bar across the viewport with the menu at one place in it. */
async function mountInHeader(place: Place, options: { signedIn?: boolean; bottom?: boolean } = {}) {
  const justify = { left: 'flex-start', center: 'center', right: 'flex-end' }[place];
  const { element: header } = await mount<HTMLElement>(
    html`<header
      style="display: flex; justify-content: ${justify}; position: fixed; inset-inline: 0; ${options.bottom ? 'bottom: 0' : 'top: 0'}; padding: 16px"
    >
      <ks-account-menu></ks-account-menu>
    </header>`,
    { signedInAs: options.signedIn === false ? undefined : 'teacher' },
  );
  const menu = header.querySelector('ks-account-menu')!;
  await menu.updateComplete;
  return menu;
}

async function open(menu: Menu): Promise<DOMRect> {
  menu.open = true;
  await settled(menu);
  return panel(menu).getBoundingClientRect();
}

describe('<ks-account-menu> layout', () => {
  afterEach(() => setViewport({ width: 800, height: 600 }));

  for (const place of ['left', 'center', 'right'] as const) {
    it(`keeps the panel inside a 320 px wide viewport with the trigger at the ${place}`, async () => {
      await setViewport({ width: 320, height: 640 });
      const menu = await mountInHeader(place);
      const box = await open(menu);
      const viewport = document.documentElement.clientWidth;
      expect(box.width).to.be.greaterThan(200);
      expect(box.left, 'left edge').to.be.at.least(0);
      expect(box.right, 'right edge').to.be.at.most(viewport);
      expect(box.top, 'below the trigger').to.be.at.least(trigger(menu).getBoundingClientRect().bottom);
    });
  }

  it('lines the panel up with the trigger where there is room on a wide viewport', async () => {
    await setViewport({ width: 1024, height: 640 });
    const right = await mountInHeader('right');
    const rightBox = await open(right);
    expect(Math.round(rightBox.right)).to.equal(Math.round(trigger(right).getBoundingClientRect().right));
    const left = await mountInHeader('left');
    const leftBox = await open(left);
    expect(Math.round(leftBox.left)).to.equal(Math.round(trigger(left).getBoundingClientRect().left));
  });

  it('opens above the trigger when there is no room below', async () => {
    await setViewport({ width: 320, height: 480 });
    const menu = await mountInHeader('right', { bottom: true });
    const box = await open(menu);
    expect(box.bottom).to.be.at.most(trigger(menu).getBoundingClientRect().top);
    expect(box.top).to.be.at.least(0);
  });

  it('places each of two menus on a page under its own trigger', async () => {
    const { element: row } = await mount<HTMLElement>(
      html`<div style="display: flex; justify-content: space-between; padding: 8px">
        <ks-account-menu id="one"></ks-account-menu><ks-account-menu id="two"></ks-account-menu>
      </div>`,
    );
    for (const menu of row.querySelectorAll('ks-account-menu')) {
      await menu.updateComplete;
      const box = await open(menu);
      const anchor = trigger(menu).getBoundingClientRect();
      expect(box.left < anchor.right && box.right > anchor.left, `#${menu.id} overlaps its trigger horizontally`).to.equal(true);
      menu.open = false;
      await settled(menu);
    }
  });

  it('is not clipped by a header with overflow: hidden, and rises above the page by --ks-z-index-panel', async () => {
    const { element: page, provider } = await mount<HTMLElement>(
      html`<div>
        <header style="height: 56px; overflow: hidden; display: flex; justify-content: flex-end">
          <ks-account-menu></ks-account-menu>
        </header>
        <div id="banner" style="position: sticky; top: 0; z-index: 50; height: 400px; background: white">Sticky banner</div>
      </div>`,
      { signedInAs: 'teacher' },
    );
    const menu = page.querySelector('ks-account-menu')!;
    await menu.updateComplete;
    const box = await open(menu);
    const topmost = () => document.elementFromPoint(box.left + box.width / 2, box.bottom - 10);
    expect(topmost(), 'topmost element over the panel').to.equal(menu);
    provider.style.setProperty('--ks-z-index-panel', '10');
    expect(topmost(), 'topmost element with a low z-index').to.equal(page.querySelector('#banner'));
  });

  it('takes its z-index from --ks-z-index-panel', async () => {
    const { element: menu, provider } = await mount<Menu>(html`<ks-account-menu></ks-account-menu>`);
    provider.style.setProperty('--ks-z-index-panel', '4242');
    await open(menu);
    expect(getComputedStyle(panel(menu)).zIndex).to.equal('4242');
  });

  it('makes the trigger and every item a target of at least 24 × 24 px', async () => {
    await setViewport({ width: 320, height: 640 });
    for (const signedIn of [true, false]) {
      const menu = await mountInHeader('right', { signedIn });
      await open(menu);
      const targets = [trigger(menu), ...items(menu)];
      expect(targets.length).to.equal(signedIn ? 5 : 3);
      for (const target of targets) {
        const box = target.getBoundingClientRect();
        expect(box.width, target.textContent!.trim()).to.be.at.least(24);
        expect(box.height, target.textContent!.trim()).to.be.at.least(24);
      }
    }
  });
});
