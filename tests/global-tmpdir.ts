/**
 * Vitest global setup: every run gets a temporary folder of its own as TMPDIR, removed when the
 * run ends, so the scratch folders tests make with os.tmpdir() (portals, caches, Chromium
 * profiles) never pile up in /tmp across runs, a killed run's included: the next run starts
 * from a new folder, and the sweep below removes folders of runs whose process is gone.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { isRunning } from '../src/lib/process-running.ts';

const PREFIX = 'atrium-test-run-';

export default function setup(): () => void {
  const parent = os.tmpdir();
  for (const name of fs.readdirSync(parent)) {
    const pid = Number(name.slice(PREFIX.length).split('-')[0]);
    if (name.startsWith(PREFIX) && Number.isInteger(pid) && !isRunning(pid)) fs.rmSync(path.join(parent, name), { recursive: true, force: true });
  }
  const dir = fs.mkdtempSync(path.join(parent, `${PREFIX}${process.pid}-`));
  // Open like /tmp itself (sticky, everyone may make folders in it): some tests build as another
  // user (`nobody`), who must reach their scratch folders through this one.
  fs.chmodSync(dir, 0o1777);
  const previous = process.env.TMPDIR;
  // Test workers are forked after global setup and inherit this environment.
  process.env.TMPDIR = dir;
  return () => {
    if (previous === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = previous;
    fs.rmSync(dir, { recursive: true, force: true });
  };
}
