/**
 * The demo page's script. The page itself is configured the CMS way, with attributes only:
 * `<ks-provider page-default api="/api">`, served by the reference server (`npm start`). With
 * `?backend=memory` it runs without any server, on the in-browser MemoryBackend with the
 * documented demo accounts and keys, kept in localStorage.
 */
import { configure } from '../src/core/page-default.js';
import { MemoryBackend } from '../src/adapters/memory/index.js';

const useMemory = new URLSearchParams(location.search).get('backend') === 'memory';
if (useMemory) {
  // Before the elements are defined, so nothing ever asks /api.
  document.querySelector('ks-provider[page-default]')?.removeAttribute('api');
  configure({ backend: new MemoryBackend({ persist: 'localStorage', latency: { min: 150, max: 450 } }) });
}
document.querySelector('[data-backend-name]')?.replaceChildren(useMemory ? 'MemoryBackend (im Browser)' : 'Referenzserver (/api)');

await import('../src/define.js');
