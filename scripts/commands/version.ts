import type { Command } from 'commander';
import { planVersionDelete, planVersionDeprecate, planVersionNew, planVersionPromote, planVersionPublish } from '../../src/lib/manage/version-plans.ts';
import { runManageCommand } from './product.ts';

export function registerVersionCommand(program: Command): void {
  const version = program
    .command('version')
    .description("manage a product's versions (edits versions/<version>/version.yaml in place, keeping comments)");

  version
    .command('new <product> <version>')
    .description('create products/<product>/versions/<version>/version.yaml, unpublished')
    .option('--from <version>', 'copy the spec and docs of this version (its whole folder except version.yaml)')
    .option('--content <dir>', 'content folder', 'content')
    .action(async (product: string, name: string, opts: { from?: string; content: string }) => {
      await runManageCommand(opts.content, 'atrium version new', (ctx) =>
        planVersionNew(ctx, { product, version: name, ...(opts.from === undefined ? {} : { from: opts.from }) }),
      );
    });

  for (const [name, status] of [['publish', 'published'], ['unpublish', 'unpublished']] as const) {
    version
      .command(`${name} <product> <version>`)
      .description(`set publish_status: ${status}`)
      .option('--content <dir>', 'content folder', 'content')
      .action(async (product: string, ref: string, opts: { content: string }) => {
        await runManageCommand(opts.content, `atrium version ${name}`, (ctx) => planVersionPublish(ctx, { product, version: ref, status }));
      });
  }

  version
    .command('deprecate <product> <version>')
    .description('mark a version deprecated, with an optional sunset date, replacement and banner message')
    .option('--sunset <date>', 'day the version stops working, YYYY-MM-DD')
    .option('--replacement <version>', 'the version its users should move to')
    .option('--message <text>', 'text of the deprecation banner')
    .option('--content <dir>', 'content folder', 'content')
    .action(async (product: string, ref: string, opts: { sunset?: string; replacement?: string; message?: string; content: string }) => {
      await runManageCommand(opts.content, 'atrium version deprecate', (ctx) =>
        planVersionDeprecate(ctx, {
          product,
          version: ref,
          ...(opts.sunset === undefined ? {} : { sunset: opts.sunset }),
          ...(opts.replacement === undefined ? {} : { replacement: opts.replacement }),
          ...(opts.message === undefined ? {} : { message: opts.message }),
        }),
      );
    });

  version
    .command('promote <product> <version>')
    .description("run a version in another environment: adds (or updates) its gateway_services entry for that environment's control plane")
    .requiredOption('--to <environment>', 'an environment of portal.yaml, or a control plane (a file in control-planes/)')
    .option('--service <name>', 'service name or id in that control plane (default: the service the version runs as elsewhere)')
    .option('--content <dir>', 'content folder', 'content')
    .action(async (product: string, ref: string, opts: { to: string; service?: string; content: string }) => {
      await runManageCommand(opts.content, 'atrium version promote', (ctx) =>
        planVersionPromote(ctx, { product, version: ref, to: opts.to, ...(opts.service === undefined ? {} : { service: opts.service }) }),
      );
    });

  version
    .command('delete <product> <version>')
    .description('delete a version folder (refused while another version names it as its replacement)')
    .option('--yes', 'really delete; without it, only shows what would be deleted')
    .option('--content <dir>', 'content folder', 'content')
    .action(async (product: string, ref: string, opts: { yes?: boolean; content: string }) => {
      await runManageCommand(opts.content, 'atrium version delete', (ctx) => planVersionDelete(ctx, { product, version: ref, yes: opts.yes === true }));
    });
}
