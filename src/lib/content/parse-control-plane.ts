/**
 * A decK file (`deck gateway dump` output) as a control plane. Only its shape is checked
 * here — a mapping, a supported `_format_version`, a `services` list — the meaning of
 * services, routes and plugins is the gateway module's business. The document is kept raw.
 */
import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import { describeValue } from '../diagnostics/friendly-zod.ts';
import type { ParseYaml } from '../diagnostics/kept-yaml-source.ts';
import { parseYamlSource } from '../diagnostics/yaml-source.ts';
import type { YamlSource } from '../diagnostics/yaml-source.ts';

export interface ParsedControlPlane {
  source: YamlSource;
  /** The decK document, undefined when it cannot be used. */
  deck: Record<string, unknown> | undefined;
  diagnostics: Diagnostic[];
}

/** Oldest and newest decK `_format_version` Atrium reads. */
export const DECK_FORMAT_RANGE = { min: [1, 1], max: [3, 0] } as const;

/** `parse`: a build's keeps what it parsed (../diagnostics/kept-yaml-source.ts). */
export function parseControlPlane(text: string, file: string, parse: ParseYaml = parseYamlSource): ParsedControlPlane {
  // JSON is YAML 1.2, so .json decK files get positions the same way.
  const source = parse(text, file);
  const diagnostics = [...source.diagnostics];
  if (!source.ok) return { source, deck: undefined, diagnostics };

  const value = source.value;
  const at = (path: (string | number)[], target: 'key' | 'value' = 'value') => ({ file, ...source.locate(path, target) });
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    diagnostics.push({
      severity: 'error',
      code: 'deck-shape',
      message: `expected a decK file (a mapping with \`_format_version\` and \`services\`), got ${describeValue(value)}`,
      ...at([]),
    });
    return { source, deck: undefined, diagnostics };
  }
  const deck = value as Record<string, unknown>;

  const format = deck._format_version;
  if (format === undefined) {
    diagnostics.push({
      severity: 'warning',
      code: 'deck-format-version',
      message: 'no `_format_version`; add `_format_version: "3.0"` (as `deck gateway dump` writes it) so the file is read as the format it is',
      ...at([]),
    });
  } else if (!isSupportedFormat(format, () => source.sourceText(['_format_version']))) {
    diagnostics.push({
      severity: 'error',
      code: 'deck-format-version',
      message: `_format_version: ${describeValue(format, source.sourceText(['_format_version']))} is not a decK format Atrium reads; expected "1.1" to "3.0"`,
      ...at(['_format_version']),
    });
  }

  const services = deck.services;
  if (services !== undefined && services !== null && !Array.isArray(services)) {
    diagnostics.push({
      severity: 'error',
      code: 'deck-shape',
      message: `services: expected a list of services, got ${describeValue(services)}`,
      ...at(['services']),
    });
  } else if (Array.isArray(services)) {
    services.forEach((service, i) => {
      if (!service || typeof service !== 'object' || Array.isArray(service)) {
        diagnostics.push({
          severity: 'error',
          code: 'deck-shape',
          message: `services[${i}]: expected a service (a mapping with \`name\`), got ${describeValue(service)}`,
          ...at(['services', i]),
        });
      }
    });
  }
  return { source, deck, diagnostics };
}

function isSupportedFormat(value: unknown, written: () => string | undefined): boolean {
  // `_format_version: 3.0` unquoted is the number 3: read what was written (asked only then,
  // since it needs the positions a kept parse does not have).
  const text = typeof value === 'number' ? (written() ?? String(value)) : typeof value === 'string' ? value.trim() : undefined;
  const match = text === undefined ? null : /^(\d+)\.(\d+)$/.exec(text);
  if (!match) return false;
  const version = [Number(match[1]), Number(match[2])];
  return compare(version, DECK_FORMAT_RANGE.min) >= 0 && compare(version, DECK_FORMAT_RANGE.max) <= 0;
}

function compare(a: readonly number[], b: readonly number[]): number {
  return a[0] - b[0] || a[1] - b[1];
}

/** Services of a decK file as `{ name, id }`, for gateway-link checks. */
export function deckServices(deck: Record<string, unknown>): { name?: string; id?: string }[] {
  const services = Array.isArray(deck.services) ? deck.services : [];
  return services
    .filter((s): s is Record<string, unknown> => !!s && typeof s === 'object' && !Array.isArray(s))
    .map((s) => ({
      name: typeof s.name === 'string' ? s.name : undefined,
      id: typeof s.id === 'string' ? s.id : undefined,
    }));
}
