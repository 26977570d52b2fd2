import type { Page, PageRequest } from '../../../kernel/domain/types.js';
import type { Material } from './model.js';

/** An event's materials (one partition per event). */
export interface MaterialStore {
  create(material: Material): Promise<void>;
  get(orgId: string, eventId: string, materialId: string): Promise<Material | undefined>;
  list(orgId: string, eventId: string, page: PageRequest): Promise<Page<Material>>;
  /** Every material of the event (the public list filters them). */
  listAll(orgId: string, eventId: string): Promise<Material[]>;
  /** Marks a pending material available; false when it is not pending (or gone). */
  markAvailable(orgId: string, eventId: string, materialId: string, at: string): Promise<boolean>;
  /** Adds one to the download count (an atomic ADD on the item). */
  countDownload(orgId: string, eventId: string, materialId: string): Promise<void>;
  remove(orgId: string, eventId: string, materialId: string): Promise<void>;
  /** Deletes up to `limit` materials of the event; fewer means none is left. */
  purgeEvent(orgId: string, eventId: string, limit: number): Promise<number>;
}

/** The tenant's bucket of material files (keys `${orgId}/${eventId}/${materialId}`, no prefix of their own). */
export type { FileBucket as MaterialFiles, PresignedUrl, StoredFile } from '../../../kernel/domain/files.js';
