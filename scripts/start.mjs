// `npm start`: builds the demo page's script from source, then runs the reference server, which
// serves the demo at / and the REST API at /api on one origin (http://localhost:8080; PORT overrides).
// Runs under `node --import tsx` because the server is TypeScript.
import { DEMO_BUILD_DIR, buildDemo } from './build-demo.mjs';

await buildDemo();
process.env.STATIC_DIR ??= `demo,${DEMO_BUILD_DIR}`;
await import('../server/main.ts');
