/**
 * Where each part of a bundled document was written: bundled pointer → source file and
 * pointer. Only the roots of moved or inlined pieces are stored; everything below them,
 * and everything else (the entry file), follows by prefix.
 */
import { toPointer, type Segments } from './json-pointer.ts';

export interface SourceLocation {
  file: string;
  segments: string[];
}

export class OriginMap {
  readonly entry: string;
  private readonly roots = new Map<string, SourceLocation>();

  constructor(entry: string) {
    this.entry = entry;
  }

  add(bundledPath: Segments, file: string, segments: Segments): void {
    this.roots.set(toPointer(bundledPath), { file, segments: [...segments] });
  }

  /** The file and pointer that the bundled path `path` came from. */
  toSource(path: Segments): SourceLocation {
    if (this.roots.size > 0) {
      for (let depth = path.length; depth >= 0; depth--) {
        const root = this.roots.get(toPointer(path.slice(0, depth)));
        if (root) return { file: root.file, segments: [...root.segments, ...path.slice(depth)] };
      }
    }
    return { file: this.entry, segments: [...path] };
  }
}
