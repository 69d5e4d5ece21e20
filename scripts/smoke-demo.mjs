// The README's first command, end to end: starts `npm start` (the demo build and the reference
// server, on a free port and a fresh database) and walks the seed's journey in headless Chromium:
// the person icon, "Anmelden", the demo account, a demo key, "Die Lizenz ist aktiviert". Fails on
// a console error, an uncaught exception, or a step that does not come. Usage: npm run test:demo
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer from 'puppeteer-core';
import { chromiumArgs, findChromium } from './chromium.mjs';

const ACCOUNT = { email: 'lehrkraft@keyshelf.example', password: 'Kennwort-Demo-2026' };
const KEY = 'MATH-7A3B-4C6D-E7F6';

function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
    probe.on('error', reject);
  });
}

async function waitForServer(url, demo, timeoutMs) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (demo.exitCode !== null || demo.signalCode !== null) throw new Error(`npm start ended (${demo.exitCode ?? demo.signalCode})`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`npm start did not answer on ${url} within ${timeoutMs / 1000} s`);
}

/** Runs `step`, naming it in the error when it fails. */
async function step(name, run) {
  try {
    await run();
    console.log(`✓ ${name}`);
  } catch (error) {
    throw new Error(`${name}: ${error.message}`);
  }
}

const dataDir = mkdtempSync(join(tmpdir(), 'keyshelf-demo-'));
const port = await freePort();
const origin = `http://127.0.0.1:${port}`;
const demo = spawn('npm', ['start'], {
  env: { ...process.env, PORT: String(port), DATABASE: join(dataDir, 'keyshelf.db'), PUBLIC_URL: origin },
  stdio: ['ignore', 'pipe', 'pipe'],
  detached: true,
});
let serverOutput = '';
demo.stdout.on('data', (chunk) => (serverOutput += chunk));
demo.stderr.on('data', (chunk) => (serverOutput += chunk));
demo.on('error', (error) => (serverOutput += `could not start npm: ${error.message}\n`));

/** Ends the server's whole process group (npm runs it in a child of its own), by force if it lingers. */
function stopDemo() {
  try {
    process.kill(-demo.pid, 'SIGTERM');
    setTimeout(() => {
      try {
        process.kill(-demo.pid, 'SIGKILL');
      } catch {
        // gone
      }
    }, 10_000).unref();
  } catch {
    // already gone
  }
}
// Cancelled (Ctrl-C, a CI timeout): the server is in a process group of its own and would live on.
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    stopDemo();
    rmSync(dataDir, { recursive: true, force: true });
    process.exit(130);
  });
}

const problems = [];
let browser;
try {
  await step('npm start answers with the demo page', () => waitForServer(`${origin}/`, demo, 90_000));
  await step('GET /openapi.json lists every operation of the contract', async () => {
    const document = await (await fetch(`${origin}/openapi.json`)).json();
    const operations = Object.values(document.paths).flatMap((methods) => Object.keys(methods));
    if (operations.length < 11) throw new Error(`only ${operations.length} operations`);
  });

  browser = await puppeteer.launch({ executablePath: findChromium(), headless: true, args: chromiumArgs });
  const page = await browser.newPage();
  page.setDefaultTimeout(15_000);
  page.on('console', (message) => message.type() === 'error' && problems.push(`console error: ${message.text()}`));
  page.on('pageerror', (error) => problems.push(`uncaught: ${error.message}`));

  await step('the page loads and defines every element', async () => {
    await page.goto(`${origin}/`);
    await page.waitForFunction(() => document.querySelector('ks-account-menu')?.matches(':state(signed-out)'));
    const undefinedTags = await page.evaluate(() => [...document.querySelectorAll(':not(:defined)')].map((element) => element.localName));
    if (undefinedTags.length > 0) throw new Error(`undefined elements: ${undefinedTags.join(', ')}`);
  });
  await step('the person icon opens the panel; "Anmelden" shows the sign-in form', async () => {
    await page.locator('ks-account-menu >>> [part~="trigger"]').click();
    await page.locator('ks-account-menu >>> ::-p-text(Anmelden)').click();
    await page.locator('ks-account-menu ks-sign-in input[autocomplete="username"]').wait();
  });
  await step('signing in with the demo account signs the page in', async () => {
    await page.locator('ks-account-menu ks-sign-in input[autocomplete="username"]').fill(ACCOUNT.email);
    await page.locator('ks-account-menu ks-sign-in input[autocomplete="current-password"]').fill(ACCOUNT.password);
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.querySelector('ks-account-menu')?.matches(':state(signed-in)'));
  });
  await step(`redeeming ${KEY} activates the licence and shows the product`, async () => {
    await page.locator('ks-redeem-key >>> input').fill(KEY);
    await page.keyboard.press('Enter');
    await page.waitForFunction(() =>
      document.querySelector('ks-redeem-key')?.shadowRoot?.querySelector('[role=status]')?.textContent?.includes('Die Lizenz ist aktiviert'),
    );
    const card = await page.evaluate(() => document.querySelector('ks-redeem-key')?.shadowRoot?.querySelector('[part=card]')?.textContent ?? '');
    if (!card.includes('Zur Nutzung')) throw new Error(`the product card has no "Zur Nutzung": ${card.trim().slice(0, 200)}`);
  });
  if (problems.length > 0) throw new Error(problems.join('\n  '));
} catch (error) {
  console.error(`Demo smoke check failed: ${error.message}`);
  if (serverOutput) console.error(`--- npm start said:\n${serverOutput.slice(-3000)}`);
  process.exitCode = 1;
} finally {
  stopDemo();
  await browser?.close().catch(() => {});
  rmSync(dataDir, { recursive: true, force: true });
}
if (process.exitCode !== 1) console.log('Demo smoke check passed: npm start serves the demo, and the journey works against the reference server');
