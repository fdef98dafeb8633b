#!/usr/bin/env node
// Entry point for `npx atrium`. The CLI is TypeScript run by Node's built-in type
// stripping (Node >= 22.18 / 24), so no compile step stands between a clone and a build.
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 18)) {
  console.error(
    `atrium: Node ${process.versions.node} is too old; Atrium needs Node >= 22.18 (24 recommended).\n` +
      `Run it through npm (npm run build / npx atrium), which uses the Node pinned in devDependencies.`,
  );
  process.exit(2);
}
process.env.ASTRO_TELEMETRY_DISABLED = '1';
process.env.SCARF_ANALYTICS = 'false';
process.env.DO_NOT_TRACK = '1';
const { main } = await import('../scripts/cli.ts');
process.exitCode = await main(process.argv.slice(2));
