/**
 * Base URLs as a reader should copy them. A route that speaks both http and https yields each
 * address twice; listing the plain-http twin beside the https one reads as a second, conflicting
 * server, so only the https one is shown. An http-only address stays (it is the only way in).
 * portal.json and gateway.json keep every URL: machines may want both.
 */
export function readerBaseUrls(urls: readonly string[]): string[] {
  const secure = new Set(urls.filter((u) => /^https:\/\//i.test(u)).map((u) => u.slice('https://'.length).toLowerCase()));
  const out = urls.filter((u) => !(/^http:\/\//i.test(u) && secure.has(u.slice('http://'.length).toLowerCase())));
  return [...new Set(out)];
}
