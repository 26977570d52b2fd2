import { createDocumentClient } from '../../functions/kernel/dynamo/client.js';
import { createService } from '../../functions/kernel/dynamo/service.js';

/**
 * The API takes hold durations in whole minutes; load tests that want holds to expire while they
 * run set the stored event's `settings.holdMinutes` to seconds' worth directly in the table, before
 * booking. Everything after that (deadline, schedule, firer, queue, consumer, sweep) is unchanged.
 */
export const setHoldSeconds = async (
  table: { endpoint: string; tableName: string },
  orgId: string,
  eventId: string,
  seconds: number,
): Promise<void> => {
  const client = createDocumentClient({ region: 'us-east-1', endpoint: table.endpoint });
  try {
    await createService(client, table.tableName)
      .entities.event.patch({ orgId, eventId })
      .data(({ settings }, { set }) => set(settings.holdMinutes, seconds / 60))
      .go();
  } finally {
    client.destroy();
  }
};
