/** Registers every keyshelf element. The CDN bundle's entry re-exports the public API too. */
import './elements/provider/define.js';
