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

export interface PresignedUrl {
  url: string;
  expiresAt: string;
  /** Headers the client must send with the request (they are part of the signature). */
  headers: Record<string, string>;
}

/** What the bucket holds of an object. */
export interface StoredFile {
  sizeBytes: number;
  contentType: string | null;
}

/** The tenant's bucket of material files, reached by the client through presigned URLs only. */
export interface MaterialFiles {
  uploadUrl(
    key: string,
    contentType: string,
    sizeBytes: number,
    expiresInSeconds: number,
  ): Promise<PresignedUrl>;
  downloadUrl(key: string, fileName: string, expiresInSeconds: number): Promise<PresignedUrl>;
  head(key: string): Promise<StoredFile | undefined>;
  remove(key: string): Promise<void>;
  /** Deletes every object under `prefix` (an event's files); answers how many. */
  removeAll(prefix: string): Promise<number>;
}
