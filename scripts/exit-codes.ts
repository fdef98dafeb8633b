/** Exit codes of every command (DESIGN §7): 0 success, 1 content errors, 2 bad usage. */
export const EXIT_OK = 0;
export const EXIT_CONTENT = 1;
export const EXIT_USAGE = 2;

/** Bad usage found after argument parsing (a missing file, a wrong option value). Exit 2. */
export class UsageError extends Error {}
