import {
  eventIdSchema,
  freeText,
  orgParams,
  pageQuerySchema,
  stampFields,
} from '../../../kernel/contracts/common.js';
import * as z from '../../../kernel/contracts/zod.js';
import {
  agentPurposes,
  agentStatuses,
  agentTools,
  drafterProviders,
  draftKinds,
  draftStatuses,
} from '../domain/model.js';

/** An organization's agents and their drafts (docs/agents.md). */

export const agentIdSchema = z
  .string()
  .regex(/^agt_[0-9a-z]{20}$/, 'must be an agent id (agt_ followed by 20 lowercase letters or digits)')
  .openapi({ example: 'agt_5k9m3p7r1t5v9x3z7b1d' });

export const draftIdSchema = z
  .string()
  .regex(/^agd_[0-9a-z]{20}$/, 'must be a draft id (agd_ followed by 20 lowercase letters or digits)')
  .openapi({ example: 'agd_5k9m3p7r1t5v9x3z7b1d' });

export const agentParams = orgParams.extend({ agentId: agentIdSchema });
export const draftParams = agentParams.extend({ draftId: draftIdSchema });

const purposeSchema = z.enum(agentPurposes).openapi('AgentPurpose');
const toolSchema = z.enum(agentTools).openapi('AgentTool');
const agentStatusSchema = z.enum(agentStatuses).openapi('AgentStatus', {
  description: 'paused: drafts nothing',
});
const kindSchema = z.enum(draftKinds).openapi('AgentDraftKind');
const draftStatusSchema = z.enum(draftStatuses).openapi('AgentDraftStatus');

const name = freeText(z.string().trim().min(1).max(200));
const instructions = freeText(z.string().trim().min(1).max(4000), { multiline: true });
const tools = z.array(toolSchema).max(agentTools.length);

export const createAgentBody = z
  .strictObject({
    name: name.openapi({ example: 'Announcer' }),
    purpose: purposeSchema,
    instructions: instructions.openapi({ example: 'Write short, friendly announcements.' }),
    tools,
  })
  .openapi('CreateAgent');

export const updateAgentBody = z
  .strictObject({
    name: name.optional(),
    purpose: purposeSchema.optional(),
    instructions: instructions.optional(),
    tools: tools.optional(),
    status: agentStatusSchema.optional(),
  })
  .refine((b) => Object.keys(b).length > 0, 'give at least one field to change')
  .openapi('UpdateAgent');

export const agentListQuery = pageQuerySchema;

export const agentSchema = z
  .object({
    orgId: z.string(),
    agentId: agentIdSchema,
    name: z.string(),
    purpose: purposeSchema,
    instructions: z.string(),
    tools: z.array(toolSchema),
    status: agentStatusSchema,
    createdBy: z.string(),
    ...stampFields,
  })
  .openapi('Agent');

export const createDraftBody = z
  .strictObject({
    eventId: eventIdSchema,
    kind: kindSchema,
    prompt: freeText(z.string().trim().min(1).max(2000), { multiline: true }).openapi({
      example: 'Doors open at 18:00; bring your ticket.',
    }),
  })
  .openapi('CreateAgentDraft');

export const draftStatusBody = z
  .strictObject({
    status: z.enum(['approved', 'rejected', 'published']).openapi({
      description: 'draft -> approved | rejected; approved -> published',
    }),
  })
  .openapi('AgentDraftStatusChange');

export const draftListQuery = pageQuerySchema;

export const draftSchema = z
  .object({
    agentId: agentIdSchema,
    draftId: draftIdSchema,
    eventId: z.string(),
    kind: kindSchema,
    prompt: z.string(),
    output: z.object({ title: z.string(), body: z.string() }),
    provider: z.enum(drafterProviders),
    conversation: z.array(z.object({ role: z.enum(['user', 'agent']), content: z.string(), at: z.string() })),
    status: draftStatusSchema,
    decidedBy: z.string().nullable(),
    decidedAt: z.string().nullable(),
    publishedAt: z.string().nullable(),
    announcementId: z.string().nullable().openapi({
      description: 'The draft announcement publishing created (it is sent only by a person)',
    }),
    createdBy: z.string(),
    ...stampFields,
  })
  .openapi('AgentDraft');
