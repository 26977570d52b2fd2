import type { CreateEntityItem, EntityItem } from 'electrodb';
import { fromStored, toStored } from '../../../kernel/dynamo/stored.js';
import { indexPrecision, itemPrecision } from '../domain/geo-cover.js';
import { encodeGeohash } from '../domain/geohash.js';
import type { DiscoveryEntry } from '../domain/model.js';
import type { discoveryItemEntity } from './entities/discovery-item.js';

type DiscoveryItem = EntityItem<typeof discoveryItemEntity>;

/** The item of an entry: its geohash and the index cell that prefixes it. */
export const toDiscoveryItem = (e: DiscoveryEntry): CreateEntityItem<typeof discoveryItemEntity> => {
  const geohash = encodeGeohash(e.lat, e.lng, itemPrecision);
  return { ...toStored(e), geohash, cell: geohash.slice(0, indexPrecision) };
};

export const toDiscoveryEntry = fromStored<DiscoveryEntry, DiscoveryItem>({
  nullable: { startsAt: true, endsAt: true, currency: true, categoryCount: true },
  itemOnly: { cell: true, geohash: true },
});
