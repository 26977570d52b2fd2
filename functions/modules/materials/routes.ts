import { eventParams, pageQuerySchema } from '../../kernel/contracts/common.js';
import { reply, replyPage, routeGroup } from '../../kernel/http/route-group.js';
import {
  createdMaterialSchema,
  createMaterialBody,
  downloadSchema,
  materialParams,
  materialSchema,
  publicMaterialsSchema,
} from './contracts/materials.js';

const publicBecause =
  'The public materials of a published public event, as its organizers publish them (an access level ' +
  'of `public`): their metadata and a short-lived presigned download URL; a draft, private or unknown ' +
  'event, or any other material, answers 404.';

/**
 * An event's materials (docs/materials.md), served by `catalog`: organizers add and delete them,
 * members list them, whoever the access level lets in downloads them through presigned URLs.
 */
export const materialRoutes = routeGroup({ function: 'catalog', auth: 'jwt', tag: 'Materials' }, [
  {
    operationId: 'createMaterial',
    method: 'POST',
    path: '/v1/orgs/{orgId}/events/{eventId}/materials',
    summary:
      'Add a material: a link, or a file whose type and size are checked, answered with a presigned PUT URL (the material is pending until completed)',
    params: eventParams,
    body: createMaterialBody,
    success: reply(201, 'Created', createdMaterialSchema),
    problems: [403, 404, 409],
  },
  {
    operationId: 'completeMaterial',
    method: 'POST',
    path: '/v1/orgs/{orgId}/events/{eventId}/materials/{materialId}/complete',
    summary:
      "Mark an uploaded file's material available: the object must exist with the declared size and type (else 422, still pending)",
    params: materialParams,
    success: reply(200, 'The material', materialSchema),
    problems: [403, 404],
  },
  {
    operationId: 'listMaterials',
    method: 'GET',
    path: '/v1/orgs/{orgId}/events/{eventId}/materials',
    summary: "The event's materials (members)",
    params: eventParams,
    query: pageQuerySchema,
    success: replyPage('A page of materials', materialSchema, 'MaterialPage'),
    problems: [403, 404],
  },
  {
    operationId: 'getMaterial',
    method: 'GET',
    path: '/v1/orgs/{orgId}/events/{eventId}/materials/{materialId}',
    summary: 'Read a material (members)',
    params: materialParams,
    success: reply(200, 'The material', materialSchema),
    problems: [403, 404],
  },
  {
    operationId: 'downloadMaterial',
    method: 'GET',
    path: '/v1/orgs/{orgId}/events/{eventId}/materials/{materialId}/download',
    summary:
      "A presigned download URL of a material (or a link's URL), counted; 404 for anyone its access level does not let in",
    params: materialParams,
    success: reply(200, 'Where to download it', downloadSchema),
    problems: [404],
  },
  {
    operationId: 'deleteMaterial',
    method: 'DELETE',
    path: '/v1/orgs/{orgId}/events/{eventId}/materials/{materialId}',
    summary: 'Delete a material and its file',
    params: materialParams,
    success: reply(204, 'Deleted'),
    problems: [403, 404],
  },
  {
    operationId: 'listPublicMaterials',
    method: 'GET',
    path: '/v1/public/orgs/{orgId}/events/{eventId}/materials',
    auth: 'none',
    publicBecause,
    summary: 'The public materials of a published public event',
    params: eventParams,
    success: reply(200, 'The materials', publicMaterialsSchema),
    problems: [404],
  },
  {
    operationId: 'downloadPublicMaterial',
    method: 'GET',
    path: '/v1/public/orgs/{orgId}/events/{eventId}/materials/{materialId}/download',
    auth: 'none',
    publicBecause,
    summary: 'A presigned download URL of a public material of a published public event, counted',
    params: materialParams,
    success: reply(200, 'Where to download it', downloadSchema),
    problems: [404],
  },
]);
