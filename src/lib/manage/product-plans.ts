/** `atrium product new|publish|unpublish`: what each would change, decided from the loaded content. */
import { parseDocument } from 'yaml';
import { isUrlSafeSegment, suggestSlug, URL_SAFE_RULE } from '../content/slugs.ts';
import { findProduct } from './lookup.ts';
import type { ManageContext, Plan, Refusal } from './plan.ts';
import { isRefusal, refuse, usage } from './plan.ts';
import { setProductPublished } from './product-edits.ts';
import { productTemplate } from './templates.ts';
import { notEditable } from './validate.ts';

export interface ProductNewArgs {
  slug: string;
  name: string;
  description?: string;
}

export async function planProductNew(ctx: ManageContext, { slug, name, description }: ProductNewArgs): Promise<Plan> {
  if (!isUrlSafeSegment(slug)) {
    return usage(`product slug \`${slug}\` is not URL-safe: it becomes the product's URL, so use ${URL_SAFE_RULE}, e.g. \`${suggestSlug(slug)}\``);
  }
  if (name.trim() === '') return usage('--name must not be empty: it is the product name shown on the portal');
  const dir = `products/${slug}`;
  if (ctx.model.products.some((p) => p.slug === slug)) {
    return refuse(`product \`${slug}\` already exists; choose another slug, or edit ${dir}/product.yaml`, `${dir}/`);
  }
  const file = `${dir}/product.yaml`;
  return {
    kind: 'change',
    change: { kind: 'new-folder', dir, files: { 'product.yaml': productTemplate({ slug, name, ...(description === undefined ? {} : { description }) }) } },
    summary: `created ${file} (product \`${slug}\`, not published)`,
    // A new product has no versions until the next command adds one.
    expected: (d) => d.code === 'product-without-versions' && d.file === file,
    notes: [`next: add its first version with \`atrium version new ${slug} v1\``],
  };
}

export async function planProductPublish(ctx: ManageContext, { slug, published }: { slug: string; published: boolean }): Promise<Plan> {
  const product = findProduct(ctx.model, slug);
  if (isRefusal(product)) return product;
  const text = await readEditable(ctx, product.file);
  if (typeof text !== 'string') return text;

  const current = (parseDocument(text).toJS() as { published?: unknown } | null)?.published;
  if (current === published) return { kind: 'unchanged', summary: `${product.file}: already \`published: ${published}\`; nothing changed` };
  const after = setProductPublished(text, published);
  const notes: string[] = [];
  if (published && !product.versions.some((v) => v.publish_status === 'published')) {
    notes.push(`note: none of its versions is published yet; the public portal shows the product once one is (\`atrium version publish ${slug} <version>\`)`);
  }
  return {
    kind: 'change',
    change: { kind: 'edit-file', file: product.file, before: text, after },
    summary: `${product.file}: published: ${published} (${published ? 'shown on the public portal' : 'hidden from the public portal'})`,
    notes,
  };
}

/** The text of a YAML file the command is about to edit, or why it cannot be edited. */
export async function readEditable(ctx: ManageContext, file: string): Promise<string | Refusal> {
  const text = await ctx.read(file);
  if (text === undefined) return refuse(`missing ${file.split('/').pop()}: create it first (\`atrium check\` explains what it needs)`, file);
  return notEditable(file, text) ?? text;
}
