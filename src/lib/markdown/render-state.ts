/**
 * What one `render()` call collects while the shared unified processor runs over a doc.
 * The processor is built once and reused, so per-doc inputs and outputs travel on the
 * VFile (`file.data.atrium`) instead of in plugin options.
 */
import type { VFile } from 'vfile';
import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import type { DiagramRequest } from './diagrams/diagram-request.ts';
import type { DocAsset, DocInput, DocLink, Heading, RenderContext } from './types.ts';

export interface RenderState {
  doc: DocInput;
  ctx: RenderContext;
  diagnostics: Diagnostic[];
  headings: Heading[];
  ids: string[];
  links: DocLink[];
  assets: DocAsset[];
  diagrams: DiagramRequest[];
  /** Marks diagram placeholders so a writer's own `data-*` attribute can't forge one. */
  nonce: string;
  clientMermaid: number;
  hasCode: boolean;
}

interface Point {
  line: number;
  column: number;
}

/** A node that may carry a unist position (mdast and hast alike). */
export interface Positioned {
  position?: { start: Point; end?: Point } | undefined;
}

export function stateOf(file: VFile): RenderState {
  const state = (file.data as { atrium?: RenderState }).atrium;
  if (!state) throw new Error('markdown pipeline run without render state (use createMarkdownRenderer)');
  return state;
}

/** Position in the doc's file: body lines are shifted by where the body starts. */
export function fileLocation(state: RenderState, node: Positioned | undefined): { line?: number; column?: number } {
  const start = node?.position?.start;
  if (!start) return {};
  return { line: state.doc.bodyLine + start.line - 1, column: start.column };
}

export function addError(state: RenderState, message: string, node?: Positioned, code?: string): void {
  state.diagnostics.push({ severity: 'error', message, file: state.doc.file, ...fileLocation(state, node), ...(code ? { code } : {}) });
}

export function addWarning(state: RenderState, message: string, node?: Positioned, code?: string): void {
  state.diagnostics.push({ severity: 'warning', message, file: state.doc.file, ...fileLocation(state, node), ...(code ? { code } : {}) });
}
