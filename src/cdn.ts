/**
 * The CDN bundle (`dist/cdn/keyshelf.js`): registers every element and exports the public API, so
 * a page without a bundler can `import { configure } from '…/keyshelf.js'` in one module script.
 */
import './define.js';

export * from './index.js';
