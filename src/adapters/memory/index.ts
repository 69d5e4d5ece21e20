export {
  MemoryBackend,
  CONFIRMATION_TTL_MS,
  DEFAULT_STORAGE_KEY,
  PASSWORD_RESET_TTL_MS,
  REDEEM_FAILURE_LIMIT,
  REDEEM_FAILURE_WINDOW_MS,
  SIGN_IN_FAILURE_LIMIT,
  SIGN_IN_FAILURE_WINDOW_MS,
} from './memory-backend.js';
export type { DemoMail, DemoMailKind, MemoryBackendOptions } from './memory-backend.js';
export type { MemorySeed } from './catalogue.js';
export type { Latency } from './latency.js';
export * from './demo-catalogue.js';
