import type { EntityItem } from 'electrodb';
import { DomainError, notFound } from '../../../kernel/domain/errors.js';
import { queryPage } from '../../../kernel/dynamo/pagination.js';
import type { EventlyService } from '../../../kernel/dynamo/service.js';
import { fromStored, toStored } from '../../../kernel/dynamo/stored.js';
import { commitTransaction, unlessConditionFails } from '../../../kernel/dynamo/transactions.js';
import type { Agent, AgentDraft } from '../domain/model.js';
import type { AgentStore } from '../domain/ports.js';
import type { agentEntity } from './entities/agent.js';
import type { agentDraftEntity } from './entities/agent-draft.js';

type AgentItem = EntityItem<typeof agentEntity>;
type DraftItem = EntityItem<typeof agentDraftEntity>;

const toAgent = fromStored<Agent, AgentItem>({ nullable: {}, itemOnly: {} });

/** The draft without its output, which the item holds flattened. */
type DraftFields = Omit<AgentDraft, 'output'>;

const toFields = fromStored<DraftFields, Omit<DraftItem, 'outputTitle' | 'outputBody'>>({
  nullable: { decidedBy: true, decidedAt: true, publishedAt: true, announcementId: true },
  itemOnly: {},
});

const toDraft = ({ outputTitle, outputBody, ...rest }: DraftItem): AgentDraft => ({
  ...toFields(rest),
  output: { title: outputTitle, body: outputBody },
});

const storedDraft = ({ output, ...rest }: AgentDraft) => ({
  ...toStored(rest),
  outputTitle: output.title,
  outputBody: output.body,
});

export const dynamoAgentStore = (service: EventlyService): AgentStore => {
  const { agent, agentDraft, event } = service.entities;

  const whyEventRefused = async (orgId: string, eventId: string): Promise<Error> => {
    const { data } = await event.get({ orgId, eventId }).go({ consistent: true });
    if (!data) return notFound('event');
    return new DomainError('EVENT_DELETING', 'the event is being deleted');
  };

  return {
    async create(a) {
      await commitTransaction(service, (tx) => [
        {
          label: 'organization',
          // In the same transaction: an agent put after the organization's cascade ran would be orphaned.
          write: tx.organization
            .check({ orgId: a.orgId })
            .where(({ status }, { eq }) => eq(status, 'active'))
            .commit(),
          fails: new DomainError('ORGANIZATION_DELETING', 'the organization is being deleted'),
        },
        { label: 'agent', write: tx.agent.create(toStored(a)).commit() },
      ]);
    },

    async get(orgId, agentId) {
      const { data } = await agent.get({ orgId, agentId }).go({ consistent: true });
      return data ? toAgent(data) : undefined;
    },

    list: (orgId, page) =>
      queryPage(`agents:${orgId}`, page, (opts) => agent.query.byOrg({ orgId }).go(opts), toAgent),

    save: (before, after) =>
      unlessConditionFails(
        agent
          .put(toStored(after))
          .where(({ version }, { eq }) => eq(version, before.version))
          .go(),
      ),

    async purgeOrg(orgId, limit) {
      const { data } = await agent.query.byOrg({ orgId }).go({ limit, attributes: ['orgId', 'agentId'] });
      if (data.length > 0) await agent.delete(data).go();
      return data.length;
    },

    async createDraft(d) {
      await commitTransaction(service, (tx) => [
        {
          label: 'event',
          // In the same transaction: a draft put beside an event whose cascade already ran would be orphaned.
          write: tx.event
            .check({ orgId: d.orgId, eventId: d.eventId })
            .where(({ deleting }, { eq }) => eq(deleting, false))
            .commit(),
          fails: () => whyEventRefused(d.orgId, d.eventId),
        },
        { label: 'draft', write: tx.agentDraft.create(storedDraft(d)).commit() },
      ]);
    },

    async getDraft({ orgId, agentId, draftId }) {
      const { data } = await agentDraft.get({ orgId, agentId, draftId }).go({ consistent: true });
      return data ? toDraft(data) : undefined;
    },

    listDrafts: (orgId, agentId, page) =>
      queryPage(
        `agentDrafts:${orgId}:${agentId}`,
        page,
        (opts) => agentDraft.query.byAgent({ orgId, agentId }).go(opts),
        toDraft,
      ),

    // A whole put, only over the status that was read.
    saveDraft: (before, after) =>
      unlessConditionFails(
        agentDraft
          .put(storedDraft(after))
          .where(({ status }, { eq }) => eq(status, before.status))
          .go(),
      ),

    async purgeEventDrafts(orgId, eventId, limit) {
      const { data } = await agentDraft.query
        .byEvent({ orgId, eventId })
        .go({ limit, attributes: ['orgId', 'agentId', 'draftId'] });
      if (data.length > 0) await agentDraft.delete(data).go();
      return data.length;
    },
  };
};
