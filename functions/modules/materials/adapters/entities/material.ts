import { Entity } from 'electrodb';
import { entityBase, fixedStrings } from '../../../../kernel/dynamo/entity-base.js';
import { key } from '../../../../kernel/dynamo/entity-keys.js';

/**
 * An event's material: metadata, its file's key in the tenant's bucket (or a link's URL) and its
 * download count. An event's materials share one partition: its list and its cascade are a Query.
 *
 * Key templates:
 * - table: pk `${orgId}#materials#event#${eventId}`  sk `material#${materialId}`
 */
export const materialEntity = new Entity({
  model: { ...entityBase, entity: 'material' },
  attributes: {
    ...fixedStrings('orgId', 'eventId', 'materialId', 'createdBy', 'createdAt'),
    materialType: {
      type: ['presentation', 'document', 'video', 'audio', 'image', 'link'] as const,
      required: true,
      readOnly: true,
    },
    sessionId: { type: 'string', readOnly: true },
    title: { type: 'string', required: true },
    description: { type: 'string' },
    accessLevel: { type: ['public', 'attendees', 'speakers', 'sponsors'] as const, required: true },
    tags: { type: 'list', items: { type: 'string' }, required: true },
    language: { type: 'string' },
    url: { type: 'string', readOnly: true },
    fileKey: { type: 'string', readOnly: true },
    contentType: { type: 'string', readOnly: true },
    sizeBytes: { type: 'number', readOnly: true },
    fileFormat: { type: 'string', readOnly: true },
    status: { type: ['pending_upload', 'available'] as const, required: true },
    downloadCount: { type: 'number', required: true },
    updatedAt: { type: 'string', required: true },
  },
  indexes: {
    byEvent: {
      pk: key('pk', ['orgId', 'eventId'], '${orgId}#materials#event#${eventId}'),
      sk: key('sk', ['materialId'], 'material#${materialId}'),
    },
  },
});
