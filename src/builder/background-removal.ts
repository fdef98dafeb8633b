/**
 * A published build's run folder holds the output it replaced: on a 15k-page portal, 60k
 * files and folders whose removal took 5–7 s of the build's wall time on the 2-core machine,
 * after the new output was already in place. It is moved into the build cache's `trash/`
 * folder (one rename, so nothing of it is left beside the output) and removed there by a
 * detached process, so the command ends when the output is published.
 *
 * Each removal process sweeps the whole trash folder, so what one that was killed left is
 * removed by the next build's. Where the trash folder is on another file system than the
 * output (no rename), the run folder is removed before the command ends, as before.
 */
import { spawn } from 'node:child_process';
import fsp from 'node:fs/promises';
import path from 'node:path';

/** Removes every entry of the folder given as its argument; an entry another sweep removes first is no error. */
const SWEEP = `const fs = require('node:fs'), path = require('node:path'); const dir = process.argv[1];
let names = []; try { names = fs.readdirSync(dir); } catch {}
for (const name of names) { try { fs.rmSync(path.join(dir, name), { recursive: true, force: true, maxRetries: 3 }); } catch {} }`;

/**
 * Moves `dir` into `trashDir` and starts its removal there in a detached process; answers false
 * (and leaves `dir` where it was) when it cannot be moved.
 */
export async function removeInBackground(dir: string, trashDir: string): Promise<boolean> {
  try {
    await fsp.mkdir(trashDir, { recursive: true });
    await fsp.rename(dir, path.join(trashDir, path.basename(dir)));
  } catch {
    return false;
  }
  const sweep = spawn(process.execPath, ['-e', SWEEP, trashDir], { detached: true, stdio: 'ignore' });
  sweep.on('error', () => {}); // left for the next build's sweep
  sweep.unref();
  return true;
}
