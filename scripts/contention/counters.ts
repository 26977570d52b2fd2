/** What the model did, for tests and benchmarks. */

export interface ItemCounters {
  /** `table pk sk` */
  label: string;
  /** Write units admitted on the item (throttled and conflicting requests consume none). */
  writeUnits: number;
  /** The most units its window (the item's, or its partition's with scope `partition`) held at once. */
  peakUnitsPerSecond: number;
  /** Admitted transactions that wrote or checked the item (each holds it while it runs). */
  transactionalWrites: number;
  /** Admitted single writes (and batch writes) of the item. */
  singleWrites: number;
  /** Requests refused because another transaction held the item. */
  conflicts: number;
  /** Requests refused because the item's window was full. */
  throttles: number;
}

export interface ContentionCounters {
  /** Modelled requests received, by operation (refused ones included). */
  requests: Record<string, number>;
  /** TransactWriteItems cancelled with TransactionConflict. */
  transactionConflicts: number;
  /** TransactGetItems cancelled with TransactionConflict. */
  transactGetConflicts: number;
  /** PutItem, UpdateItem, DeleteItem answered TransactionConflictException. */
  writeConflicts: number;
  /** TransactWriteItems cancelled with ThrottlingError (or ProvisionedThroughputExceeded). */
  transactionThrottles: number;
  /** Single writes answered ThrottlingException (or ProvisionedThroughputExceededException). */
  writeThrottles: number;
  /** Write units admitted over all items. */
  writeUnits: number;
  /** Every item the model saw written, checked or refused, most write units first. */
  items: ItemCounters[];
}

export class CounterBook {
  private readonly requests = new Map<string, number>();
  private readonly items = new Map<string, ItemCounters>();
  transactionConflicts = 0;
  transactGetConflicts = 0;
  writeConflicts = 0;
  transactionThrottles = 0;
  writeThrottles = 0;
  writeUnits = 0;

  request(operation: string): void {
    this.requests.set(operation, (this.requests.get(operation) ?? 0) + 1);
  }

  item(key: string, label: string): ItemCounters {
    let c = this.items.get(key);
    if (!c) {
      c = {
        label,
        writeUnits: 0,
        peakUnitsPerSecond: 0,
        transactionalWrites: 0,
        singleWrites: 0,
        conflicts: 0,
        throttles: 0,
      };
      this.items.set(key, c);
    }
    return c;
  }

  consumed(key: string, label: string, units: number, windowTotal: number, transactional: boolean): void {
    const c = this.item(key, label);
    c.writeUnits += units;
    if (transactional) c.transactionalWrites += 1;
    else c.singleWrites += 1;
    c.peakUnitsPerSecond = Math.max(c.peakUnitsPerSecond, windowTotal);
    this.writeUnits += units;
  }

  snapshot(): ContentionCounters {
    return {
      requests: Object.fromEntries(this.requests),
      transactionConflicts: this.transactionConflicts,
      transactGetConflicts: this.transactGetConflicts,
      writeConflicts: this.writeConflicts,
      transactionThrottles: this.transactionThrottles,
      writeThrottles: this.writeThrottles,
      writeUnits: this.writeUnits,
      items: [...this.items.values()].map((c) => ({ ...c })).sort((a, b) => b.writeUnits - a.writeUnits),
    };
  }
}
