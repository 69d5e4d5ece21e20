/**
 * Batch mode of `<ks-redeem-key multiple>`, loaded with a dynamic `import()` only when `multiple`
 * is set: pages with the single form (nearly all of them) never load the code and strings of a
 * class set's run.
 */
export { BatchRedeemController } from './batch-controller.js';
export { parseBatch } from './batch-keys.js';
export { batchMessages } from './batch.messages.js';
export { batchView } from './batch-view.js';
