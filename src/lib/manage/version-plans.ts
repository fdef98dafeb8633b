/**
 * `atrium version new|publish|unpublish|deprecate|promote|delete`: what each would change,
 * decided from the loaded content. Nothing here writes; see run.ts.
 */
import { parseDocument } from 'yaml';
import { parseYamlSource } from '../diagnostics/yaml-source.ts';
import type { ContentModel, ProductEntry, PublishStatus, VersionEntry } from '../content/model.ts';
import { RESERVED_VERSION_SLUGS } from '../content/rules/slugs.ts';
import { isCalendarDate } from '../content/schemas/fields.ts';
import { isUrlSafeSegment, suggestSlug, URL_SAFE_RULE } from '../content/slugs.ts';
import { findService } from '../gateway/deck.ts';
import { listNames } from '../diagnostics/did-you-mean.ts';
import { checkService, findProduct, findPromotionTarget, findVersion, namesVersion, serviceName, serviceNames } from './lookup.ts';
import type { ManageContext, Plan, Refusal } from './plan.ts';
import { isRefusal, refuse, usage } from './plan.ts';
import { readEditable } from './product-plans.ts';
import { versionTemplate } from './templates.ts';
import { deprecateVersion, linkGatewayService, setPublishStatus } from './version-edits.ts';
import type { Deprecation } from './version-edits.ts';

interface VersionRef {
  product: string;
  version: string;
}

function findProductVersion(model: ContentModel, ref: VersionRef): { product: ProductEntry; version: VersionEntry } | Refusal {
  const product = findProduct(model, ref.product);
  if (isRefusal(product)) return product;
  const version = findVersion(product, ref.version);
  if (isRefusal(version)) return version;
  return { product, version };
}

// ---------------------------------------------------------------------------------------------

export async function planVersionNew(ctx: ManageContext, args: VersionRef & { from?: string }): Promise<Plan> {
  const product = findProduct(ctx.model, args.product);
  if (isRefusal(product)) return product;
  const slug = args.version;
  if (!isUrlSafeSegment(slug)) {
    return usage(`version \`${slug}\` is not URL-safe: it becomes the version's URL, so use ${URL_SAFE_RULE}, e.g. \`${suggestSlug(slug)}\``);
  }
  if (RESERVED_VERSION_SLUGS.includes(slug)) {
    return usage(`version \`${slug}\` would clash with the product's /${slug}/ pages; choose another name, e.g. \`v1\``);
  }
  const clash = product.versions.find((v) => v.slug === slug || v.name === slug);
  if (clash) return refuse(`product \`${product.slug}\` already has a version \`${slug}\` (${clash.dir}/); choose another name`, `${clash.dir}/`);

  const dir = `${product.dir}/versions/${slug}`;
  let spec: string | undefined;
  let copied: string[] = [];
  let source: VersionEntry | undefined;
  if (args.from !== undefined) {
    const found = findVersion(product, args.from);
    if (isRefusal(found)) return found;
    source = found;
    const text = await readEditable(ctx, source.file);
    if (typeof text !== 'string') return text;
    const written = (parseDocument(text).toJS() as { spec?: unknown } | null)?.spec;
    if (typeof written === 'string') spec = written;
    copied = (await ctx.list(source.dir)).filter((f) => f !== source!.file).map((f) => f.slice(source!.dir.length + 1));
  }

  const template = versionTemplate({ productSlug: product.slug, productName: product.name, version: slug, ...(spec === undefined ? {} : { spec }) });
  const from = source ? `, ${copied.length} file(s) copied from ${source.slug}` : '';
  return {
    kind: 'change',
    change: {
      kind: 'new-folder',
      dir,
      files: { 'version.yaml': template },
      ...(source ? { copyFrom: source.dir, skip: ['version.yaml'] } : {}),
    },
    summary: `created ${dir}/version.yaml (${product.slug} ${slug}, unpublished${from})`,
    notes: [`next: \`atrium version promote ${product.slug} ${slug} --to <environment>\` links it to a gateway service`],
  };
}

// ---------------------------------------------------------------------------------------------

export async function planVersionPublish(ctx: ManageContext, args: VersionRef & { status: PublishStatus }): Promise<Plan> {
  const found = findProductVersion(ctx.model, args);
  if (isRefusal(found)) return found;
  const { product, version } = found;
  const text = await readEditable(ctx, version.file);
  if (typeof text !== 'string') return text;

  const written = (parseDocument(text).toJS() as { publish_status?: unknown } | null)?.publish_status;
  if (written === args.status) return { kind: 'unchanged', summary: `${version.file}: already \`publish_status: ${args.status}\`; nothing changed` };
  const notes: string[] = [];
  if (args.status === 'published' && !product.published) {
    notes.push(`note: product \`${product.slug}\` itself is not published; the version reaches the public portal once it is (\`atrium product publish ${product.slug}\`)`);
  }
  if (args.status === 'unpublished') {
    const pointing = product.versions.filter((v) => v !== version && v.publish_status === 'published' && namesVersion(version, v.deprecation?.replacement));
    for (const v of pointing) notes.push(`note: ${v.file} names it as \`deprecation.replacement\`; the public portal then has no page to send its readers to`);
  }
  return {
    kind: 'change',
    change: { kind: 'edit-file', file: version.file, before: text, after: setPublishStatus(text, args.status) },
    summary: `${version.file}: publish_status: ${args.status} (${args.status === 'published' ? 'shown on the public portal' : 'hidden from the public portal'})`,
    notes,
  };
}

// ---------------------------------------------------------------------------------------------

export async function planVersionDeprecate(ctx: ManageContext, args: VersionRef & Deprecation): Promise<Plan> {
  if (args.sunset !== undefined && !isCalendarDate(args.sunset)) {
    return usage(`--sunset must be a calendar date written YYYY-MM-DD, like 2027-06-30, not "${args.sunset}"`);
  }
  const found = findProductVersion(ctx.model, args);
  if (isRefusal(found)) return found;
  const { product, version } = found;

  if (args.replacement !== undefined) {
    if (namesVersion(version, args.replacement)) {
      return refuse(`--replacement \`${args.replacement}\` is the version being deprecated; name the version its users should move to`, version.file);
    }
    const replacement = findVersion(product, args.replacement);
    if (isRefusal(replacement)) return { ...replacement, message: `--replacement: ${replacement.message}` };
  }

  const text = await readEditable(ctx, version.file);
  if (typeof text !== 'string') return text;
  const deprecation: Deprecation = {
    ...(args.message === undefined ? {} : { message: args.message }),
    ...(args.sunset === undefined ? {} : { sunset: args.sunset }),
    ...(args.replacement === undefined ? {} : { replacement: args.replacement }),
  };
  const after = deprecateVersion(text, deprecation);
  if (after === text) return { kind: 'unchanged', summary: `${version.file}: already deprecated as asked; nothing changed` };

  const details = [
    args.sunset === undefined ? '' : `sunset ${args.sunset}`,
    args.replacement === undefined ? '' : `replacement ${args.replacement}`,
    args.message === undefined ? '' : 'message set',
  ].filter(Boolean);
  return {
    kind: 'change',
    change: { kind: 'edit-file', file: version.file, before: text, after },
    summary: `${version.file}: deprecated: true${details.length ? ` (${details.join(', ')})` : ''}`,
  };
}

// ---------------------------------------------------------------------------------------------

export async function planVersionPromote(ctx: ManageContext, args: VersionRef & { to: string; service?: string }): Promise<Plan> {
  const { model } = ctx;
  const found = findProductVersion(model, args);
  if (isRefusal(found)) return found;
  const { product, version } = found;
  const target = findPromotionTarget(model, args.to);
  if (isRefusal(target)) return target;
  const plane = target.controlPlane;
  if (model.diagnostics.some((d) => d.severity === 'error' && d.file === plane.file)) {
    return refuse(`${plane.file} has errors, so its services cannot be checked; fix it first (\`atrium check\` lists the problems)`, plane.file);
  }

  let service = args.service;
  if (service === undefined) {
    const defaulted = defaultService(model, version, plane.name);
    if (isRefusal(defaulted)) return defaulted;
    service = defaulted;
  }
  const missing = checkService(plane, service);
  if (missing) {
    if (args.service !== undefined) return missing;
    return { ...missing, message: `${version.name} runs as \`${service}\` elsewhere, but ${missing.message}` };
  }

  const where = target.environment ? `${target.environment} (control plane ${plane.name})` : `control plane ${plane.name}`;
  const existing = version.gateway_services.find((link) => link.control_plane === plane.name);
  if (existing && findService(plane.deck, existing.service)?.index === findService(plane.deck, service)?.index) {
    return { kind: 'unchanged', summary: `${version.file}: ${product.slug} ${version.name} already runs in ${where} as ${existing.service}; nothing changed` };
  }

  const text = await readEditable(ctx, version.file);
  if (typeof text !== 'string') return text;
  const edit = linkGatewayService(text, { control_plane: plane.name, service });
  if (edit.action === 'unchanged') return { kind: 'unchanged', summary: `${version.file}: ${product.slug} ${version.name} already runs in ${where} as ${service}; nothing changed` };
  const was = edit.action === 'updated' && edit.previous !== undefined ? ` (was ${edit.previous})` : '';
  return {
    kind: 'change',
    change: { kind: 'edit-file', file: version.file, before: text, after: edit.text },
    summary: `${version.file}: ${product.slug} ${version.name} now runs in ${where} as service ${service}${was}`,
  };
}

/**
 * The service a version already runs as, for `promote` without `--service`: the name of
 * its service in the environments it is in, the latest environment (in portal.yaml order)
 * first. Names, not ids: ids differ from one control plane to the next.
 */
function defaultService(model: ContentModel, version: VersionEntry, targetPlane: string): string | Refusal {
  const order = model.portal.environments.map((e) => e.control_plane);
  const rank = (plane: string) => (order.includes(plane) ? order.indexOf(plane) : -1);
  const links = version.gateway_services
    .filter((link) => link.control_plane !== targetPlane)
    .sort((a, b) => rank(b.control_plane) - rank(a.control_plane));
  const candidates = links.map((link) => {
    const plane = model.controlPlanes.find((cp) => cp.name === link.control_plane);
    return (plane && serviceName(plane, link.service)) ?? link.service;
  });
  const target = model.controlPlanes.find((cp) => cp.name === targetPlane)!;
  const present = candidates.find((name) => findService(target.deck, name));
  if (present !== undefined) return present;
  if (candidates.length > 0) return candidates[0];
  const names = serviceNames(target);
  return usage(
    `version \`${version.name}\` runs nowhere yet, so there is no service to carry over; name it with --service` +
      (names.length ? ` (control plane ${target.name} has ${listNames(names, 30)})` : ''),
  );
}

// ---------------------------------------------------------------------------------------------

export async function planVersionDelete(ctx: ManageContext, args: VersionRef & { yes: boolean }): Promise<Plan> {
  const found = findProductVersion(ctx.model, args);
  if (isRefusal(found)) return found;
  const { product, version } = found;

  const referrers = product.versions.filter((v) => v !== version && namesVersion(version, v.deprecation?.replacement));
  if (referrers.length > 0) {
    const first = referrers[0];
    const others = referrers.slice(1).map((v) => v.file);
    const position = await replacementPosition(ctx, first.file);
    return {
      ...refuse(
        `deprecation.replacement names \`${version.name}\`, which would then not exist${others.length ? ` (so do ${others.join(', ')})` : ''}; ` +
          `point it at another version first (\`atrium version deprecate ${product.slug} ${first.slug} --replacement <version>\`), then delete ${version.slug}`,
        first.file,
      ),
      ...position,
    };
  }
  if (product.versions.length === 1) {
    return refuse(
      `\`${version.slug}\` is the only version of product \`${product.slug}\`, and a product needs at least one; to remove the whole product, delete the folder ${product.dir}/`,
      `${version.dir}/`,
    );
  }

  const files = await ctx.list(version.dir);
  if (!args.yes) {
    return {
      ...usage(`deleting cannot be undone; run the command again with --yes to delete ${version.dir}/`),
      details: [`would delete ${version.dir}/ (${files.length} file(s)):`, ...files.map((f) => `  ${f}`)],
    };
  }
  return {
    kind: 'change',
    change: { kind: 'delete-folder', dir: version.dir },
    summary: `deleted ${version.dir}/ (${product.slug} ${version.name}, ${files.length} file(s))`,
  };
}

async function replacementPosition(ctx: ManageContext, file: string): Promise<{ line?: number; column?: number }> {
  const text = await ctx.read(file);
  if (text === undefined) return {};
  return parseYamlSource(text, file).locate(['deprecation', 'replacement']);
}
