/**
 * Which component schemas are recursive. A reference from schema X to schema Y is shown as
 * "↻ Y" when Y can lead back to X (they sit in the same strongly connected component of
 * the "refers to" graph, or X refers to itself). Computed once per document.
 */
import { walkRefs } from '../openapi/structure.ts';
import { componentSchemaName, componentSchemas } from '../openapi/components.ts';
import type { SpecObject } from './types.ts';

/**
 * Every component schema a schema refers to, anywhere inside it. A `$ref` counts only where
 * the spec's object model makes it a reference (the walker the loader and lint use): one
 * inside an `example`, `default`, `enum` or `const` is data, and does not make a loop.
 */
export function referencedComponents(schema: unknown, into = new Set<string>()): Set<string> {
  walkRefs(schema, 'Schema', 'openapi-3', [], null, ({ node }) => {
    const name = componentSchemaName(node.$ref);
    if (name !== undefined) into.add(name);
    return null;
  });
  return into;
}

export interface SchemaGraph {
  /** Strongly connected component id of each schema. */
  component: Map<string, number>;
  selfLoops: Set<string>;
}

const GRAPHS = new WeakMap<SpecObject, SchemaGraph>();

export function schemaGraph(doc: SpecObject): SchemaGraph {
  const cached = GRAPHS.get(doc);
  if (cached) return cached;
  const schemas = componentSchemas(doc);
  const edges = new Map<string, string[]>();
  const selfLoops = new Set<string>();
  for (const [name, schema] of Object.entries(schemas)) {
    const targets = [...referencedComponents(schema)].filter((t) => Object.hasOwn(schemas, t));
    if (targets.includes(name)) selfLoops.add(name);
    edges.set(name, targets);
  }
  const graph = { component: tarjan(edges), selfLoops };
  GRAPHS.set(doc, graph);
  return graph;
}

/** True when a reference from `from` to `to` closes a loop. */
export function isRecursiveReference(doc: SpecObject, from: string | undefined, to: string): boolean {
  if (from === undefined) return false;
  const graph = schemaGraph(doc);
  if (from === to) return graph.selfLoops.has(to);
  const a = graph.component.get(from);
  return a !== undefined && a === graph.component.get(to);
}

/** Tarjan's algorithm, iterative so a long chain of schemas cannot overflow the stack. */
function tarjan(edges: Map<string, string[]>): Map<string, number> {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const result = new Map<string, number>();
  let counter = 0;
  let components = 0;

  for (const root of edges.keys()) {
    if (index.has(root)) continue;
    const work: { node: string; next: number }[] = [{ node: root, next: 0 }];
    index.set(root, counter);
    low.set(root, counter++);
    stack.push(root);
    onStack.add(root);
    while (work.length) {
      const frame = work[work.length - 1]!;
      const targets = edges.get(frame.node) ?? [];
      if (frame.next < targets.length) {
        const target = targets[frame.next++]!;
        if (!index.has(target)) {
          index.set(target, counter);
          low.set(target, counter++);
          stack.push(target);
          onStack.add(target);
          work.push({ node: target, next: 0 });
        } else if (onStack.has(target)) {
          low.set(frame.node, Math.min(low.get(frame.node)!, index.get(target)!));
        }
        continue;
      }
      work.pop();
      if (work.length) {
        const parent = work[work.length - 1]!.node;
        low.set(parent, Math.min(low.get(parent)!, low.get(frame.node)!));
      }
      if (low.get(frame.node) === index.get(frame.node)) {
        let member: string;
        do {
          member = stack.pop()!;
          onStack.delete(member);
          result.set(member, components);
        } while (member !== frame.node);
        components++;
      }
    }
  }
  return result;
}
