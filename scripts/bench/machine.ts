/** The machine a benchmark ran on, recorded beside the figures. */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import os from 'node:os';
import { GNU_TIME } from './measure-process.ts';
import { findChromium } from '../../src/lib/markdown/diagrams/chromium.ts';
import { findPlantuml } from '../../src/lib/markdown/diagrams/plantuml-process.ts';
import { chooseDiagramPrograms } from '../../src/lib/markdown/diagrams/programs.ts';

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
  /** A Chromium and a PlantUML can run (the build's own lookup: system, else the packaged ones). */
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
    chromium: findChromium(chooseDiagramPrograms().chromium).found,
    plantuml: findPlantuml(chooseDiagramPrograms().plantumlJar).found,
    ...(head.status === 0 ? { commit: head.stdout.trim() } : {}),
    ...(status.status === 0 ? { dirty: status.stdout.trim() !== '' } : {}),
  };
}
