/**
 * Console warnings in tests. Lit's dev build warns about real mistakes (an update scheduled in
 * `updated()`, a class field that shadows a reactive property, …), each kind once per page, with a
 * `lit.dev/msg/…` link. test/support/setup.ts calls `failOnLitWarnings()` before every test file,
 * so a test during which Lit warned fails, whatever file it is in (a warning outside any test fails
 * the file). `loggedWarnings()` lets a test check the warnings it expects (keyshelf's own).
 *
 * The log lives on `globalThis`, so it stays one log however many times this module is loaded.
 */

interface LitWarning {
  text: string;
  /** The test that was running when it was printed. */
  during: string | undefined;
}

interface WarningLog {
  /** Every warning of the current test. */
  current: string[];
  /** Lit warnings not yet reported. */
  lit: LitWarning[];
  test: string | undefined;
}

const LOG = Symbol.for('keyshelf.test.warnings');
const isLitWarning = (text: string) => text.includes('lit.dev/msg/');

function warningLog(): WarningLog {
  const global = globalThis as { [LOG]?: WarningLog };
  let log = global[LOG];
  if (!log) {
    const created: WarningLog = { current: [], lit: [], test: undefined };
    const original = console.warn;
    console.warn = (...args: unknown[]) => {
      const text = args.map(String).join(' ');
      created.current.push(text);
      if (isLitWarning(text)) created.lit.push({ text, during: created.test });
      original.apply(console, args);
    };
    log = global[LOG] = created;
  }
  return log;
}

/** Warnings printed during the current test. */
export function loggedWarnings(): readonly string[] {
  return warningLog().current;
}

function report(warnings: readonly LitWarning[]): Error {
  const lines = warnings.map(({ text, during }) => `[${during === undefined ? 'outside any test' : `during "${during}"`}] ${text}`);
  return new Error(`Lit printed ${warnings.length === 1 ? 'a dev-mode warning' : 'dev-mode warnings'}:\n${lines.join('\n')}`);
}

/**
 * Starts recording console warnings at once, and registers root hooks on `mocha` (the instance
 * web-test-runner creates, before it loads the test file): the test during which Lit warned fails,
 * without stopping the tests after it; a warning printed outside any test fails the file.
 */
export function failOnLitWarnings(mocha: Mocha): void {
  const log = warningLog();
  mocha.suite.beforeEach(function (this: Mocha.Context) {
    log.current = [];
    log.test = this.currentTest?.fullTitle();
  });
  mocha.suite.afterEach(function (this: Mocha.Context) {
    log.test = undefined;
    const warnings = log.lit.splice(0);
    // A hook's `error(err)` fails the test it ran after; throwing would skip every test after it.
    if (warnings.length > 0) (this.test as Mocha.Hook).error(report(warnings));
  });
  mocha.suite.afterAll(function () {
    const warnings = log.lit.splice(0);
    if (warnings.length > 0) throw report(warnings);
  });
}

/** Starts recording now; registers the root hooks of `failOnLitWarnings` as soon as mocha is loaded. */
export function failOnLitWarningsOnceMochaLoads(): void {
  warningLog();
  const global = globalThis as { mocha?: Mocha };
  if (global.mocha) {
    failOnLitWarnings(global.mocha);
    return;
  }
  // web-test-runner's test framework script assigns `window.mocha` when it loads, before it sets up
  // the interface and imports the test file: catch that assignment, then step aside.
  Object.defineProperty(globalThis, 'mocha', {
    configurable: true,
    enumerable: true,
    get: () => undefined,
    set(value: Mocha) {
      Object.defineProperty(globalThis, 'mocha', { configurable: true, enumerable: true, writable: true, value });
      failOnLitWarnings(value);
    },
  });
}
