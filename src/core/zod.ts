/**
 * zod/mini, configured. zod probes the Function constructor to decide whether it may compile fast
 * parsers; under a strict Content-Security-Policy that probe is itself a violation report. Every module
 * that defines schemas imports zod from here (`import * as z from './zod.js'`), so the probe is
 * off before any schema exists.
 *
 * Re-exported name by name, never as one namespace value: a bundler keeps only what is used
 * (exporting the namespace object would drag in every zod locale). Listed in package.json
 * `sideEffects` so that no bundler skips the `config` call.
 */
import { config } from 'zod/mini';

config({ jitless: true });

export * from 'zod/mini';
