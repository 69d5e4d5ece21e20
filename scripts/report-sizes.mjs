// Prints the size of the CDN bundle (and its chunks) minified, gzip and brotli; run by `npm run build`.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const dir = process.argv[2] ?? 'dist/cdn';
const files = readdirSync(dir, { recursive: true })
  .map((file) => join(dir, file))
  .filter((file) => file.endsWith('.js') && statSync(file).isFile());

const kib = (bytes) => `${(bytes / 1024).toFixed(1)} KiB`;
let totals = [0, 0, 0];
for (const file of files.sort()) {
  const source = readFileSync(file);
  const sizes = [
    source.length,
    gzipSync(source, { level: 9 }).length,
    brotliCompressSync(source, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  ];
  totals = totals.map((total, i) => total + sizes[i]);
  console.log(`${file.padEnd(40)} min ${kib(sizes[0]).padStart(10)}  gzip ${kib(sizes[1]).padStart(10)}  brotli ${kib(sizes[2]).padStart(10)}`);
}
if (files.length > 1) {
  console.log(`${'total'.padEnd(40)} min ${kib(totals[0]).padStart(10)}  gzip ${kib(totals[1]).padStart(10)}  brotli ${kib(totals[2]).padStart(10)}`);
}
