/**
 * What PlantUML is given, checked before it runs. PlantUML's preprocessor and a few
 * commands can read files (`!include /etc/passwd`, `sprite $s /abs/file.svg`,
 * `<img:/home/…>`), fetch URLs, read environment variables (`%getenv("AWS_SECRET…")`) and
 * describe the build machine (`version`) into the drawing; dates and random numbers would
 * make the output differ from build to build. Such lines are refused with their line, which
 * keeps "nothing outside the content folder is read" and "same input, same output" true.
 * The standard library inside PlantUML itself (`!include <C4/C4_Container>`, `!theme cerulean`)
 * stays allowed. PlantUML runs with its SANDBOX security profile as a second wall
 * (plantuml-process.ts), for what is built out of strings at run time.
 */
export type PlantumlSource = { ok: true; text: string; wrapped: boolean } | { ok: false; message: string; line: number };

/** A name in PlantUML's built-in library: `<C4/C4_Container>`; no `..`, no URL. */
const STDLIB = String.raw`<[\w+-][\w.+-]*(?:/[\w+-][\w.+-]*)*>`;

interface Rule {
  pattern: RegExp;
  what: string;
}

const FORBIDDEN: Rule[] = [
  // Every include reads a file or URL, except a name in the built-in standard library.
  { pattern: new RegExp(String.raw`^\s*!include\w*\b(?!\s+${STDLIB}\s*(?:!\S*)?\s*$)`, 'i'), what: '!include of a file or URL' },
  { pattern: /^\s*!import\b/i, what: '!import (reads a file)' },
  { pattern: /^\s*!theme\b.*\bfrom\b/i, what: '!theme … from (reads a file or URL)' },
  { pattern: /^\s*!dump_memory\b/i, what: '!dump_memory' },
  // `sprite $name` takes its picture inline ([WxH/depth] data, { rows }, <svg …>); anything else names a file or URL.
  // (The lookahead-and-backreference takes all the spaces at once, so none can be given back.)
  { pattern: /^\s*sprite\s+\$?[\w.-]+(?![\w.-])(?=(\s*))\1(?!\[|\{|<svg\b|$)/i, what: 'a sprite read from a file or URL (give its data inline)' },
  { pattern: /<img\s*[:\s]|<img>/i, what: 'an <img> (reads local files and URLs)' },
  {
    pattern: /%(?:getenv|load_json|loadjson|file_exists|filedate|filename|filename_no_extension|filenamenoextension|dirpath|get_variable_value|call_user_func|invoke_procedure|retrieve_procedure|eval)\b/i,
    what: 'a function that reads the build machine or calls functions by name',
  },
  { pattern: /%(?:date|now|random)\b/i, what: 'a date, time or random number (the same docs must give the same portal)' },
  // Layout engines other than the built-in one run an external program.
  { pattern: /^\s*!pragma\s+(?:graphviz_dot|layout)\b(?!\s+smetana\s*$)/i, what: '!pragma choosing an external layout engine (only `smetana` is allowed)' },
  // Special "diagrams" that describe the machine PlantUML runs on.
  { pattern: /^\s*(?:version|about|license|licence|authors?|checkversion|testdot|listfonts|listsprites?|listopeniconic|stdlib|help)\s*$/i, what: 'a PlantUML information page (it shows the build machine)' },
  // Graphviz's own language can read files (image=, shapefile=).
  { pattern: /^\s*@startdot\b/i, what: '@startdot (Graphviz source can read files)' },
];

export function preparePlantumlSource(source: string): PlantumlSource {
  const lines = source.replace(/\r\n?/g, '\n').split('\n');
  const refused = refusedLine(lines);
  if (refused) return refused;
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

/**
 * The first refused line. PlantUML joins a line ending in `\\` with the next one, so a name
 * can be split across lines (`%get\\` + `env(…)`): each line is checked joined with its
 * continuations, and blamed at its first line.
 */
function refusedLine(lines: string[]): { ok: false; line: number; message: string } | undefined {
  for (let start = 0; start < lines.length; start++) {
    let logical = lines[start]!;
    for (let next = start; logical.endsWith('\\') && next + 1 < lines.length; next++) logical = logical.slice(0, -1) + lines[next + 1]!;
    for (const candidate of [lines[start]!, logical]) {
      const rule = FORBIDDEN.find((r) => r.pattern.test(candidate));
      if (rule) return { ok: false, line: start + 1, message: `PlantUML ${rule.what} is not allowed in docs: diagrams may not read files, URLs or the environment` };
    }
  }
  return undefined;
}
