import type { Deps } from '../../../kernel/domain/deps.js';

/**
 * The inbox queue retries a receipt a few times, then dead-letters it; a message can also be lost
 * between a store and a send that died. Either way the receipt stays `received` in the table. The
 * sweep hands such receipts to the inbox again, and gives up on one after `maxHandoffs` hand-offs
 * (e.g. a refund whose payment never comes): it becomes `failed`, listed for staff to retry.
 */
export interface ReceiptSweepOptions {
  /** A receipt unchanged this long is handed again: longer than the queue's own retries take. */
  afterMs: number;
  maxHandoffs: number;
  limit: number;
  hasTime: () => boolean;
}

export const defaultReceiptSweepOptions = { afterMs: 15 * 60_000, maxHandoffs: 5, limit: 100 };

export interface ReceiptSweepResult {
  handedAgain: number;
  /** Given up on: now `failed`, for staff. */
  failed: number;
}

export const sweepReceipts = async (
  deps: Pick<Deps, 'paymentInbox' | 'receipts'>,
  now: Date,
  options: ReceiptSweepOptions,
): Promise<ReceiptSweepResult> => {
  const before = new Date(now.getTime() - options.afterMs).toISOString();
  const at = now.toISOString();
  const result: ReceiptSweepResult = { handedAgain: 0, failed: 0 };
  for (const key of await deps.receipts.listUnsettled(before, options.limit)) {
    if (!options.hasTime()) break;
    const receipt = await deps.receipts.get(key.provider, key.eventId);
    // Applied (or handed by another run) since the index was read.
    if (receipt?.status !== 'received' || receipt.updatedAt > before) continue;
    if (receipt.handoffs >= options.maxHandoffs) {
      const why = `not applied after ${receipt.handoffs + 1} deliveries to the inbox; retry once the cause is fixed`;
      await deps.receipts.settle(receipt, 'failed', why, at);
      result.failed += 1;
    } else if (await deps.receipts.markHandedAgain(receipt, at)) {
      await deps.paymentInbox.send(receipt);
      result.handedAgain += 1;
    }
  }
  return result;
};
