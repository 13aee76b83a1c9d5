// The production Content-Security-Policy forbids eval (scripts/csp.js). zod 4 compiles object parsers
// with `new Function` when it can, and probes for that when a schema is defined: a CSP violation even
// though zod catches it. main.tsx imports this module first, before any module that defines a schema.
import { config } from 'zod';

config({ jitless: true });
