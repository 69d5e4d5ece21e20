import * as z from 'zod/mini';

// zod probes `new Function` to decide whether it may compile fast parsers; under a strict
// Content-Security-Policy that probe is itself a violation report. Turn it off before any
// schema is defined: every module that defines schemas imports `z` from here.
z.config({ jitless: true });

export { z };
