import { orgParams } from '../../kernel/contracts/common.js';
import * as z from '../../kernel/contracts/zod.js';
import { reply, routeGroup } from '../../kernel/http/route-group.js';
import { deletionSchema } from './contracts/deletions.js';

const deletionParams = orgParams.extend({
  targetId: z
    .string()
    .regex(/^(ven|evt|ses)_[0-9a-z]{20}$/, 'must be the id of a venue, event or session')
    .openapi({ example: 'ven_4k8m2p6r0t4v8x2z6b0d' }),
});

/** The progress of background cascade deletes. */
export const deletionRoutes = routeGroup({ function: 'catalog', auth: 'jwt', tag: 'Deletions' }, [
  {
    operationId: 'getDeletion',
    method: 'GET',
    path: '/v1/orgs/{orgId}/deletions/{targetId}',
    summary: 'The progress of the deletion of a venue, event or session (by the id of what it deletes)',
    params: deletionParams,
    success: reply(200, 'The deletion', deletionSchema),
    problems: [403, 404],
  },
]);
