/** Schema of a doc page's frontmatter (DESIGN §3). Extra keys are allowed (MDX may use them) but warned about. */
import { z } from 'zod';
import { text } from './fields.ts';

export const docFrontmatterSchema = z.object({
  /** Page title (required). */
  title: text,
  /** One-line summary for navigation and meta tags. */
  description: z.string().optional(),
  /** Only published docs reach the public portal. @default published */
  status: z.enum(['published', 'unpublished']).default('published'),
  /** Position among sibling pages, lower first; then by title. */
  order: z.number().optional(),
  /** Replaces the last segment of the page's URL (lowercase letters, digits, `-`, `_`, `.`). */
  slug: text.optional(),
});

/** Keys the frontmatter schema knows; others produce an "unknown key" warning. */
export const docFrontmatterKeys: readonly string[] = Object.keys(docFrontmatterSchema.shape);

export type DocFrontmatter = z.output<typeof docFrontmatterSchema>;
