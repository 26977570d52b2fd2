import { setTimeout as sleep } from 'node:timers/promises';
import { signedHeaders, type WebhookSecrets, webhookUrl } from './signing.js';
import type { Mode, OutgoingEvent, Provider, RetryPolicy } from './types.js';

/**
 * Webhook delivery with the providers' habits: retries with backoff after a non-2xx answer or a
 * connection error, and the test modes (delay, duplicates with the same event id, holding events
 * to release them later, in reverse for out-of-order tests). The events one payment causes are
 * sent one after the other, in order; different payments' events are sent independently.
 */

export interface DeliveryRecord {
  provider: Provider;
  eventId: string;
  type: string;
  url: string;
  /** 0 for the event's first delivery, 1.. for its duplicates. */
  copy: number;
  attempt: number;
  /** The receiver's status, or null when the request failed (see `error`). */
  status: number | null;
  error: string | null;
  at: string;
  body: string;
}

export interface HeldEvent {
  provider: Provider;
  eventId: string;
  type: string;
  heldAt: string;
  duplicates: number;
  body: string;
}

export interface Dispatcher {
  dispatch(events: OutgoingEvent[], mode: Mode): void;
  held(): HeldEvent[];
  /** Sends held events (all, or the named ones) in the order they were held, or reversed. */
  release(eventIds?: string[], options?: { reverse?: boolean }): Promise<void>;
  deliveries(): DeliveryRecord[];
  /** Resolves once every delivery under way (held events aside) has finished, retries included. */
  idle(): Promise<void>;
  close(): Promise<void>;
}

export interface DispatcherOptions {
  target: () => string;
  secrets: WebhookSecrets;
  retry: RetryPolicy;
  log?: (line: string) => void;
}

interface Queued {
  event: OutgoingEvent;
  duplicates: number;
  heldAt: string;
}

export const createDispatcher = (options: DispatcherOptions): Dispatcher => {
  const records: DeliveryRecord[] = [];
  let held: Queued[] = [];
  const inflight = new Set<Promise<void>>();
  const closing = new AbortController();
  const timeoutMs = options.retry.timeoutMs ?? 10_000;

  const attemptOnce = async (event: OutgoingEvent, copy: number, attempt: number): Promise<boolean> => {
    const url = webhookUrl(options.target(), event);
    let status: number | null = null;
    let error: string | null = null;
    try {
      const res = await fetch(url, {
        method: 'POST',
        headers: signedHeaders(event, options.secrets),
        body: event.body,
        signal: AbortSignal.any([AbortSignal.timeout(timeoutMs), closing.signal]),
      });
      status = res.status;
      await res.arrayBuffer();
    } catch (cause) {
      error = cause instanceof Error ? cause.message : String(cause);
    }
    if (closing.signal.aborted) return true;
    const at = new Date().toISOString();
    const { provider, type, body } = event;
    records.push({ provider, eventId: event.id, type, url, copy, attempt, status, error, at, body });
    options.log?.(`${event.provider} ${event.type} ${event.id} -> ${status ?? error} (attempt ${attempt})`);
    return status !== null && status >= 200 && status < 300;
  };

  const deliver = async (event: OutgoingEvent, copy: number): Promise<void> => {
    const { attempts, baseDelayMs } = options.retry;
    for (let attempt = 1; attempt <= attempts; attempt++) {
      if (await attemptOnce(event, copy, attempt)) return;
      if (attempt < attempts)
        await sleep(baseDelayMs * 2 ** (attempt - 1), undefined, { signal: closing.signal });
    }
  };

  const sendAll = async (queue: Queued[]): Promise<void> => {
    for (const { event, duplicates } of queue) {
      for (let copy = 0; copy <= duplicates; copy++) await deliver(event, copy);
    }
  };

  /** Runs a delivery job; close() stops it through the abort signal, which is not an error. */
  const track = (job: () => Promise<void>): Promise<void> => {
    const running = job().catch((error: unknown) => {
      if (!closing.signal.aborted) throw error;
    });
    inflight.add(running);
    void running.finally(() => inflight.delete(running)).catch(() => undefined);
    return running;
  };

  return {
    dispatch: (events, mode) => {
      const heldAt = new Date().toISOString();
      const queue = events.map((event) => ({ event, duplicates: mode.duplicates, heldAt }));
      if (mode.hold) {
        held.push(...queue);
        return;
      }
      void track(async () => {
        if (mode.delayMs > 0) await sleep(mode.delayMs, undefined, { signal: closing.signal });
        await sendAll(queue);
      }).catch((error: unknown) => options.log?.(`webhook delivery failed: ${String(error)}`));
    },
    held: () =>
      held.map(({ event, duplicates, heldAt }) => ({
        provider: event.provider,
        eventId: event.id,
        type: event.type,
        heldAt,
        duplicates,
        body: event.body,
      })),
    release: (eventIds, releaseOptions = {}) => {
      const chosen = eventIds ? held.filter((q) => eventIds.includes(q.event.id)) : held;
      const missing = (eventIds ?? []).filter((id) => !chosen.some((q) => q.event.id === id));
      if (missing.length > 0)
        return Promise.reject(new Error(`no held events with ids ${missing.join(', ')}`));
      held = held.filter((q) => !chosen.includes(q));
      const queue = releaseOptions.reverse ? [...chosen].reverse() : chosen;
      return track(() => sendAll(queue));
    },
    deliveries: () => records.map((r) => ({ ...r })),
    idle: async () => {
      while (inflight.size > 0) await Promise.allSettled([...inflight]);
    },
    close: async () => {
      closing.abort();
      await Promise.allSettled([...inflight]);
    },
  };
};
