// Starts the reference server (server/) in a child process for the browser tests, so HttpBackend
// is tested over real HTTP against the real contract. Tests read its URL from GET /__reference-server,
// and its dev mailbox (which allows no other origin) through GET /__reference-server/mailbox?to=…
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

export function referenceServerPlugin() {
  let child;
  let url;
  return {
    name: 'keyshelf-reference-server',
    async serverStart() {
      child = spawn(process.execPath, ['--import', 'tsx', 'test/servers/run-reference-server.ts'], {
        stdio: ['pipe', 'pipe', 'inherit'],
      });
      const lines = createInterface({ input: child.stdout });
      url = await new Promise((resolve, reject) => {
        child.once('exit', (code) => reject(new Error(`reference server exited with ${code}`)));
        lines.once('line', (line) => resolve(JSON.parse(line).url));
      });
    },
    serverStop() {
      child?.stdin.end();
    },
    async serve(context) {
      if (context.path === '/__reference-server') return { body: JSON.stringify({ url }), type: 'json' };
      if (context.path === '/__reference-server/mailbox') {
        const response = await fetch(`${url}/dev/mailbox?format=json&to=${encodeURIComponent(context.query.to ?? '')}`);
        return { body: await response.text(), type: 'json' };
      }
      return undefined;
    },
  };
}
