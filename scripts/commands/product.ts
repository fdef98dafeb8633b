import path from 'node:path';
import type { Command } from 'commander';
import { planProductNew, planProductPublish } from '../../src/lib/manage/product-plans.ts';
import type { ManageContext, Plan } from '../../src/lib/manage/plan.ts';
import { runManage } from '../../src/lib/manage/run.ts';

export function registerProductCommand(program: Command): void {
  const product = program
    .command('product')
    .description('create and publish API products (edits products/<slug>/product.yaml in place, keeping comments)');

  product
    .command('new <slug>')
    .description('create products/<slug>/product.yaml, not published')
    .requiredOption('--name <name>', 'product name shown on the portal')
    .option('--description <text>', 'one paragraph for the catalog card and the overview page')
    .option('--content <dir>', 'content folder', 'content')
    .action(async (slug: string, opts: { name: string; description?: string; content: string }) => {
      await runManageCommand(opts.content, 'atrium product new', (ctx) =>
        planProductNew(ctx, { slug, name: opts.name, ...(opts.description === undefined ? {} : { description: opts.description }) }),
      );
    });

  for (const [name, published] of [['publish', true], ['unpublish', false]] as const) {
    product
      .command(`${name} <slug>`)
      .description(published ? 'show the product on the public portal (published: true)' : 'hide the product from the public portal (published: false)')
      .option('--content <dir>', 'content folder', 'content')
      .action(async (slug: string, opts: { content: string }) => {
        await runManageCommand(opts.content, `atrium product ${name}`, (ctx) => planProductPublish(ctx, { slug, published }));
      });
  }
}

/**
 * Runs a management command and reports it: the summary on stdout, refusals, warnings and
 * hints on stderr, the exit code (DESIGN §7: 0 ok, 1 content, 2 usage) in `process.exitCode`.
 * Usage problems are printed as `atrium: <message>`, the way cli.ts prints a `UsageError`;
 * this module does not import cli.ts, so the commands load without the rest of the CLI.
 */
export async function runManageCommand(content: string, command: string, plan: (ctx: ManageContext) => Promise<Plan>): Promise<void> {
  const outcome = await runManage(path.resolve(content), command, plan);
  for (const line of outcome.stdout) console.log(line);
  for (const line of outcome.stderr) console.error(line);
  if (outcome.exit === 2) console.error(`atrium: ${outcome.usage ?? 'bad usage'}`);
  process.exitCode = outcome.exit;
}
