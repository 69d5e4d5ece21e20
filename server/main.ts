/** `npm run server`: the reference server, configured from the environment (see README.md). */
import { startServer } from './app.js';
import { loadConfig } from './config.js';
import { createLogger } from './log.js';

const config = loadConfig(process.env);
const log = createLogger({ salt: process.env.LOG_SALT });
// STATIC_DIR=demo,.demo-build serves those directories at / (first match wins);
// STATIC_ROOTS=/dist=dist,/assets=public mounts more under URL prefixes.
const staticDir = (process.env.STATIC_DIR ?? '').split(',').map((dir) => dir.trim()).filter(Boolean);
const staticRoots = Object.fromEntries(
  (process.env.STATIC_ROOTS ?? '')
    .split(',')
    .map((entry) => entry.trim().split('='))
    .filter((pair): pair is [string, string] => pair.length === 2 && pair[0] !== '' && pair[1] !== ''),
);

const server = await startServer({ ...config, log, staticDir, staticRoots });
log.info('keyshelf server listening', {
  url: server.url,
  publicUrl: server.services.config.publicUrl,
  mode: config.mode,
  database: config.database,
  mail: server.services.mailbox ? `${config.publicUrl}/dev/mailbox` : 'smtp',
});

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    if (stopping) return;
    stopping = true;
    log.info('stopping', { signal });
    server.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  });
}
