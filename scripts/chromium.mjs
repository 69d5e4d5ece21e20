// Finds the browser every headless check uses, and the flags it needs on a machine with a closed
// network: Debian's `chromium` on PATH, else an installed Chrome; CHROME_PATH overrides both.
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

const candidates = ['chromium', 'chromium-browser', 'google-chrome-stable', 'google-chrome', 'chrome'];

function onPath(name) {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    const file = join(dir, name);
    try {
      accessSync(file, constants.X_OK);
      return file;
    } catch {
      // not in this directory
    }
  }
  return undefined;
}

export function findChromium() {
  if (process.env.CHROME_PATH) return process.env.CHROME_PATH;
  for (const name of candidates) {
    const found = onPath(name);
    if (found) return found;
  }
  throw new Error(
    'No Chromium found. Install it (Debian: `apt-get install -y chromium`) or set CHROME_PATH to a Chrome/Chromium binary.',
  );
}

export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
  // Test pages run side by side as tabs: keep background tabs painting, or requestAnimationFrame
  // (which fixtures wait on) never fires in them.
  '--disable-background-timer-throttling',
  '--disable-renderer-backgrounding',
  '--disable-backgrounding-occluded-windows',
];
