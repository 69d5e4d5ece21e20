import { fileURLToPath } from 'node:url';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { defaultReporter } from '@web/test-runner';
import { findChromium, chromiumArgs } from './scripts/chromium.mjs';
import { summaryReporter } from './scripts/summary-reporter.mjs';
import { faultServerPlugin } from './test/servers/fault-server.mjs';
import { referenceServerPlugin } from './test/servers/reference-server.mjs';

export default {
  files: ['test/**/*.test.ts'],
  nodeResolve: { exportConditions: ['browser', 'development'] },
  // Two cores: one browser, a few pages at a time keeps the machine responsive.
  concurrency: 2,
  concurrentBrowsers: 1,
  testsFinishTimeout: 180_000,
  browsers: [
    chromeLauncher({
      launchOptions: { executablePath: findChromium(), headless: true, args: chromiumArgs },
      // A page per browser context is its own window, so it is never a background tab whose
      // requestAnimationFrame stalls while another test file runs.
      createPage: async ({ browser }) => (await browser.createBrowserContext()).newPage(),
    }),
  ],
  plugins: [
    esbuildPlugin({ ts: true, target: 'es2022', tsconfig: fileURLToPath(new URL('./tsconfig.json', import.meta.url)) }),
    faultServerPlugin(),
    referenceServerPlugin(),
  ],
  // KS_COVERAGE=0 skips coverage when running a few files while working.
  coverage: process.env.KS_COVERAGE !== '0',
  coverageConfig: {
    include: ['src/**/*.ts'],
    report: true,
    reportDir: 'coverage',
    threshold: { statements: 80, branches: 70, functions: 80, lines: 80 },
  },
  // Lit's dev build warns about real mistakes; only its one-time "dev mode" banner is noise.
  // test/support/setup.ts makes a failing assertion on a DOM node fail at once instead of hanging.
  testRunnerHtml: (testFramework) => `<!doctype html>
    <html lang="de">
      <head>
        <script>globalThis.litIssuedWarnings = new Set(['dev-mode']);</script>
        <script type="module" src="/test/support/setup.ts"></script>
      </head>
      <body><script type="module" src="${testFramework}"></script></body>
    </html>`,
  testFramework: { config: { timeout: 10_000 } },
  reporters: [defaultReporter(), summaryReporter()],
};
