// Bundles the demo page's script from source (elements, adapters) into .demo-build/.
import { build } from 'esbuild';

export const DEMO_BUILD_DIR = '.demo-build';

export async function buildDemo() {
  await build({
    entryPoints: { main: 'demo/main.ts' },
    outdir: DEMO_BUILD_DIR,
    bundle: true,
    format: 'esm',
    target: 'es2022',
    sourcemap: true,
    minify: false,
    tsconfig: 'tsconfig.json',
    logLevel: 'warning',
  });
}
