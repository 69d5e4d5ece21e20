/** Registers every keyshelf element. The CDN bundle's entry re-exports the public API too. */
import './elements/provider/define.js';
import './elements/account-menu/define.js';
import './elements/sign-in/define.js';
import './elements/redeem-key/define.js';
