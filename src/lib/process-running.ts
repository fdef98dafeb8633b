/**
 * Whether a process of this machine still runs, for lock and temp files that name their
 * writer's pid: a file whose writer is gone may be cleaned up.
 */
export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
