import { serveConsumerThread } from './consumer-worker.js';
import { loadConsumerHandlers } from './handlers.js';

/** The consumer thread from the TypeScript sources (what `npm start` runs): the consumers' modules only. */
await serveConsumerThread(await loadConsumerHandlers());
