import os from 'node:os';

/** What the figures were measured on: they mean little without it. */
export interface Machine {
  cpuModel: string;
  cpus: number;
  memoryGiB: number;
  node: string;
  platform: string;
  date: string;
  /** 1-minute load average when the run ended: other work on the machine depresses the figures. */
  loadAverage1m: number;
}

/** The 1-minute load average, to two places. */
export const loadAverage1m = (): number => Math.round((os.loadavg()[0] ?? 0) * 100) / 100;

export const describeMachine = (): Machine => {
  const cpus = os.cpus();
  return {
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    cpus: cpus.length,
    memoryGiB: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
    node: process.version,
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    date: new Date().toISOString(),
    loadAverage1m: loadAverage1m(),
  };
};
