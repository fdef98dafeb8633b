/**
 * What PlantUML is given, checked before it runs. PlantUML's preprocessor can read files
 * (`!include /etc/passwd`, `<img:/home/…>`), fetch URLs and read environment variables
 * (`%getenv("AWS_SECRET…")`) into the drawing — so such lines are refused, which keeps
 * "nothing outside the content folder is read" true. `!include <C4/C4_Container>`
 * (the standard library inside PlantUML itself) stays allowed.
 */
export type PlantumlSource = { ok: true; text: string; wrapped: boolean } | { ok: false; message: string; line: number };

const FORBIDDEN: { pattern: RegExp; what: string }[] = [
  { pattern: /^\s*!include(?:url|sub|_many|_once|def)?\s+(?!<)/i, what: '!include of a file or URL' },
  { pattern: /^\s*!import\b/i, what: '!import' },
  { pattern: /^\s*!theme\b.*\bfrom\b/i, what: '!theme … from' },
  { pattern: /%(?:getenv|get_variable_value|load_json|loadjson|file_exists|dirpath|filename|filenameNoExtension)\b/i, what: 'a function that reads the build machine' },
  { pattern: /<img\s*[:\s]/i, what: 'an <img> (reads local files)' },
];

export function preparePlantumlSource(source: string): PlantumlSource {
  const lines = source.replace(/\r\n?/g, '\n').split('\n');
  for (const [index, line] of lines.entries()) {
    for (const rule of FORBIDDEN) {
      if (rule.pattern.test(line)) {
        return { ok: false, line: index + 1, message: `PlantUML ${rule.what} is not allowed in docs: diagrams may not read files, URLs or the environment` };
      }
    }
  }
  const starts = lines.filter((l) => /^\s*@start\w+/i.test(l)).length;
  if (starts > 1) return { ok: false, line: 1, message: 'One PlantUML diagram per code block: split the @start…@end blocks into separate fences' };
  if (!lines.some((l) => l.trim() !== '')) return { ok: false, line: 1, message: 'Empty PlantUML diagram' };
  const text = lines.join('\n').trimEnd();
  if (starts === 1) {
    const kind = /^\s*@start(\w+)/i.exec(lines.find((l) => /^\s*@start\w+/i.test(l))!)![1]!;
    const endAt = lines.findIndex((l) => new RegExp(`^\\s*@end${kind}\\b`, 'i').test(l));
    if (endAt === -1) return { ok: false, line: lines.length, message: `@start${kind} is never closed: end the diagram with @end${kind}` };
    if (lines.slice(endAt + 1).some((l) => l.trim() !== '')) {
      return { ok: false, line: endAt + 2, message: `Text after @end${kind}: one PlantUML diagram per code block` };
    }
    return { ok: true, text, wrapped: false };
  }
  // Writers may leave out @startuml/@enduml inside a ```plantuml fence.
  return { ok: true, text: `@startuml\n${text}\n@enduml`, wrapped: true };
}
