/**
 * Loaded before every test file (web-test-runner.config.mjs).
 *
 * - A test during which Lit printed a dev-mode warning fails (test/support/warnings.ts).
 * - web-test-runner hangs until its 180 s timeout when a failing assertion carries a DOM node as
 *   `actual` or `expected` (the node is sent to Node.js with the result). Replace such values with
 *   a short description, so a failing `expect(element).to.equal(other)` fails at once with a
 *   readable message.
 */
// The chai that @open-wc/testing re-exports, imported directly: importing @open-wc/testing here,
// before mocha defines `afterEach`, would keep it from registering its fixture cleanup.
import * as chai from '@esm-bundle/chai';
import { failOnLitWarningsOnceMochaLoads } from './warnings.js';

failOnLitWarningsOnceMochaLoads();

function describeValue(value: unknown): unknown {
  if (value instanceof Element) return `<${value.localName}${value.id ? `#${value.id}` : ''}>`;
  if (value instanceof Node) return `[${value.nodeName}]`;
  if (typeof Window !== 'undefined' && value instanceof Window) return '[Window]';
  return value;
}

chai.use((chaiInstance) => {
  const assert = chaiInstance.Assertion.prototype.assert;
  chaiInstance.Assertion.prototype.assert = function (this: unknown, ...args: Parameters<typeof assert>) {
    try {
      return assert.apply(this, args);
    } catch (error) {
      if (error && typeof error === 'object') {
        const failure = error as { actual?: unknown; expected?: unknown };
        failure.actual = describeValue(failure.actual);
        failure.expected = describeValue(failure.expected);
      }
      throw error;
    }
  };
});
