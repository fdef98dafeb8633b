/**
 * `reference/nav.json`: the operations of every tag group of a version's reference, shared
 * by all its pages' sidebars instead of repeated in each (src/lib/site/reference-nav.ts).
 */
import { staticPathsOf } from '../../../../../site/static-paths.ts';
import type { SiteVersion } from '../../../../../lib/site/model.ts';
import type { ReferenceIndex } from '../../../../../lib/reference/types.ts';
import { navData } from '../../../../../lib/site/reference-nav.ts';

export function getStaticPaths() {
  return staticPathsOf('reference-nav');
}

export function GET({ props }: { props: { version: SiteVersion } }): Response {
  return new Response(JSON.stringify(navData(props.version.api!.index as ReferenceIndex)), { headers: { 'Content-Type': 'application/json' } });
}
