import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as z from '../functions/kernel/contracts/zod.js';
import {
  domainEventContracts,
  domainEventSchema,
} from '../functions/modules/notifications/contracts/domain-events.js';
import { publicEventTypes } from '../functions/modules/notifications/domain/domain-events.js';

/**
 * `npm run docs:events`: the JSON Schema of each public domain event (envelope and data), generated
 * from its zod schema (functions/modules/notifications/contracts/domain-events.ts) into
 * docs/events/<type>.v<version>.json. `--check` writes nothing and fails when a file is stale or
 * missing (test/unit/domain-event-docs.test.ts runs the same comparison).
 */

export const eventDocsDir = join(import.meta.dirname, '..', 'docs', 'events');

export const eventDocFile = (type: (typeof publicEventTypes)[number]): string =>
  `${type}.v${domainEventContracts[type].version}.json`;

/** Each file's expected text, by file name. */
export const eventDocs = (): Map<string, string> =>
  new Map(
    publicEventTypes.map((type) => {
      const schema = z.toJSONSchema(domainEventSchema(type), { target: 'draft-2020-12' });
      const doc = {
        $id: `urn:evently:events:${type}:v${domainEventContracts[type].version}`,
        title: `${type} (version ${domainEventContracts[type].version})`,
        ...schema,
      };
      return [eventDocFile(type), `${JSON.stringify(doc, null, 2)}\n`];
    }),
  );

/** File names whose text differs from what the schemas give (or that are missing). */
export const staleEventDocs = async (): Promise<string[]> => {
  const present = new Set((await readdir(eventDocsDir)).filter((f) => f.endsWith('.json')));
  const stale: string[] = [];
  for (const [file, text] of eventDocs()) {
    const current = present.has(file) ? await readFile(join(eventDocsDir, file), 'utf8') : undefined;
    if (current !== text) stale.push(file);
  }
  return stale;
};

const main = async () => {
  if (process.argv.includes('--check')) {
    const stale = await staleEventDocs();
    if (stale.length > 0) {
      console.error(`docs/events is stale (${stale.join(', ')}): run npm run docs:events`);
      process.exit(1);
    }
    console.log('docs/events is up to date');
    return;
  }
  for (const [file, text] of eventDocs()) await writeFile(join(eventDocsDir, file), text);
  console.log(`wrote ${eventDocs().size} schemas to docs/events/`);
};

if (import.meta.url === `file://${process.argv[1]}`) await main();
