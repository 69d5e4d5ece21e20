// What a page pays on first load for the tags it uses, as a publisher's bundler would ship them
// (esbuild, minified, code splitting, each page built alone): the entry and every chunk it imports
// statically; what it loads later (batch mode, the inline sign-in) is listed apart. Fails when a page goes over its
// budget, so that "a page that only shows a redeem form does not pay for the rest" stays true.
// Run by `npm run build`.
import { build } from 'esbuild';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

/**
 * Pages by the tags they use, each with a first-load budget in gzip KiB: about a tenth above what
 * they measured when the budget was set (2026-11-28), so a real growth fails and noise does not.
 * A CMS page configures with `<ks-provider page-default api>`, hence the provider on each.
 */
const pages = {
  'redeem form': { imports: ['provider', 'redeem-key'], budget: 56 },
  'header menu': { imports: ['provider', 'account-menu'], budget: 48 },
  'sign-in page': { imports: ['provider', 'sign-in'], budget: 52 },
  'every element (keyshelf/define)': { define: true, budget: 72 },
};

/** Builds one page's entry alone, as that page's bundler would, and sums what it loads at once and later. */
async function measure(contents, outdir) {
  const { metafile } = await build({
    stdin: { contents, resolveDir: process.cwd(), loader: 'ts', sourcefile: 'page.ts' },
    outdir,
    bundle: true,
    splitting: true,
    format: 'esm',
    target: 'es2022',
    minify: true,
    metafile: true,
    tsconfig: 'tsconfig.json',
    logLevel: 'warning',
  });
  const outputs = metafile.outputs;
  const entry = Object.keys(outputs).find((file) => outputs[file].entryPoint !== undefined);
  /** The files `file` loads: itself and its static imports; its dynamic imports go to `later`. */
  const reach = (file, seen, later) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const imported of outputs[file].imports) {
      if (imported.kind === 'import-statement') reach(imported.path, seen, later);
      else if (imported.kind === 'dynamic-import') later.add(imported.path);
    }
  };
  const initial = new Set();
  const dynamic = new Set();
  reach(entry, initial, dynamic);
  const onDemand = new Set();
  for (const file of dynamic) reach(file, onDemand, dynamic);
  const gzip = (files) => [...files].filter((file) => file.endsWith('.js')).reduce((sum, file) => sum + gzipSync(readFileSync(file), { level: 9 }).length, 0);
  return { firstLoad: gzip(initial), onDemand: gzip([...onDemand].filter((file) => !initial.has(file))) };
}

const kib = (bytes) => `${(bytes / 1024).toFixed(1)} KiB`;
const over = [];
for (const [name, page] of Object.entries(pages)) {
  const outdir = mkdtempSync(join(tmpdir(), 'keyshelf-first-load-'));
  try {
    const contents = page.define ? `import './src/define.ts';` : page.imports.map((tag) => `import './src/elements/${tag}/define.ts';`).join('\n');
    const { firstLoad, onDemand } = await measure(contents, outdir);
    const line = `${name.padEnd(34)} first load ${kib(firstLoad).padStart(9)} gzip (budget ${page.budget} KiB), on demand ${kib(onDemand).padStart(9)}`;
    console.log(line);
    if (firstLoad > page.budget * 1024) over.push(line);
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}
if (over.length > 0) {
  console.error(`Over budget:\n  ${over.join('\n  ')}`);
  process.exitCode = 1;
}
