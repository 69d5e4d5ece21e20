// Opens every story and docs page of a built Storybook in headless Chromium and fails when one
// throws, logs a console error, shows Storybook's error display, or leaves a custom element undefined.
// Usage: node scripts/smoke-stories.mjs [storybook-static]
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import puppeteer from 'puppeteer-core';
import { chromiumArgs, findChromium } from './chromium.mjs';
import { serveStatic } from './static-server.mjs';

const dir = process.argv[2] ?? 'storybook-static';
const { entries } = JSON.parse(readFileSync(join(dir, 'index.json'), 'utf8'));
const pages = Object.values(entries).filter((entry) => entry.type === 'story' || entry.type === 'docs');
if (pages.length === 0) {
  console.error(`No stories in ${dir}/index.json`);
  process.exit(1);
}

// Every story in each locale × theme combination (docs pages once).
const globalsPasses = ['de', 'en'].flatMap((locale) => ['default', 'dark', 'brand'].map((theme) => `locale:${locale};theme:${theme}`));

const server = await serveStatic([dir]);
const browser = await puppeteer.launch({ executablePath: findChromium(), headless: true, args: chromiumArgs });
const failures = [];

/** Every custom element in the document, inside shadow roots too, that is not defined. */
function undefinedCustomElements() {
  const missing = new Set();
  const visit = (root) => {
    for (const element of root.querySelectorAll(':not(:defined)')) missing.add(element.localName);
    for (const element of root.querySelectorAll('*')) if (element.shadowRoot) visit(element.shadowRoot);
  };
  visit(document);
  return [...missing];
}

try {
  const page = await browser.newPage();
  for (const [entry, globals] of pages.flatMap((entry) =>
    (entry.type === 'docs' ? globalsPasses.slice(0, 1) : globalsPasses).map((globals) => [entry, globals]),
  )) {
    const problems = [];
    const onConsole = (message) => {
      // The browser asks every origin for a favicon; Storybook ships none. Not an app error.
      if (message.location()?.url?.endsWith('/favicon.ico')) return;
      if (message.type() === 'error') problems.push(`console error: ${message.text()} ${message.location()?.url ?? ''}`.trim());
    };
    const onPageError = (error) => problems.push(`uncaught: ${error.message}`);
    page.on('console', onConsole);
    page.on('pageerror', onPageError);
    await page.goto(`${server.url}/iframe.html?id=${entry.id}&viewMode=${entry.type === 'docs' ? 'docs' : 'story'}&globals=${globals}`);
    try {
      await page.waitForFunction(
        () => ['sb-show-main', 'sb-show-errordisplay'].some((name) => document.body.classList.contains(name)),
        { timeout: 20_000 },
      );
      // Let the elements finish their first render and the loaders' promises settle.
      await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 100))));
      if (await page.evaluate(() => document.body.classList.contains('sb-show-errordisplay'))) {
        const text = await page.evaluate(() => document.querySelector('#error-message')?.textContent ?? '');
        problems.push(`error display: ${text.trim().slice(0, 300)}`);
      }
      const missing = await page.evaluate(undefinedCustomElements);
      if (missing.length > 0) problems.push(`undefined elements: ${missing.join(', ')}`);
      if (entry.type === 'story') {
        // The decorator's wrapper is always there: the story's own content must be in it, and take room.
        const empty = await page.evaluate(() => {
          const content = document.querySelector('#storybook-root .story-page');
          return !content || content.childElementCount === 0 || content.getBoundingClientRect().height === 0;
        });
        if (empty) problems.push('the story rendered nothing');
      }
    } catch (error) {
      problems.push(`did not finish rendering: ${error.message}`);
    }
    page.off('console', onConsole);
    page.off('pageerror', onPageError);
    const label = `${entry.title} › ${entry.name} [${globals}]`;
    if (problems.length > 0) {
      failures.push(label);
      console.log(`✗ ${label}\n    ${problems.join('\n    ')}`);
    } else {
      console.log(`✓ ${label}`);
    }
  }
} finally {
  await browser.close();
  server.close();
}

const opened = pages.reduce((count, entry) => count + (entry.type === 'docs' ? 1 : globalsPasses.length), 0);
console.log(`\n${opened - failures.length} passed, ${failures.length} failed (stories × locale/theme, and docs pages)`);
process.exit(failures.length > 0 ? 1 : 0);
