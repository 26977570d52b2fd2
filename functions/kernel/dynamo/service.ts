import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { Service } from 'electrodb';
import * as entity from './entities.js';

/** Every entity of the table, by the name stores and transactions use (entities.ts lists them). */
export type EventlyEntities = typeof entity;

const serviceOf = (client: DynamoDBDocumentClient, table: string, entities: EventlyEntities) =>
  new Service(entities, { client, table });

/** A service of the table, typed with every entity: a store may name any of them. */
export type EventlyService = ReturnType<typeof serviceOf>;

/** The service over every entity (tests, scripts; a container run from source). */
export const createService = (client: DynamoDBDocumentClient, table: string): EventlyService =>
  serviceOf(client, table, { ...entity });

/**
 * The service over `entities` only: a function's container passes those of the ports it wires
 * (app/container.ts), so that its cold start builds no other entity. The type stays the whole
 * table's; test/infra/function-ports.test.ts checks that each function's service holds every
 * entity its bundle's adapters name.
 */
export const serviceOver = (
  client: DynamoDBDocumentClient,
  table: string,
  entities: Partial<EventlyEntities>,
): EventlyService => serviceOf(client, table, entities as EventlyEntities);
