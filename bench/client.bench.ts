/**
 * Client-side costs as ratios against plain-JS baselines of the same work, in one run:
 * - validating 10,000 products with the zod/mini schema vs JSON.parse of the same body;
 * - normalizing and checking 10,000 typed keys vs trimming and upper-casing them;
 * - MemoryBackend.listProducts of 10,000 products vs structuredClone of the same array.
 */
import { createBulkSeed } from '../src/adapters/memory/bulk-seed.js';
import { MemoryBackend } from '../src/adapters/memory/index.js';
import { checkKey, formatForDisplay, normalizeKey, withCheckCharacter, DEFAULT_KEY_ALPHABET } from '../src/core/online-key.js';
import { productsResponseSchema } from '../src/core/schemas.js';
import * as z from '../src/core/zod.js';
import { compare, report } from './measure.js';

const PRODUCTS = 10_000;
const seed = createBulkSeed(PRODUCTS);
const products = seed.products ?? [];
const body = JSON.stringify({ products });

let state = 1;
const random = () => ((state = (state * 48271) % 2147483647) / 2147483647);
const keys = Array.from({ length: 10_000 }, () => {
  let key = '';
  for (let i = 0; i < 15; i += 1) key += DEFAULT_KEY_ALPHABET[Math.floor(random() * DEFAULT_KEY_ALPHABET.length)];
  return ` ${formatForDisplay(withCheckCharacter(key)).toLowerCase()} `;
});

const results = [
  compare(
    `validate ${PRODUCTS} products (parse + zod/mini)`,
    () => z.parse(productsResponseSchema, JSON.parse(body)),
    { name: 'JSON.parse', run: () => JSON.parse(body) },
  ),
  compare(
    'normalizeKey + checkKey, 10,000 keys',
    () => keys.map((key) => checkKey(normalizeKey(key))),
    { name: 'trim + toUpperCase', run: () => keys.map((key) => key.trim().toUpperCase()) },
  ),
];

const backend = new MemoryBackend({ seed });
const account = seed.accounts?.[0];
if (!account) throw new Error('the bulk seed has no account');
await backend.signIn({ email: account.email, password: account.password }, { signal: new AbortController().signal });
const listed = await backend.listProducts({ signal: new AbortController().signal });
if (listed.length !== PRODUCTS) throw new Error(`expected ${PRODUCTS} products, got ${listed.length}`);
const asyncRounds: number[] = [];
const baselineRounds: number[] = [];
for (let i = 0; i < 12; i += 1) {
  let start = performance.now();
  structuredClone(listed);
  baselineRounds.push(performance.now() - start);
  start = performance.now();
  await backend.listProducts({ signal: new AbortController().signal });
  asyncRounds.push(performance.now() - start);
}
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;
results.push({
  name: `MemoryBackend.listProducts, ${PRODUCTS} products`,
  baseline: 'structuredClone',
  subjectMs: median(asyncRounds),
  baselineMs: median(baselineRounds),
  ratio: median(asyncRounds) / median(baselineRounds),
});

report(results);
