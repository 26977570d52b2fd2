import type { Deps } from '../../functions/kernel/domain/deps.js';
import { round } from './series.js';

/**
 * Where a handler's CPU goes, port by port: every method of every port in the container is
 * wrapped, and the CPU this process spends is charged, between any two calls starting or ending,
 * to the port methods running then (`orgs.get+members.get` while both are in flight), or to the
 * handler itself when none is. With one request at a time, a port's share is its adapter's work
 * (ElectroDB, the SDK, the HTTP round trip to DynamoDB Local); the handler's is middy, parsing,
 * the principal, the use case's own logic and the answer.
 */

export interface PortProfile {
  /** CPU ms per request, by port method (or set of overlapping ones); `handler` is the rest. */
  cpuMsPerRequest: Record<string, number>;
  /** Calls per request, by port method. */
  callsPerRequest: Record<string, number>;
}

export const outsidePorts = 'handler';

export const profilePorts = (deps: Deps) => {
  const cpu = new Map<string, number>();
  const calls = new Map<string, number>();
  const active: string[] = [];
  let mark = process.cpuUsage();

  /** Charges the CPU since the last transition to whatever ran, then notes the transition. */
  const transition = (change: () => void): void => {
    const used = process.cpuUsage(mark);
    const label = active.length > 0 ? [...new Set(active)].sort().join('+') : outsidePorts;
    cpu.set(label, (cpu.get(label) ?? 0) + (used.user + used.system) / 1000);
    change();
    mark = process.cpuUsage();
  };

  const wrap = (label: string, method: (...args: unknown[]) => unknown, self: object) =>
    function (this: unknown, ...args: unknown[]) {
      transition(() => {
        active.push(label);
        calls.set(label, (calls.get(label) ?? 0) + 1);
      });
      const end = () => transition(() => active.splice(active.indexOf(label), 1));
      let result: unknown;
      try {
        result = method.apply(self, args);
      } catch (error) {
        end();
        throw error;
      }
      if (result instanceof Promise) return result.finally(end);
      end();
      return result;
    };

  const originals = new Map<keyof Deps, Deps[keyof Deps]>();
  for (const name of Object.keys(deps) as (keyof Deps)[]) {
    const port = deps[name] as unknown as Record<string, unknown>;
    if (typeof port !== 'object' || port === null) continue;
    const methods = Object.entries(port).filter(([, v]) => typeof v === 'function');
    if (methods.length === 0) continue;
    originals.set(name, deps[name]);
    const wrapped = { ...port };
    for (const [key, fn] of methods) {
      wrapped[key] = wrap(`${String(name)}.${key}`, fn as (...args: unknown[]) => unknown, port);
    }
    (deps as unknown as Record<string, unknown>)[name] = wrapped;
  }

  return {
    /** Starts a request: CPU before it is not charged. */
    begin(): void {
      mark = process.cpuUsage();
    },
    /** Ends a request: the CPU since the last transition is the handler's. */
    end(): void {
      transition(() => undefined);
    },
    result(requests: number): PortProfile {
      const per = (m: Map<string, number>, digits: number) =>
        Object.fromEntries(
          [...m.entries()].sort(([, a], [, b]) => b - a).map(([k, v]) => [k, round(v / requests, digits)]),
        );
      return { cpuMsPerRequest: per(cpu, 3), callsPerRequest: per(calls, 2) };
    },
    /** Puts the original ports back. */
    restore(): void {
      for (const [name, port] of originals) (deps as unknown as Record<string, unknown>)[name] = port;
    },
  };
};
