/**
 * Runs after sanitizing: swaps each diagram placeholder for its drawing. Mermaid gets a
 * light and a dark SVG side by side and markdown.css shows the one matching the theme;
 * PlantUML gets one SVG (dark mode inverts it in CSS). Every diagram of the doc is
 * requested at once, so the service can batch them (and those of docs rendered
 * concurrently).
 *
 *   <div class="atrium-diagram atrium-diagram-mermaid">
 *     <div class="atrium-diagram-light"><svg …/></div><div class="atrium-diagram-dark"><svg …/></div>
 *   </div>
 */
import type { Element, ElementContent, Root } from 'hast';
import type { VFile } from 'vfile';
import type { DiagramOutcome, DiagramRequest } from './diagrams/diagram-request.ts';
import type { DiagramService } from './diagrams/diagram-service.ts';
import { cleanSvg, renameIds } from './diagrams/svg.ts';
import { mapElements } from './hast-util.ts';
import { type RenderState, stateOf } from './render-state.ts';

export function rehypeDiagrams(options: { diagrams: DiagramService }) {
  return async (tree: Root, file: VFile): Promise<void> => {
    const state = stateOf(file);
    if (state.diagrams.length === 0) return;
    const outcomes = await Promise.all(
      state.diagrams.map((d) => (d.kind === 'mermaid' ? options.diagrams.mermaid(d.source) : options.diagrams.plantuml(d.source))),
    );
    const prefix = `${state.nonce}:`;
    mapElements(tree, (element) => {
      const marker = element.properties.dataAtriumDiagram;
      if (element.tagName !== 'div' || typeof marker !== 'string') return undefined;
      // A writer's own data-atrium-diagram attribute lacks the nonce: drop it.
      if (!marker.startsWith(prefix)) return [];
      const index = Number(marker.slice(prefix.length));
      const request = state.diagrams[index];
      const outcome = outcomes[index];
      if (!request || !outcome) return [];
      return [drawingFor(request, outcome, index + 1, state)];
    });
  };
}

function drawingFor(request: DiagramRequest, outcome: DiagramOutcome, ordinal: number, state: RenderState): Element {
  const label = request.kind === 'mermaid' ? 'Mermaid' : 'PlantUML';
  switch (outcome.type) {
    case 'client':
      state.clientMermaid++;
      return el('pre', { className: ['mermaid', 'atrium-diagram-client'] }, [{ type: 'text', value: request.source }]);
    case 'img':
      return el('div', { className: ['atrium-diagram', `atrium-diagram-${request.kind}`] }, [
        el('img', { src: outcome.src, alt: request.source, className: ['atrium-diagram-img'], loading: 'lazy', decoding: 'async' }, []),
      ]);
    case 'error':
      return fail(request, outcome.message, state);
    case 'svg': {
      const light = cleanSvg(outcome.light);
      const dark = outcome.dark === undefined ? undefined : cleanSvg(outcome.dark);
      if (!light || (outcome.dark !== undefined && !dark)) return fail(request, `${label} produced no SVG`, state);
      renameIds(light, `atrium-d${ordinal}-`);
      if (request.kind === 'plantuml') makeScalable(light);
      const wrapperClass = ['atrium-diagram', `atrium-diagram-${request.kind}`];
      if (!dark) return el('div', { className: wrapperClass }, [light]);
      renameIds(dark, `atrium-d${ordinal}-dark-`);
      return el('div', { className: wrapperClass }, [
        el('div', { className: ['atrium-diagram-light'] }, [light]),
        el('div', { className: ['atrium-diagram-dark'] }, [dark]),
      ]);
    }
  }
}

/**
 * PlantUML pins its size in an inline style and stretches (`preserveAspectRatio="none"`);
 * without both, CSS `max-width: 100%; height: auto` shrinks it on narrow screens in proportion.
 */
function makeScalable(svg: Element): void {
  delete svg.properties.style;
  delete svg.properties.preserveAspectRatio;
}

function fail(request: DiagramRequest, message: string, state: RenderState): Element {
  state.diagnostics.push({
    severity: 'error',
    message,
    file: state.doc.file,
    ...(request.line !== undefined ? { line: request.line, column: request.column ?? 1 } : {}),
    code: `${request.kind}-error`,
  });
  return el('pre', { className: ['atrium-diagram-error'] }, [{ type: 'text', value: request.source }]);
}

function el(tagName: string, properties: Element['properties'], children: ElementContent[]): Element {
  return { type: 'element', tagName, properties, children };
}
