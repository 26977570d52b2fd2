import type { NightlyMessage } from '../../functions/modules/nightly/domain/nightly-model.js';
import { callLatencyMs } from './aws-model.js';
import type { CallListener, CallStart } from './call-tap.js';

/**
 * What each message of a night run one at a time (`driveNight` with concurrency 1) cost: this
 * process's CPU, its DynamoDB calls by command, the bytes they brought back, their modelled AWS
 * latency (aws-model.ts) and how many were in flight at once.
 *
 * The driver hands messages to `runNightlyMessage` from its own loop, so where one message ends
 * and the next begins is read from the ports the messages call first, through a copy of the deps
 * with every port method wrapped: a tick starts with `orgs.listIds`, a chunk with
 * `nightlyRuns.chunkDone`, an organization's step with `clock.now` followed at once by
 * `nightlyRuns.get` (a chunk reads its run only after its own write or check). The bench checks
 * that the messages found this way are the driver's, one for one and in order.
 */

export interface MessageRecord {
  type: NightlyMessage['type'];
  orgId: string;
  /** A chunk's name (`<step>.<n>`); empty for other messages. */
  chunk: string;
  cpuMs: number;
  calls: number;
  callsByCommand: Record<string, number>;
  answerBytes: number;
  callLatencyMs: number;
  /** Local time of the calls summed, and local time with at least one in flight. */
  callMs: number;
  busyMs: number;
}

interface Open extends MessageRecord {
  inFlight: number;
  busySince: number;
}

const cpuMsSince = (mark: NodeJS.CpuUsage): number => {
  const used = process.cpuUsage(mark);
  return (used.user + used.system) / 1_000;
};

export const messageRecorder = () => {
  const records: MessageRecord[] = [];
  let current: Open | undefined;
  let previousCall = '';
  let cpuMark = process.cpuUsage();

  const close = (): void => {
    if (!current) return;
    const { inFlight: _i, busySince: _b, ...record } = current;
    records.push({ ...record, cpuMs: cpuMsSince(cpuMark) });
    current = undefined;
  };

  const begin = (type: NightlyMessage['type'], orgId: string, chunk: string): void => {
    close();
    cpuMark = process.cpuUsage();
    current = {
      type,
      orgId,
      chunk,
      cpuMs: 0,
      calls: 0,
      callsByCommand: {},
      answerBytes: 0,
      callLatencyMs: 0,
      callMs: 0,
      busyMs: 0,
      inFlight: 0,
      busySince: 0,
    };
  };

  /** Notes a port call about to run; starts a new message where one starts. */
  const portCall = (name: string, args: readonly unknown[]): void => {
    if (name === 'orgs.listIds') begin('nightly.tick', '', '');
    else if (name === 'nightlyRuns.chunkDone') begin('nightly.sessions', String(args[0]), String(args[2]));
    else if (name === 'nightlyRuns.get' && previousCall === 'clock.now')
      begin('nightly.org', String(args[0]), '');
    previousCall = name;
  };

  const open = new Map<CallStart, Open>();
  const listener: CallListener = {
    started(call) {
      if (!current) return;
      open.set(call, current);
      if (current.inFlight === 0) current.busySince = call.at;
      current.inFlight += 1;
    },
    ended(call, bytes) {
      const m = open.get(call);
      if (!m) return;
      open.delete(call);
      const now = performance.now();
      m.calls += 1;
      m.callsByCommand[call.command] = (m.callsByCommand[call.command] ?? 0) + 1;
      m.answerBytes += bytes;
      m.callLatencyMs += callLatencyMs(call.command, bytes);
      m.callMs += now - call.at;
      m.inFlight -= 1;
      if (m.inFlight === 0) m.busyMs += now - m.busySince;
    },
  };

  /** A copy of `deps` whose port methods report their calls here before they run. */
  const wrap = <D extends object>(deps: D): D => {
    const copy: Record<string, unknown> = { ...(deps as unknown as Record<string, unknown>) };
    for (const [portName, port] of Object.entries(copy)) {
      if (typeof port !== 'object' || port === null) continue;
      const methods = Object.entries(port).filter(([, v]) => typeof v === 'function');
      if (methods.length === 0) continue;
      const wrapped: Record<string, unknown> = { ...port };
      for (const [key, fn] of methods) {
        const name = `${portName}.${key}`;
        const method = fn as (...args: unknown[]) => unknown;
        wrapped[key] = (...args: unknown[]) => {
          portCall(name, args);
          return method.apply(port, args);
        };
      }
      copy[portName] = wrapped;
    }
    return copy as unknown as D;
  };

  return {
    listener,
    wrap,
    /** Starts afresh (before a night). */
    reset(): void {
      records.length = 0;
      current = undefined;
      previousCall = '';
      open.clear();
    },
    /** Ends the last message and answers every message's record, in the order they ran. */
    finish(): MessageRecord[] {
      close();
      return [...records];
    },
  };
};

export type MessageRecorder = ReturnType<typeof messageRecorder>;
