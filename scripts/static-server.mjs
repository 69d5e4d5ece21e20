// A tiny static file server for built output (Storybook, the demo before the reference server).
import { createReadStream, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';

const types = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.map': 'application/json; charset=utf-8',
};

/** Serves `roots` (first match wins) on `port` (0 = any free port); resolves with the URL and a close function. */
export function serveStatic(roots, { port = 0, host = '127.0.0.1' } = {}) {
  const absoluteRoots = roots.map((root) => resolve(root));
  const server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname);
    for (const root of absoluteRoots) {
      let file = normalize(join(root, path));
      if (file !== root && !file.startsWith(root + sep)) break;
      try {
        if (statSync(file).isDirectory()) file = join(file, 'index.html');
        statSync(file);
      } catch {
        continue;
      }
      response.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-cache' });
      createReadStream(file).pipe(response);
      return;
    }
    response.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
  });
  return new Promise((resolvePromise) => {
    server.listen(port, host, () => {
      const address = server.address();
      resolvePromise({ url: `http://${host === '0.0.0.0' ? 'localhost' : host}:${address.port}`, close: () => server.close() });
    });
  });
}
