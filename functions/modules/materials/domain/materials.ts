import type { Deps } from '../../../kernel/domain/deps.js';
import { DomainError, notFound, validationFailed } from '../../../kernel/domain/errors.js';
import { authorizeForEvent, type EventAccessDeps } from '../../../kernel/domain/event-access.js';
import { assertUploaded } from '../../../kernel/domain/files.js';
import { newId } from '../../../kernel/domain/ids.js';
import type { Page, PageRequest, Principal } from '../../../kernel/domain/types.js';
import { type Event, publicEvent } from '../../catalog/index.js';
import { mayDownload } from './access.js';
import {
  type AccessLevel,
  allowedContentTypes,
  downloadUrlSeconds,
  fileKeyOf,
  type Material,
  type MaterialType,
  maxBytes,
  uploadUrlSeconds,
} from './model.js';
import type { PresignedUrl } from './ports.js';

/**
 * An event's materials: organizers (or the event's team with `manage_materials`) add them, each
 * file through a presigned upload it completes; whoever its access level lets in downloads it
 * through a presigned URL, counted. Anyone else is told it does not exist.
 */

export interface MaterialInput {
  title: string;
  description?: string | null | undefined;
  materialType: MaterialType;
  accessLevel: AccessLevel;
  sessionId?: string | null | undefined;
  tags?: string[] | undefined;
  language?: string | null | undefined;
  url?: string | null | undefined;
  contentType?: string | undefined;
  sizeBytes?: number | undefined;
}

type ManageDeps = Pick<Deps, 'materials' | 'materialFiles' | 'events' | 'sessions' | 'clock'> &
  EventAccessDeps;

const eventOf = async (deps: Pick<Deps, 'events'>, orgId: string, eventId: string): Promise<Event> => {
  const event = await deps.events.get(orgId, eventId);
  if (!event) throw notFound('event');
  return event;
};

const existing = async (
  deps: Pick<Deps, 'materials'>,
  orgId: string,
  eventId: string,
  materialId: string,
): Promise<Material> => {
  const material = await deps.materials.get(orgId, eventId, materialId);
  if (!material) throw notFound('material');
  return material;
};

/** The file fields of a new material, checked against its type's allow-list and size limit. */
const fileOf = (input: MaterialInput) => {
  if (input.materialType === 'link') {
    if (!input.url) throw validationFailed([{ field: 'url', message: 'a link needs its url' }]);
    if (input.contentType !== undefined || input.sizeBytes !== undefined)
      throw validationFailed([{ field: 'contentType', message: 'a link has no file' }]);
    return { url: input.url, contentType: null, sizeBytes: null, fileFormat: null };
  }
  const allowed = allowedContentTypes[input.materialType];
  const issues = [];
  if (input.url) issues.push({ field: 'url', message: 'only a link has a url' });
  const format = input.contentType ? allowed[input.contentType] : undefined;
  if (!input.contentType || !format)
    issues.push({
      field: 'contentType',
      message: `must be one of ${Object.keys(allowed).join(', ')} for a ${input.materialType}`,
    });
  const limit = maxBytes[input.materialType];
  if (!input.sizeBytes || input.sizeBytes > limit)
    issues.push({
      field: 'sizeBytes',
      message: `must be from 1 to ${limit} bytes for a ${input.materialType}`,
    });
  if (issues.length > 0) throw validationFailed(issues);
  return {
    url: null,
    contentType: input.contentType ?? null,
    sizeBytes: input.sizeBytes ?? null,
    fileFormat: format ?? null,
  };
};

export const createMaterial = async (
  deps: ManageDeps,
  principal: Principal,
  orgId: string,
  eventId: string,
  input: MaterialInput,
): Promise<{ material: Material; upload: PresignedUrl | null }> => {
  await authorizeForEvent(deps, orgId, eventId, principal, 'material.manage');
  const event = await eventOf(deps, orgId, eventId);
  if (event.deleting) throw new DomainError('EVENT_DELETING', 'the event is being deleted');
  if (input.sessionId) {
    const session = await deps.sessions.get(orgId, input.sessionId);
    if (session?.eventId !== eventId)
      throw validationFailed([{ field: 'sessionId', message: 'is not a session of the event' }]);
  }
  const file = fileOf(input);
  const now = deps.clock.now().toISOString();
  const materialId = newId('mat');
  const material: Material = {
    orgId,
    eventId,
    materialId,
    sessionId: input.sessionId ?? null,
    title: input.title,
    description: input.description ?? null,
    materialType: input.materialType,
    accessLevel: input.accessLevel,
    tags: input.tags ?? [],
    language: input.language ?? null,
    ...file,
    fileKey: file.url ? null : fileKeyOf(orgId, eventId, materialId),
    status: file.url ? 'available' : 'pending_upload',
    downloadCount: 0,
    createdBy: principal.sub,
    createdAt: now,
    updatedAt: now,
  };
  await deps.materials.create(material);
  const upload =
    material.fileKey && material.contentType && material.sizeBytes
      ? await deps.materialFiles.uploadUrl(
          material.fileKey,
          material.contentType,
          material.sizeBytes,
          uploadUrlSeconds,
        )
      : null;
  return { material, upload };
};

/**
 * Marks an uploaded file's material available once the bucket holds an object of the declared
 * size and type; otherwise 422 and the material stays pending (the client may upload again).
 */
export const completeMaterial = async (
  deps: ManageDeps,
  principal: Principal,
  orgId: string,
  eventId: string,
  materialId: string,
): Promise<Material> => {
  await authorizeForEvent(deps, orgId, eventId, principal, 'material.manage');
  const material = await existing(deps, orgId, eventId, materialId);
  if (material.status === 'available') return material;
  if (!material.fileKey) throw notFound('material');
  await assertUploaded(deps.materialFiles, material.fileKey, material);
  const at = deps.clock.now().toISOString();
  if (!(await deps.materials.markAvailable(orgId, eventId, materialId, at))) throw notFound('material');
  return { ...material, status: 'available', updatedAt: at };
};

export const getMaterial = async (
  deps: Pick<Deps, 'materials'> & EventAccessDeps,
  principal: Principal,
  orgId: string,
  eventId: string,
  materialId: string,
): Promise<Material> => {
  await authorizeForEvent(deps, orgId, eventId, principal, 'event.read');
  return existing(deps, orgId, eventId, materialId);
};

export const listMaterials = async (
  deps: Pick<Deps, 'materials' | 'events'> & EventAccessDeps,
  principal: Principal,
  orgId: string,
  eventId: string,
  page: PageRequest,
): Promise<Page<Material>> => {
  await authorizeForEvent(deps, orgId, eventId, principal, 'event.read');
  await eventOf(deps, orgId, eventId);
  return deps.materials.list(orgId, eventId, page);
};

/** The public, available materials of a published public event. */
export const publicMaterials = async (
  deps: Pick<Deps, 'materials' | 'events'>,
  orgId: string,
  eventId: string,
): Promise<Material[]> => {
  await publicEvent(deps, orgId, eventId);
  const all = await deps.materials.listAll(orgId, eventId);
  return all.filter((m) => m.accessLevel === 'public' && m.status === 'available');
};

export type DownloadDeps = Pick<
  Deps,
  'materials' | 'materialFiles' | 'events' | 'attendees' | 'bookings' | 'speakers' | 'sponsors'
> &
  EventAccessDeps;

export interface Download {
  url: string;
  expiresAt: string | null;
  material: Material;
}

/** The download (a presigned GET, or a link's URL), counted. */
const handOut = async (
  deps: Pick<Deps, 'materials' | 'materialFiles'>,
  material: Material,
): Promise<Download> => {
  await deps.materials.countDownload(material.orgId, material.eventId, material.materialId);
  const counted = { ...material, downloadCount: material.downloadCount + 1 };
  if (!material.fileKey) return { url: material.url ?? '', expiresAt: null, material: counted };
  const name = `${material.materialId}.${material.fileFormat ?? 'bin'}`;
  const { url, expiresAt } = await deps.materialFiles.downloadUrl(material.fileKey, name, downloadUrlSeconds);
  return { url, expiresAt, material: counted };
};

/**
 * A signed-in caller's download: allowed by the material's access level (docs/materials.md),
 * else NOT_FOUND, as for a material that does not exist, so materials cannot be probed.
 */
export const downloadMaterial = async (
  deps: DownloadDeps,
  principal: Principal,
  orgId: string,
  eventId: string,
  materialId: string,
): Promise<Download> => {
  const material = await deps.materials.get(orgId, eventId, materialId);
  if (material?.status !== 'available') throw notFound('material');
  if (!(await mayDownload(deps, principal, material))) throw notFound('material');
  return handOut(deps, material);
};

/** Anyone's download of a public material of a published public event. */
export const publicDownload = async (
  deps: Pick<Deps, 'materials' | 'materialFiles' | 'events'>,
  orgId: string,
  eventId: string,
  materialId: string,
): Promise<Download> => {
  await publicEvent(deps, orgId, eventId);
  const material = await deps.materials.get(orgId, eventId, materialId);
  if (material?.status !== 'available' || material.accessLevel !== 'public') throw notFound('material');
  return handOut(deps, material);
};

/** Deletes a material and its file (the object first: a retry finds the item and tries again). */
export const deleteMaterial = async (
  deps: ManageDeps,
  principal: Principal,
  orgId: string,
  eventId: string,
  materialId: string,
): Promise<void> => {
  await authorizeForEvent(deps, orgId, eventId, principal, 'material.manage');
  const material = await existing(deps, orgId, eventId, materialId);
  if (material.fileKey) await deps.materialFiles.remove(material.fileKey);
  await deps.materials.remove(orgId, eventId, materialId);
};
