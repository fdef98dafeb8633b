/**
 * Exit codes of every command (DESIGN §7): 0 success, 1 content errors, 2 bad usage;
 * 70 (EX_SOFTWARE of sysexits.h) an internal error, a bug in Atrium; a build stopped by a
 * signal exits 128 + its number (130 SIGINT, 143 SIGTERM, 129 SIGHUP, src/builder/interrupt.ts).
 */
export const EXIT_OK = 0;
export const EXIT_CONTENT = 1;
export const EXIT_USAGE = 2;
export const EXIT_INTERNAL = 70;

/** Bad usage found after argument parsing (a missing file, a wrong option value). Exit 2. */
export class UsageError extends Error {}
