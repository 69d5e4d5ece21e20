/**
 * The server under load, in its own process: the real app on a prepared database file, with the
 * failure rate limits lifted (the benchmark makes thousands of deliberate conflicts from one IP) and
 * the audit log discarded. Prints `{ "url": … }` and stops when stdin closes.
 */
import { startServer } from '../app.js';
import { silentLogger } from '../log.js';

const database = process.argv[2];
if (!database) throw new Error('usage: bench-server.ts <database file>');
const unlimited = { max: Number.MAX_SAFE_INTEGER, windowMs: 60_000 };
const server = await startServer({
  port: 0,
  database,
  log: silentLogger,
  seedDemo: false,
  mode: 'development',
  limits: { redeemPerAccount: unlimited, redeemPerIp: unlimited },
});
process.stdout.write(JSON.stringify({ url: server.url }) + '\n');
process.stdin.resume();
process.stdin.on('end', () => void server.close().then(() => process.exit(0)));
