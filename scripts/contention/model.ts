import {
  type Answer,
  type CancellationCode,
  throttleCode,
  transactionCanceled,
  transactionConflict,
  writeThrottled,
} from './answers.js';
import { type ContentionCounters, CounterBook } from './counters.js';
import { writeUnits } from './item-size.js';
import { type ContentionOptions, defaultContentionOptions } from './options.js';
import { ThroughputWindows } from './throughput.js';
import type { Touch } from './touches.js';
import type { ModelledOperation } from './wire.js';

/**
 * The decisions of the contention model, apart from HTTP: which requests DynamoDB would refuse
 * for a transaction conflict or a hot item, given what is in flight and what each item wrote in
 * the last second. Sources: "Transaction conflict handling" and "Capacity management for
 * transactions" (developer guide, transaction-apis.html); per-partition limits of 1,000 write
 * units a second (throttling-key-range-limit-exceeded-mitigation.html). docs/performance.md has
 * the whole account.
 */

/** A request in flight: holds its items until its window ends and, for some, until answered. */
interface Holder {
  transactional: boolean;
  until: number;
  untilAnswered: boolean;
  settled: boolean;
}

export interface Admitted {
  kind: 'admitted';
  /** The answer is not sent before this time (the transaction's hold). */
  holdUntil: number;
  /** Called with the upstream answer, just before it is sent: releases the items, learns sizes. */
  settle(succeeded: boolean): void;
}

export interface Refused {
  kind: 'refused';
  answer: Answer;
}

export type Admission = Admitted | Refused;

const passed = (now: number): Admitted => ({ kind: 'admitted', holdUntil: now, settle: () => {} });

export class ContentionModel {
  readonly options: ContentionOptions;
  private readonly holders = new Map<string, Set<Holder>>();
  /** The size each item had when last written through the model (estimates for updates). */
  private readonly sizes = new Map<string, number>();
  private windows: ThroughputWindows;
  private book = new CounterBook();

  constructor(
    options: Partial<ContentionOptions> = {},
    private readonly now: () => number = Date.now,
  ) {
    this.options = { ...defaultContentionOptions, ...options };
    this.windows = new ThroughputWindows(this.options.writeUnitsPerSecond);
  }

  counters(): ContentionCounters {
    return this.book.snapshot();
  }

  /** Forgets counts and throughput windows (not what is in flight, nor learnt sizes). */
  resetCounters(): void {
    this.book = new CounterBook();
    this.windows = new ThroughputWindows(this.options.writeUnitsPerSecond);
  }

  admit(operation: ModelledOperation, touches: readonly Touch[]): Admission {
    this.book.request(operation);
    const now = this.now();
    switch (operation) {
      case 'TransactWriteItems':
        return this.transactWrite(touches, now);
      case 'TransactGetItems':
        return this.transactGet(touches, now);
      case 'BatchWriteItem':
        return this.batchWrite(touches, now);
      default:
        return this.singleWrite(touches[0]!, now);
    }
  }

  private active(h: Holder, now: number): boolean {
    return now < h.until || (h.untilAnswered && !h.settled);
  }

  private held(item: string, now: number, byTransactionOnly: boolean): boolean {
    const set = this.holders.get(item);
    if (!set) return false;
    let found = false;
    for (const h of set) {
      if (!this.active(h, now)) set.delete(h);
      else if (h.transactional || !byTransactionOnly) found = true;
    }
    if (set.size === 0) this.holders.delete(item);
    return found;
  }

  private hold(touches: readonly Touch[], holder: Holder): () => void {
    for (const t of touches) {
      const set = this.holders.get(t.item) ?? new Set<Holder>();
      set.add(holder);
      this.holders.set(t.item, set);
    }
    return () => {
      holder.settled = true;
      for (const t of touches) {
        const set = this.holders.get(t.item);
        set?.delete(holder);
        if (set?.size === 0) this.holders.delete(t.item);
      }
    };
  }

  private scopeKey(t: Touch): string {
    return this.options.scope === 'item' ? t.item : t.partition;
  }

  /** The size DynamoDB bills: the larger of the stored and the new item, or what is stored. */
  private billedSize(t: Touch): number {
    const known = this.sizes.get(t.item);
    if (t.kind === 'put' || t.kind === 'update') return Math.max(known ?? 0, t.size);
    return known ?? t.size;
  }

  private learn(touches: readonly Touch[]): void {
    for (const t of touches) {
      if (t.kind === 'put') this.sizes.set(t.item, t.size);
      else if (t.kind === 'update') this.sizes.set(t.item, this.billedSize(t));
      else if (t.kind === 'delete') this.sizes.delete(t.item);
    }
  }

  /** Per touch: whether its window has room, with every touch of one scope key counted together. */
  private roomFor(touches: readonly Touch[], units: readonly number[], now: number): boolean[] {
    const wanted = new Map<string, number>();
    touches.forEach((t, i) => {
      wanted.set(this.scopeKey(t), (wanted.get(this.scopeKey(t)) ?? 0) + units[i]!);
    });
    return touches.map((t) => this.windows.fits(this.scopeKey(t), wanted.get(this.scopeKey(t))!, now));
  }

  private consume(
    touches: readonly Touch[],
    units: readonly number[],
    now: number,
    transactional: boolean,
  ): void {
    touches.forEach((t, i) => {
      const total = this.windows.consume(this.scopeKey(t), units[i]!, now);
      this.book.consumed(t.item, t.label, units[i]!, total, transactional);
    });
  }

  private refuseTransaction(
    touches: readonly Touch[],
    failing: readonly boolean[],
    code: CancellationCode,
  ): Refused {
    touches.forEach((t, i) => {
      if (!failing[i]) return;
      const c = this.book.item(t.item, t.label);
      if (code === 'TransactionConflict') c.conflicts++;
      else c.throttles++;
    });
    return { kind: 'refused', answer: transactionCanceled(failing.map((f) => (f ? code : 'None'))) };
  }

  private transactWrite(touches: readonly Touch[], now: number): Admission {
    // Two actions on one item are DynamoDB Local's ValidationException to answer, not a conflict.
    if (new Set(touches.map((t) => t.item)).size < touches.length) return passed(now);
    const conflicting = touches.map((t) => this.held(t.item, now, true));
    if (conflicting.some(Boolean)) {
      this.book.transactionConflicts++;
      return this.refuseTransaction(touches, conflicting, 'TransactionConflict');
    }
    const units = touches.map((t) => writeUnits(this.billedSize(t), true));
    const throttled = this.roomFor(touches, units, now).map((room) => !room);
    if (throttled.some(Boolean)) {
      this.book.transactionThrottles++;
      return this.refuseTransaction(touches, throttled, throttleCode(this.options.capacityMode));
    }
    this.consume(touches, units, now, true);
    const holdUntil = now + this.options.holdMs;
    const release = this.hold(touches, {
      transactional: true,
      until: holdUntil,
      untilAnswered: this.options.window === 'answer',
      settled: false,
    });
    return {
      kind: 'admitted',
      holdUntil,
      settle: (succeeded) => {
        release();
        if (succeeded) this.learn(touches);
      },
    };
  }

  /** A transactional read fails on any item a write (transactional or not) has in flight. */
  private transactGet(touches: readonly Touch[], now: number): Admission {
    const conflicting = touches.map((t) => this.held(t.item, now, false));
    if (!conflicting.some(Boolean)) return passed(now);
    this.book.transactGetConflicts++;
    return this.refuseTransaction(touches, conflicting, 'TransactionConflict');
  }

  private singleWrite(t: Touch, now: number): Admission {
    if (this.held(t.item, now, true)) {
      this.book.writeConflicts++;
      this.book.item(t.item, t.label).conflicts++;
      return { kind: 'refused', answer: transactionConflict() };
    }
    const units = [writeUnits(this.billedSize(t), false)];
    if (!this.roomFor([t], units, now)[0]) {
      this.book.writeThrottles++;
      this.book.item(t.item, t.label).throttles++;
      return { kind: 'refused', answer: writeThrottled(t.table, this.options.capacityMode) };
    }
    this.consume([t], units, now, false);
    return this.inFlightUntilAnswered([t], now);
  }

  /** Batch writes consume their items' units but are never refused (docs: not modelled). */
  private batchWrite(touches: readonly Touch[], now: number): Admission {
    this.consume(
      touches,
      touches.map((t) => writeUnits(this.billedSize(t), false)),
      now,
      false,
    );
    return this.inFlightUntilAnswered(touches, now);
  }

  private inFlightUntilAnswered(touches: readonly Touch[], now: number): Admitted {
    const release = this.hold(touches, {
      transactional: false,
      until: now,
      untilAnswered: true,
      settled: false,
    });
    return {
      kind: 'admitted',
      holdUntil: now,
      settle: (succeeded) => {
        release();
        if (succeeded) this.learn(touches);
      },
    };
  }
}
