import { type ChildProcess, spawn } from 'node:child_process';

/**
 * Makes sure a child process (the DynamoDB Local JVM) never outlives this Node process: it is
 * killed on normal exit and on SIGINT/SIGTERM, and a tiny detached watchdog kills it even when
 * this process dies by SIGKILL (where no handler runs).
 */
export interface ChildGuard {
  release(): void;
}

const SIGNALS = ['SIGINT', 'SIGTERM'] as const;

const killQuietly = (pid: number, signal: NodeJS.Signals = 'SIGKILL'): void => {
  try {
    process.kill(pid, signal);
  } catch {
    // Already gone.
  }
};

// Polls the parent; when it is gone, kills the guarded child and exits.
const WATCHDOG = `
const [parent, child] = process.argv.slice(1).map(Number);
const alive = (pid) => { try { process.kill(pid, 0); return true; } catch { return false; } };
setInterval(() => {
  if (!alive(child)) process.exit(0);
  if (!alive(parent)) { try { process.kill(child, 'SIGKILL'); } catch {} process.exit(0); }
}, 500);
`;

const startWatchdog = (childPid: number): ChildProcess => {
  const watchdog = spawn(process.execPath, ['-e', WATCHDOG, String(process.pid), String(childPid)], {
    detached: true,
    stdio: 'ignore',
  });
  watchdog.unref();
  return watchdog;
};

export const guardChild = (childPid: number): ChildGuard => {
  const watchdog = startWatchdog(childPid);
  const onExit = (): void => killQuietly(childPid);
  const onSignal = (signal: NodeJS.Signals): void => {
    killQuietly(childPid);
    // We were the only listener: keep Node's default behaviour (terminate) for this signal.
    if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
  };
  process.once('exit', onExit);
  for (const signal of SIGNALS) process.once(signal, onSignal);
  return {
    release: () => {
      process.off('exit', onExit);
      for (const signal of SIGNALS) process.off(signal, onSignal);
      if (watchdog.pid) killQuietly(watchdog.pid, 'SIGTERM');
    },
  };
};
