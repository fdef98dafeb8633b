/** A doc page: frontmatter validated with positions relative to the file, slug from its path. */
import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import { unknownKeyDiagnostics } from '../diagnostics/friendly-zod.ts';
import type { YamlSource } from '../diagnostics/yaml-source.ts';
import { splitFrontmatter } from './frontmatter.ts';
import type { DocEntry } from './model.ts';
import { parseYamlFile } from './parse-yaml-file.ts';
import { docFrontmatterKeys, docFrontmatterSchema } from './schemas/doc-frontmatter.ts';
import { docSlug, isUrlSafeSegment, reservedSegmentProblem, suggestSlug, URL_SAFE_RULE } from './slugs.ts';

export interface ParsedDoc {
  doc: DocEntry | undefined;
  /** The frontmatter, when there is one (positions are lines of the whole file). */
  source: YamlSource | undefined;
  diagnostics: Diagnostic[];
}

/**
 * @param file path relative to the content folder
 * @param pathUnderDocs path below the `docs/` folder, e.g. `guides/auth.md`
 */
export function parseDoc(text: string, file: string, pathUnderDocs: string): ParsedDoc {
  const split = splitFrontmatter(text);
  if (split.unclosed) {
    return {
      doc: undefined,
      source: undefined,
      diagnostics: [
        { severity: 'error', code: 'frontmatter', message: 'frontmatter is not closed; end it with a line `---`', file, line: 1, column: 1 },
      ],
    };
  }
  if (split.yaml === undefined) {
    return {
      doc: undefined,
      source: undefined,
      diagnostics: [
        {
          severity: 'error',
          code: 'frontmatter',
          message: 'missing frontmatter; start the file with a line `---`, then `title: Page title`, then `---`',
          file,
          line: 1,
          column: 1,
        },
      ],
    };
  }

  const parsed = parseYamlFile(docFrontmatterSchema, split.yaml, file, { lineOffset: split.yamlLineOffset });
  const diagnostics = [...parsed.diagnostics];
  if (parsed.source.ok) diagnostics.push(...unknownKeyDiagnostics(parsed.source.value, docFrontmatterKeys, parsed.source, 'warning'));
  const data = parsed.data;
  if (!data) return { doc: undefined, source: parsed.source, diagnostics };

  const slug = docSlug(pathUnderDocs, data.slug);
  diagnostics.push(...docSlugDiagnostics(slug.segments, data.slug, file, parsed.source));

  const doc: DocEntry = {
    file,
    slug: slug.slug,
    title: data.title,
    status: data.status,
    format: /\.mdx$/i.test(file) ? 'mdx' : 'md',
    body: split.body,
    bodyLine: split.bodyLine,
  };
  if (data.description !== undefined) doc.description = data.description;
  if (data.order !== undefined) doc.order = data.order;
  return { doc, source: parsed.source, diagnostics };
}

/** A doc's URL segments must be URL-safe: the override at its frontmatter key, the rest are file/folder names. */
function docSlugDiagnostics(segments: string[], override: string | undefined, file: string, source: YamlSource): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  segments.forEach((segment, i) => {
    const isOverride = override !== undefined && i === segments.length - 1;
    const reserved = isUrlSafeSegment(segment) ? reservedSegmentProblem(segment) : undefined;
    if (reserved) {
      diagnostics.push({
        severity: 'error',
        code: 'slug',
        message: isOverride
          ? `slug: ${reserved}; choose another slug, e.g. ${JSON.stringify(suggestSlug(segment.replace('.', '-')))}`
          : `${reserved}, so it cannot be in the path of this page; rename it${i === segments.length - 1 ? ' or set `slug:` in the frontmatter' : ''}`,
        file,
        ...(isOverride ? source.locate(['slug']) : { line: 1, column: 1 }),
      });
      return;
    }
    if (isUrlSafeSegment(segment)) return;
    if (isOverride) {
      const why = segment.includes('/') ? ' (it replaces only the last segment, so no `/`)' : '';
      diagnostics.push({
        severity: 'error',
        code: 'slug',
        message: `slug: ${JSON.stringify(segment)} is not URL-safe${why}; use ${URL_SAFE_RULE}, e.g. ${JSON.stringify(suggestSlug(segment.split('/').pop() ?? segment))}`,
        file,
        ...source.locate(['slug']),
      });
    } else {
      diagnostics.push({
        severity: 'error',
        code: 'slug',
        message: `\`${segment}\` in the path of this page is not URL-safe; rename it to \`${suggestSlug(segment)}\` (${URL_SAFE_RULE})${i === segments.length - 1 ? ' or set `slug:` in the frontmatter' : ''}`,
        file,
        line: 1,
        column: 1,
      });
    }
  });
  return diagnostics;
}
