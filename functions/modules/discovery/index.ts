/** The discovery module's public entry (docs/discovery.md). */
export { toDiscoveryItem } from './adapters/discovery-items.js';
export { interestIdSchema } from './contracts/interests.js';
export { discoveryEntryOf, type IndexedEvent } from './domain/entries.js';
export { assertKnownInterests } from './domain/interests.js';
export { maxEventInterests } from './domain/model.js';
