/**
 * `reference/nav.json`: the operations of every tag group of a version's reference, shared
 * by all its pages' sidebars instead of repeated in each (src/lib/site/reference-nav.ts).
 */
import { staticPathsOf, type PageProps } from '../../../../../site/static-paths.ts';
import { navData } from '../../../../../lib/site/reference-nav.ts';

export function getStaticPaths() {
  return staticPathsOf('reference-nav');
}

export function GET({ props }: { props: PageProps['reference-nav'] }): Response {
  return new Response(JSON.stringify(navData(props.version.api.index)), { headers: { 'Content-Type': 'application/json' } });
}
