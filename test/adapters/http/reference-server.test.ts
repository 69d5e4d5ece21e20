import { demoAccounts, demoKeys } from '../../../src/adapters/memory/index.js';
import { httpBackendContractSuite } from './contract-suite.js';

// The reference server started by web-test-runner (test/servers/reference-server.mjs) has a fresh
// database seeded with the demo catalogue: each demo key that activates something can be used once.
const teacher = demoAccounts[0]!;
const freshKeys = demoKeys.filter((key) => !key.redeemedBy && !key.customerTypes && !key.validFrom && !key.validUntil);
let next = 0;

async function referenceServerUrl(): Promise<string> {
  const response = await fetch('/__reference-server');
  return ((await response.json()) as { url: string }).url;
}

/** The token in the link of the newest reset mail to `email`, from the server's dev mailbox. */
async function resetToken(email: string): Promise<string> {
  const response = await fetch(`/__reference-server/mailbox?to=${encodeURIComponent(email)}`);
  const { messages } = (await response.json()) as { messages: { links: string[] }[] };
  for (const link of messages.flatMap((message) => message.links)) {
    const token = new URL(link).searchParams.get('ks-reset');
    if (token) return token;
  }
  throw new Error(`no reset mail to ${email}`);
}

httpBackendContractSuite('reference server, cross-origin and same-site', async () => ({
  baseUrl: `${await referenceServerUrl()}/api`,
  credentials: { email: teacher.email, password: teacher.password },
  redeemableKey: () => {
    const key = freshKeys[next++];
    if (!key) throw new Error('the demo seed has no fresh key left for this test');
    return key.key;
  },
  resetToken,
  // Sign-in hashes with scrypt at full cost (about 250 ms here), on a machine shared with the browser.
  backendOptions: { timeout: 20_000 },
}));
