// Loads the built CDN bundle the way a page without a bundler does (one module script, the tags)
// in headless Chromium, and fails when an element stays undefined, the page logs an error, or the
// lazily loaded batch chunk does not arrive. Run after `npm run build`.
import puppeteer from 'puppeteer-core';
import { chromiumArgs, findChromium } from './chromium.mjs';
import { serveStatic } from './static-server.mjs';

const page = `<!doctype html>
<html lang="de">
  <head><meta charset="utf-8"><title>CDN smoke</title><link rel="icon" href="data:,"></head>
  <body>
    <ks-account-menu></ks-account-menu>
    <ks-redeem-key></ks-redeem-key>
    <ks-redeem-key multiple id="batch"></ks-redeem-key>
    <script type="module">
      import { configure, MemoryBackend } from '/dist/cdn/keyshelf.js';
      configure({ backend: new MemoryBackend() });
    </script>
  </body>
</html>`;

const server = await serveStatic(['.']);
const browser = await puppeteer.launch({ executablePath: findChromium(), headless: true, args: chromiumArgs });
const problems = [];
try {
  const tab = await browser.newPage();
  tab.on('console', (message) => message.type() === 'error' && problems.push(`console error: ${message.text()}`));
  tab.on('pageerror', (error) => problems.push(`uncaught: ${error.message}`));
  await tab.setRequestInterception(true);
  tab.on('request', (request) =>
    request.url() === `${server.url}/cdn-smoke.html`
      ? request.respond({ status: 200, contentType: 'text/html', body: page })
      : request.continue(),
  );
  await tab.goto(`${server.url}/cdn-smoke.html`);
  await tab
    .waitForFunction(() => document.querySelector('#batch')?.shadowRoot?.querySelector('textarea'), { timeout: 15_000 })
    .catch(() => problems.push('the batch view (a lazy chunk) did not render'));
  const undefinedTags = await tab.evaluate(() => [...document.querySelectorAll(':not(:defined)')].map((el) => el.localName));
  if (undefinedTags.length > 0) problems.push(`undefined elements: ${undefinedTags.join(', ')}`);
  const signedOutMenu = await tab.evaluate(() => document.querySelector('ks-account-menu')?.shadowRoot?.querySelector('button') !== null);
  if (!signedOutMenu) problems.push('the account menu rendered no trigger');
} finally {
  await browser.close();
  server.close();
}
if (problems.length > 0) {
  console.error(`CDN smoke check failed:\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
console.log('CDN smoke check passed: dist/cdn/keyshelf.js defines every element and loads the batch chunk');
