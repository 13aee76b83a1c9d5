// The one way to import zod. The production Content-Security-Policy forbids eval (scripts/csp.js), and zod 4
// compiles object parsers with `new Function` when it can, probing for that when a schema is defined: a CSP
// violation even though zod catches it. Configuring it here, before this module hands out `z`, means every
// schema is defined jitless, and zod loads with the first form that needs it rather than with the entry.
import { config, z } from 'zod';

config({ jitless: true });

export { z };
