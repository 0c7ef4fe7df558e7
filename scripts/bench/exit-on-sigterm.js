/**
 * Preloaded by `npm run bench:api -- --cpu-prof DIR`: V8 writes a CPU profile only
 * when the process exits normally, so SIGTERM exits normally.
 */
'use strict';
process.once('SIGTERM', () => process.exit(0));
