/** The materials module's entry: an event's files and links (docs/materials.md). */
export type { Material } from './domain/model.js';
