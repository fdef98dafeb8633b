/**
 * Stoplight Elements' bundle as the portal ships it. Elements fills every empty credential of
 * try-it with a placeholder (`123`, `Bearer 123`, `Basic 123`) and sends it as if it were the
 * reader's key — to a real gateway, where it is a failed login under the reader's IP. The
 * portal's copy sends a credential only once the reader has typed one.
 *
 * The patch is an exact text replacement in the minified bundle; when an Elements upgrade
 * changes that text the build stops with this message instead of shipping the placeholder.
 */

/** Elements 9: `i_(securitySchemes, query, headers)` adds each scheme's credential. */
const CREDENTIAL_LOOP = 'return e.forEach(e=>{var n,r,a;MC(e.scheme)';
const ONLY_ENTERED_CREDENTIALS = 'return e.filter(e=>!!e.authValue).forEach(e=>{var n,r,a;MC(e.scheme)';

export function patchElementsBundle(source: string): string {
  const count = source.split(CREDENTIAL_LOOP).length - 1;
  if (count !== 1) {
    throw new Error(
      `@stoplight/elements: web-components.min.js no longer contains the credential loop Atrium patches (found ${count} times); ` +
        'update src/lib/reference/elements-bundle.ts for this Elements version so try-it sends no placeholder credential',
    );
  }
  return source.replace(CREDENTIAL_LOOP, ONLY_ENTERED_CREDENTIALS);
}
