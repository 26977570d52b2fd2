import { Session } from 'node:inspector/promises';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * A V8 CPU profile (`.cpuprofile`, as `node --cpu-prof` writes it or the inspector's
 * `Profiler.stop` returns it) summarized for a reader: where the sampled time went, by module
 * (npm package, Node built-in, project folder) and by function, per unit of work (e.g. per
 * booking). "Self" time is the time a function was on top of the stack; a module's "inclusive"
 * time is the time any of its functions was anywhere on the stack (so ElectroDB's includes the SDK
 * calls it makes).
 */

export interface CpuProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

export interface CpuProfile {
  nodes: CpuProfileNode[];
  startTime: number;
  endTime: number;
  samples?: number[];
  /** Microseconds from the previous sample (the first from `startTime`). */
  timeDeltas?: number[];
}

export interface ProfileEntry {
  name: string;
  /** Milliseconds per unit of work. */
  ms: number;
  /** Share of the busy (non-idle) time, 0..1. */
  share: number;
}

export interface ProfileSummary {
  /** Busy (non-idle) sampled milliseconds per unit of work. */
  busyMs: number;
  samples: number;
  selfByModule: ProfileEntry[];
  inclusiveByModule: ProfileEntry[];
  topFunctions: ProfileEntry[];
}

const projectRoot = fileURLToPath(new URL('../..', import.meta.url));

/** V8's pseudo-frames: what ran that was not JavaScript of a script. */
const pseudoFrames = new Set(['(program)', '(garbage collector)', '(idle)', '(root)']);

/** The module a frame belongs to: an npm package, a Node built-in, a project folder, or native. */
export const moduleOf = (url: string, functionName: string): string => {
  if (!url) return pseudoFrames.has(functionName) ? functionName : '(native)';
  const path = url.startsWith('file://') ? fileURLToPath(url) : url;
  const inPackages = path.lastIndexOf('node_modules/');
  if (inPackages >= 0) {
    const [scope = '', name = ''] = path.slice(inPackages + 'node_modules/'.length).split('/');
    return scope.startsWith('@') ? `${scope}/${name}` : scope;
  }
  if (path.startsWith('node:')) return `node:${path.slice(5).split('/').slice(0, 2).join('/')}`;
  const parts = relative(projectRoot, path).split('/');
  // functions/kernel/<area>, functions/modules/<module>, functions/app; scripts/... as one.
  if (parts[0] === 'functions') return parts.slice(0, parts[1] === 'app' ? 2 : 3).join('/');
  return parts[0] ?? path;
};

const where = (frame: CpuProfileNode['callFrame']): string => {
  const module = moduleOf(frame.url, frame.functionName);
  if (!frame.url) return module;
  const file = frame.url.split('/').at(-1) ?? '';
  return `${module} ${file}:${frame.lineNumber + 1}`;
};

const ranked = (totals: Map<string, number>, busyUs: number, per: number, top: number): ProfileEntry[] =>
  [...totals.entries()]
    .sort(([, a], [, b]) => b - a)
    .slice(0, top)
    .map(([name, us]) => ({
      name,
      ms: Math.round((us / 1000 / per) * 1000) / 1000,
      share: Math.round((us / busyUs) * 1000) / 1000,
    }));

const add = (totals: Map<string, number>, key: string, us: number): void => {
  totals.set(key, (totals.get(key) ?? 0) + us);
};

/**
 * `per`: units of work the profile covers (its figures are divided by it); `top`: entries kept in
 * the self-time lists. Each sample stands for the time until the next one (the last for none).
 */
export const summarizeProfile = (profile: CpuProfile, per: number, top = 15): ProfileSummary => {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  const self = new Map<string, number>();
  const inclusive = new Map<string, number>();
  const functions = new Map<string, number>();
  let busyUs = 0;
  for (const [i, id] of samples.entries()) {
    const node = byId.get(id);
    const us = deltas[i + 1] ?? 0;
    if (!node || node.callFrame.functionName === '(idle)' || us <= 0) continue;
    busyUs += us;
    add(self, moduleOf(node.callFrame.url, node.callFrame.functionName), us);
    add(functions, `${node.callFrame.functionName || '(anonymous)'} (${where(node.callFrame)})`, us);
    const onStack = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const frame = byId.get(at)?.callFrame;
      if (frame && frame.functionName !== '(root)') onStack.add(moduleOf(frame.url, frame.functionName));
    }
    for (const module of onStack) add(inclusive, module, us);
  }
  const busy = Math.max(busyUs, 1);
  return {
    busyMs: Math.round((busyUs / 1000 / per) * 1000) / 1000,
    samples: samples.length,
    selfByModule: ranked(self, busy, per, top),
    // Every module: a reader looks up the inclusive time of any module the other lists name.
    inclusiveByModule: ranked(inclusive, busy, per, inclusive.size),
    topFunctions: ranked(functions, busy, per, top),
  };
};

/**
 * Runs `run` under V8's sampling profiler in this process (what `node --cpu-prof` records for a
 * whole run, here for one stretch of it). Samples every `intervalUs` microseconds.
 */
export const profileWhile = async <T>(
  run: () => Promise<T>,
  intervalUs = 200,
): Promise<{ result: T; profile: CpuProfile }> => {
  const session = new Session();
  session.connect();
  try {
    await session.post('Profiler.enable');
    await session.post('Profiler.setSamplingInterval', { interval: intervalUs });
    await session.post('Profiler.start');
    const result = await run();
    const { profile } = await session.post('Profiler.stop');
    return { result, profile };
  } finally {
    session.disconnect();
  }
};
