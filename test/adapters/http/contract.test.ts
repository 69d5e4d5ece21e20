import { httpBackendContractSuite } from './contract-suite.js';
import { faultRun } from './fault-run.js';

// The fault server's account; see test/servers/fault-server.mjs.
const credentials = { email: 'reader@example.com', password: 'correct horse battery staple' };
let keys = 0;

// The fault server sends no mail: a token that starts with `reset-` completes a reset once.
const resetToken = () => `reset-${crypto.randomUUID()}`;

httpBackendContractSuite('fault server, same origin', async () => ({
  baseUrl: (await faultRun()).baseUrl,
  credentials,
  redeemableKey: () => `KEY${++keys}`,
  resetToken,
}));

httpBackendContractSuite('fault server, cross-origin and same-site, with CORS', async () => ({
  baseUrl: (await faultRun()).sameSiteBaseUrl,
  credentials,
  redeemableKey: () => `KEY${++keys}`,
  resetToken,
}));
