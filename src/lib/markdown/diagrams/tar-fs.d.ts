/** The part of tar-fs (no bundled types) that unpacking the packaged Chromium's fonts uses. */
declare module 'tar-fs' {
  import type { Writable } from 'node:stream';
  export function extract(dir: string): Writable;
}
