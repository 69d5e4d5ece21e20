// Starts the reference server (server/) in a child process for the browser tests, so HttpBackend
// is tested over real HTTP against the real contract. Tests read its URL from GET /__reference-server.
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
    serve(context) {
      if (context.path === '/__reference-server') return { body: JSON.stringify({ url }), type: 'json' };
      return undefined;
    },
  };
}
