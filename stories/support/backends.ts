import { MemoryBackend, demoAccounts } from '../../src/adapters/memory/index.js';
import { AccountStore } from '../../src/core/store.js';

export type StorySession = 'signed-in' | 'signed-out';

/**
 * A store on a fresh in-memory backend in the asked state, for one story. Tab sync and web
 * storage are off, so stories never leak state into each other.
 */
export async function storyStore(session: StorySession, options: { latency?: number } = {}): Promise<AccountStore> {
  const backend = new MemoryBackend({ latency: options.latency ?? 0 });
  if (session === 'signed-in') {
    const teacher = demoAccounts[0]!;
    await backend.signIn({ email: teacher.email, password: teacher.password }, { signal: new AbortController().signal });
  }
  const store = new AccountStore({ backend, storage: null, channel: false });
  await store.ensureSession();
  return store;
}
