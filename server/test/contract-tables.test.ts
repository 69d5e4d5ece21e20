/**
 * Copies of the contract that cannot import it stay equal to it: the fault server's problem
 * type base and statuses (plain JavaScript, run by web-test-runner in Node without a TypeScript loader) and the
 * tables in docs/rest-contract.md.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { PROBLEM_TYPE_BASE } from '../../src/core/errors.js';
import { problemStatus, routes } from '../../src/core/rest-contract.js';
import {
  PROBLEM_TYPE_BASE as faultServerProblemTypeBase,
  problemStatus as faultServerProblemStatus,
} from '../../test/servers/fault-server.mjs';

const docs = readFileSync(new URL('../../docs/rest-contract.md', import.meta.url), 'utf8');

describe('copies of the contract', () => {
  it('the fault server sends every problem with the contract status', () => {
    assert.deepEqual(faultServerProblemStatus, problemStatus);
  });

  it('the fault server names problem types under the contract base', () => {
    assert.equal(faultServerProblemTypeBase, PROBLEM_TYPE_BASE);
  });

  it('docs/rest-contract.md lists every problem with the contract status', () => {
    const rows = [...docs.matchAll(/^\| `([a-z-]+)`\s*\| (\d{3})\s*\|/gm)].map(([, code, status]) => [code, Number(status)]);
    assert.deepEqual(Object.fromEntries(rows), problemStatus);
  });

  it('docs/rest-contract.md lists every route with its method and path', () => {
    const rows = [...docs.matchAll(/^\| `(GET|POST|DELETE)`\s*\| `([^`]+)`/gm)].map(([, method, path]) => `${method} ${path}`);
    assert.deepEqual(rows.sort(), Object.values(routes).map((route) => `${route.method} ${route.path}`).sort());
  });
});
