/**
 * The reference server for the browser tests: a fresh in-memory database with the demo seed, on a
 * free port. Prints its URL as one JSON line and stops when its stdin closes (when the test runner
 * that started it exits).
 */
import { startServer } from '../../server/app.js';
import { silentLogger } from '../../server/log.js';

const server = await startServer({ port: 0, database: ':memory:', log: silentLogger, mode: 'development' });
// `localhost`, not 127.0.0.1: the test page is on localhost, and SameSite=Lax cookies travel only within one site.
process.stdout.write(JSON.stringify({ url: server.url.replace('127.0.0.1', 'localhost') }) + '\n');
process.stdin.resume();
process.stdin.on('end', () => {
  void server.close().then(() => process.exit(0));
});
