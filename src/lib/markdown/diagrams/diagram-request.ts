/** A diagram code block found in a doc, waiting to be rendered after sanitizing. */
export type DiagramKind = 'mermaid' | 'plantuml';

export interface DiagramRequest {
  kind: DiagramKind;
  /** The code block's text. */
  source: string;
  /** File line and column of the opening fence, for errors. */
  line?: number;
  column?: number;
}

/**
 * What a diagram became. `svg` holds trusted, cleaned SVG markup per colour scheme
 * (`dark` absent when one drawing serves both); `client` leaves the source for a
 * browser-side script; `img` points at a PlantUML server; `error` fails the build.
 */
export type DiagramOutcome =
  | { type: 'svg'; light: string; dark?: string }
  | { type: 'client' }
  | { type: 'img'; src: string }
  /** `diagramLine`: the line inside the fence the renderer blamed, when it said. */
  | { type: 'error'; message: string; diagramLine?: number };
