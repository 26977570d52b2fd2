import type { EventlyService } from '../../../kernel/dynamo/service.js';
import { indexPrecision } from '../domain/geo-cover.js';
import type { DiscoveryIndex } from '../domain/ports.js';
import { toDiscoveryEntry, toDiscoveryItem } from './discovery-items.js';

/** ElectroDB's batch put sends 25 items a request; this many requests run at once. */
const parallelBatches = 4;

export const dynamoDiscoveryIndex = (service: EventlyService): DiscoveryIndex => {
  const { discoveryItem } = service.entities;
  return {
    async inCell(cell) {
      const q = discoveryItem.query.byCell({ cell: cell.slice(0, indexPrecision) });
      const { data } = await (cell.length > indexPrecision ? q.begins({ geohash: cell }) : q).go({
        pages: 'all',
      });
      return data.map(toDiscoveryEntry);
    },

    async putMany(entries) {
      const items = entries.map(toDiscoveryItem);
      const chunk = 25 * parallelBatches;
      for (let i = 0; i < items.length; i += chunk) {
        const { unprocessed } = await discoveryItem
          .put(items.slice(i, i + chunk))
          .go({ concurrency: parallelBatches });
        if (unprocessed.length > 0)
          throw new Error(`discovery index: ${unprocessed.length} items not written`);
      }
    },
  };
};
