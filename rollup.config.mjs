// Two builds from one source tree:
// - dist/: unbundled ES modules, one per source module, with source maps, for bundler users
//   (tsc adds the .d.ts files next to them afterwards);
// - dist/cdn/keyshelf.js: one minified self-contained module for pages without a bundler.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import esbuild from 'rollup-plugin-esbuild';
import { nodeResolve } from '@rollup/plugin-node-resolve';

const tsconfig = 'tsconfig.json';
const sourceModules = readdirSync('src', { recursive: true })
  .filter((file) => file.endsWith('.ts') && file !== 'cdn.ts')
  .map((file) => join('src', file));
const isBareImport = (id) => !id.startsWith('.') && !id.startsWith('/') && !id.startsWith('\0');

/** Third-party code warns about its own comments and cycles; keep our build output readable. */
function onwarn(warning, warn) {
  const inDependency = [warning.id, ...(warning.ids ?? [])].some((id) => id?.includes('node_modules'));
  if (inDependency && ['INVALID_ANNOTATION', 'CIRCULAR_DEPENDENCY'].includes(warning.code)) return;
  // Modules with only types (backend.ts, events.ts) become empty files; that is expected.
  if (warning.code === 'EMPTY_BUNDLE') return;
  warn(warning);
}

/** @type {import('rollup').RollupOptions[]} */
export default [
  {
    input: sourceModules,
    external: isBareImport,
    onwarn,
    plugins: [esbuild({ tsconfig, target: 'es2022', sourceMap: true })],
    output: {
      dir: 'dist',
      format: 'es',
      preserveModules: true,
      preserveModulesRoot: 'src',
      sourcemap: true,
      entryFileNames: '[name].js',
    },
  },
  {
    input: { keyshelf: 'src/cdn.ts' },
    onwarn,
    // Lazy chunks (batch mode) may import from the entry itself; without this, rollup moves all the
    // code into a shared chunk behind a one-line facade, and every page pays a second request.
    preserveEntrySignatures: 'allow-extension',
    plugins: [
      // The default conditions pick Lit's production build (no dev-mode warnings, smaller).
      nodeResolve({ browser: true }),
      esbuild({ tsconfig, target: 'es2022', minify: true, legalComments: 'none' }),
    ],
    output: {
      dir: 'dist/cdn',
      format: 'es',
      sourcemap: true,
      entryFileNames: '[name].js',
      chunkFileNames: 'chunks/[name]-[hash].js',
    },
  },
];
