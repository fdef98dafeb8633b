/**
 * The button that opens the interactive explorer (Stoplight Elements, loaded by
 * `src/client/explorer.ts` only when pressed), on the reference overview and on every
 * operation page. It carries what the explorer needs: the spec URL, where Elements' files
 * are, the gateway's base URLs per environment (try-it aims there, not at the spec's
 * servers) and, on an operation page, the one operation to show.
 */
import { html, type SafeHtml } from '../html.ts';
import type { ResolvedEnvironment } from '../gateway/types.ts';
import type { ReferenceContext } from './types.ts';

export const DEFAULT_ELEMENTS_BASE_URL = '/_atrium/elements/';

export interface ExplorerScope {
  method: string;
  path: string;
}

/** `environments`: environmentBaseUrls(…) of overview.ts, each environment with its base URLs. */
export function explorerButton(
  environments: { environment: ResolvedEnvironment; urls: string[] }[],
  ctx: ReferenceContext,
  scope?: ExplorerScope,
): SafeHtml {
  const baseUrls = environments.flatMap(({ environment, urls }) =>
    urls.map((url) => ({ url, description: environment.label ?? environment.name, environment: environment.name })),
  );
  const label = scope ? 'Try it' : 'Open the interactive explorer';
  // Hidden until explorer.ts runs: without JavaScript the button could do nothing.
  return html`<button type="button" class="ref-button ref-explorer-button" hidden data-pagefind-ignore data-atrium-explorer data-spec-url="${ctx.specJsonUrl}" data-elements-base="${
    ctx.elementsBaseUrl ?? DEFAULT_ELEMENTS_BASE_URL
  }"${baseUrls.length ? html` data-base-urls="${JSON.stringify(baseUrls)}"` : ''}${
    scope ? html` data-operation="${scope.method.toUpperCase()} ${scope.path}" data-title="Try ${scope.method.toUpperCase()} ${scope.path}"` : ''
  }>${label}</button>`;
}
