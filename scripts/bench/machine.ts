/** The machine a benchmark ran on, recorded beside the figures. */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import os from 'node:os';
import { GNU_TIME } from './measure-process.ts';

export interface MachineInfo {
  date: string;
  cpus: number;
  cpuModel: string;
  memoryBytes: number;
  /** 1-minute load average when the benchmark started: the machine may be shared. */
  loadAverage: number;
  node: string;
  platform: string;
  gnuTime: boolean;
  chromium: boolean;
  plantuml: boolean;
  commit?: string;
  /** Uncommitted changes in the working tree when the benchmark ran. */
  dirty?: boolean;
}

export function machineInfo(repoRoot: string): MachineInfo {
  const git = (...args: string[]) => spawnSync('git', args, { cwd: repoRoot, encoding: 'utf8' });
  const head = git('rev-parse', '--short', 'HEAD');
  const status = git('status', '--porcelain');
  return {
    date: new Date().toISOString(),
    cpus: os.availableParallelism(),
    cpuModel: os.cpus()[0]?.model ?? 'unknown',
    memoryBytes: os.totalmem(),
    loadAverage: Math.round(os.loadavg()[0]! * 100) / 100,
    node: process.version,
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
    gnuTime: existsSync(GNU_TIME),
    chromium: ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].some(existsSync) || !!process.env.ATRIUM_CHROMIUM,
    plantuml: existsSync('/usr/bin/plantuml') || existsSync('/usr/local/bin/plantuml'),
    ...(head.status === 0 ? { commit: head.stdout.trim() } : {}),
    ...(status.status === 0 ? { dirty: status.stdout.trim() !== '' } : {}),
  };
}
