/**
 * Code fences, before HTML exists:
 *  - ```mermaid / ```plantuml (also `puml`) become placeholders `<div data-atrium-diagram>`
 *    that survive sanitizing and are swapped for the rendered, trusted SVG afterwards;
 *  - every other fence keeps its meta string (`title="client.ts" {3-4}`) as a
 *    `data-meta` attribute, because rehype-raw rebuilds elements and drops `data`.
 */
import type { Code, Root } from 'mdast';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import type { DiagramKind } from './diagrams/diagram-request.ts';
import { fileLocation, stateOf } from './render-state.ts';

const DIAGRAM_LANGS: Record<string, DiagramKind> = { mermaid: 'mermaid', plantuml: 'plantuml', puml: 'plantuml' };

export function remarkCodeFences() {
  return (tree: Root, file: VFile): void => {
    const state = stateOf(file);
    visit(tree, 'code', (node: Code) => {
      const kind = node.lang ? DIAGRAM_LANGS[node.lang.toLowerCase()] : undefined;
      if (!kind) {
        if (node.meta) node.data = { ...node.data, hProperties: { ...node.data?.hProperties, dataMeta: node.meta } };
        return;
      }
      const index = state.diagrams.length;
      state.diagrams.push({ kind, source: node.value, ...fileLocation(state, node) });
      const placeholder = {
        type: 'atriumElement',
        position: node.position,
        data: { hName: 'div', hProperties: { dataAtriumDiagram: `${state.nonce}:${index}` }, hChildren: [] },
      };
      Object.assign(node, placeholder);
      delete (node as Partial<Code>).value;
      delete (node as Partial<Code>).lang;
      delete (node as Partial<Code>).meta;
    });
  };
}
