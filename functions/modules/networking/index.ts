/**
 * The networking module's public entry: what other modules may use. Everything else in the
 * folder is the module's own (its cascade is reached through the `connections` port).
 */
export type { Connection, ConnectionStatus, ConnectionType } from './domain/model.js';
