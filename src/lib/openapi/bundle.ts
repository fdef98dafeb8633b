/**
 * Phase 2 of loading: one document with no references to other files.
 *
 * - A file referenced where a component can stand (a schema, a parameter, a response…)
 *   becomes a named component (`#/components/schemas/pet`, `#/definitions/pet` in 2.0), so
 *   it is written once however often it is used, recursive schemas stay finite, and
 *   renderers can link to it by name. Referenced from a component slot of the entry file
 *   (`components/schemas/Pet: {$ref: pet.yaml}`), it takes that slot's name.
 * - Anything else (path items, 2.0 headers) is inlined where it is referenced.
 * - Internal refs of the entry are kept; internal refs inside other files are rewritten.
 *
 * Every moved or inlined piece is recorded in an `OriginMap`, so a problem found later in
 * the bundled document is reported at the file and pointer it was written in.
 */
import type { CollectedFile } from './collect-files.ts';
import { getAt, hasAt, startsWith, toPointer, toRefPointer } from './json-pointer.ts';
import { OriginMap } from './origin-map.ts';
import { resolveRef } from './ref.ts';
import { componentSection, componentSections, walkRefs, type SpecFamily } from './structure.ts';
import type { SpecProblem } from './types.ts';

export interface BundleInput {
  entry: string;
  family: SpecFamily;
  files: ReadonlyMap<string, CollectedFile>;
}

export interface BundleResult {
  /** The entry document, rewritten in place. */
  bundled: Record<string, unknown>;
  origins: OriginMap;
  /** Refs that cannot be followed, with the file and pointer of the `$ref`. */
  problems: SpecProblem[];
}

interface Context {
  /** The file the content being walked was written in. */
  file: string;
  /** Targets being inlined around this point, to stop an inline that contains itself. */
  inlining: readonly string[];
}

const MAX_REF_CHAIN = 32;

export function bundleSpec({ entry, family, files }: BundleInput): BundleResult {
  const rootFile = files.get(entry);
  if (!rootFile?.ok) throw new Error(`bundleSpec: the entry ${entry} was not loaded`);
  const bundled = rootFile.document.value as Record<string, unknown>;
  const origins = new OriginMap(entry);
  const problems: SpecProblem[] = [];
  /** `file#pointer` → the internal ref that now stands for it. */
  const targets = new Map<string, string>();
  /** `$ref` nodes already reported, so the final check does not report them twice. */
  const failed = new WeakSet<object>();
  const visited = new WeakSet<object>();

  const fail = (node: object, path: string[], code: string, message: string): void => {
    failed.add(node);
    const source = origins.toSource(path);
    problems.push({ severity: 'error', code, message, file: source.file, segments: [...source.segments, '$ref'] });
  };

  const onRef: Parameters<typeof walkRefs<Context>>[5] = ({ node, kind, path, context }) => {
    let ctx = context;
    for (let step = 0; typeof node.$ref === 'string'; step++) {
      const ref = node.$ref;
      if (step === MAX_REF_CHAIN) {
        fail(node, path, 'spec-ref-circular', `\`$ref: ${ref}\` starts a chain of more than ${MAX_REF_CHAIN} references; point it at the object itself`);
        return ctx;
      }
      const target = resolveRef(ref, ctx.file);
      if (target.kind === 'refused') {
        fail(node, path, target.code, target.message);
        return ctx;
      }
      if (target.file === entry) {
        // Internal to the entry (checked once bundling is done), or a reference from another
        // file back into the entry, which becomes internal.
        if (ctx.file !== entry) node.$ref = toRefPointer(target.segments);
        return ctx;
      }

      const key = `${target.file}#${toPointer(target.segments)}`;
      const section = componentSection(kind, family);
      const isSlot = ctx.file === entry && section !== undefined && path.length === section.length + 1 && startsWith(path, section);
      const known = targets.get(key);
      if (known && !(isSlot && known === toRefPointer(path))) {
        node.$ref = known;
        return ctx;
      }
      const loaded = files.get(target.file);
      if (!loaded?.ok) {
        fail(node, path, loaded?.reason === 'outside-root' ? 'spec-ref-escape' : 'spec-ref-missing', unusableFileMessage(ref, target.file, loaded));
        return ctx;
      }
      const value = loaded.document.value;
      if (!hasAt(value, target.segments)) {
        fail(node, path, 'spec-ref-missing', `\`$ref: ${ref}\` resolves to nothing: \`${target.file}\` has no \`#${toPointer(target.segments)}\``);
        return ctx;
      }
      const found = getAt(value, target.segments);

      if (section && !isSlot) {
        const container = ensureObject(bundled, section);
        if (!container) {
          fail(node, path, 'spec-ref-invalid', `cannot move \`${ref}\` into \`#${toPointer(section)}\`, which is not a mapping`);
          return ctx;
        }
        const name = uniqueName(container, suggestName(target.file, target.segments));
        const internal = toRefPointer([...section, name]);
        targets.set(key, internal);
        container[name] = structuredClone(found);
        origins.add([...section, name], target.file, target.segments);
        walkRefs(container[name], kind, family, [...section, name], { file: target.file, inlining: [] }, onRef, visited);
        node.$ref = internal;
        return ctx;
      }

      // Inline in place (a component slot, or a kind that no component can hold).
      if (ctx.inlining.includes(key)) {
        fail(node, path, 'spec-ref-circular', `\`$ref: ${ref}\` includes itself and cannot be inlined; only schemas, parameters, responses and other components may be recursive`);
        return ctx;
      }
      if (found === null || typeof found !== 'object' || Array.isArray(found)) {
        fail(node, path, 'spec-ref-invalid', `\`$ref: ${ref}\` points to a ${Array.isArray(found) ? 'list' : typeof found}, expected an object`);
        return ctx;
      }
      if (isSlot) targets.set(key, toRefPointer(path));
      const siblings: Record<string, unknown> = { ...node };
      delete siblings.$ref;
      for (const k of Object.keys(node)) delete (node as Record<string, unknown>)[k];
      Object.assign(node, structuredClone(found), siblings);
      origins.add(path, target.file, target.segments);
      ctx = { file: target.file, inlining: [...ctx.inlining, key] };
      // The inlined object may itself be a `$ref`: go round again in its file's context.
    }
    return ctx;
  };

  // Component slots of the entry that are just a ref to another file claim that file first,
  // so other refs to it point at the slot's name instead of a made-up one.
  for (const [section] of componentSections(family)) {
    const container = getAt(bundled, section);
    if (container === null || typeof container !== 'object' || Array.isArray(container)) continue;
    for (const [name, slot] of Object.entries(container)) {
      const ref = (slot as { $ref?: unknown } | null)?.$ref;
      if (typeof ref !== 'string') continue;
      const target = resolveRef(ref, entry);
      if (target.kind !== 'target' || target.file === entry) continue;
      const key = `${target.file}#${toPointer(target.segments)}`;
      if (!targets.has(key)) targets.set(key, toRefPointer([...section, name]));
    }
  }

  walkRefs<Context>(bundled, 'Root', family, [], { file: entry, inlining: [] }, onRef, visited);

  // Every ref left is internal: check it names something in the finished document.
  walkRefs<null>(bundled, 'Root', family, [], null, ({ node, path }) => {
    if (failed.has(node)) return null;
    const target = resolveRef(node.$ref, entry);
    if (target.kind === 'target' && target.file === entry && !hasAt(bundled, target.segments)) {
      fail(node, path, 'spec-ref-missing', `\`$ref: ${node.$ref}\` resolves to nothing: there is no \`#${toPointer(target.segments)}\` in the spec`);
    }
    return null;
  });

  return { bundled, origins, problems };
}

function unusableFileMessage(ref: string, file: string, loaded: CollectedFile | undefined): string {
  const reason = loaded && !loaded.ok ? loaded.reason : 'not-found';
  switch (reason) {
    case 'outside-root':
      return `\`$ref: ${ref}\` leads outside the content folder through a symbolic link; only files inside it may be referenced`;
    case 'unparseable':
      return `\`$ref: ${ref}\` points to \`${file}\`, which cannot be parsed (see its own error)`;
    case 'not-a-file':
      return `\`$ref: ${ref}\` points to \`${file}\`, which is not a regular file`;
    case 'unreadable':
      return `\`$ref: ${ref}\` points to \`${file}\`, which cannot be read`;
    default:
      return `\`$ref: ${ref}\` resolves to nothing: the file \`${file}\` does not exist`;
  }
}

/** The object at `segments`, created when missing; `undefined` when something else is in the way. */
function ensureObject(root: Record<string, unknown>, segments: readonly string[]): Record<string, unknown> | undefined {
  let node = root;
  for (const s of segments) {
    if (node[s] === undefined) node[s] = {};
    const next = node[s];
    if (next === null || typeof next !== 'object' || Array.isArray(next)) return undefined;
    node = next as Record<string, unknown>;
  }
  return node;
}

/** A component name from the fragment's last segment, else the file name without its extension. */
export function suggestName(file: string, segments: readonly string[]): string {
  const raw = segments.length > 0 ? segments[segments.length - 1] : file.slice(file.lastIndexOf('/') + 1).replace(/\.(ya?ml|json)$/i, '');
  // Component names must match ^[a-zA-Z0-9.\-_]+$.
  return raw.replace(/[^a-zA-Z0-9._-]/g, '_') || 'ref';
}

function uniqueName(container: Record<string, unknown>, base: string): string {
  if (!(base in container)) return base;
  for (let n = 2; ; n++) if (!(`${base}-${n}` in container)) return `${base}-${n}`;
}
