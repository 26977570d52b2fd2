import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { nightlyTickMessage } from '../../lib/constructs/nightly.js';
import { tenantStackNames } from '../../lib/tenant-app.js';
import { usage } from '../../scripts/deploy-all/args.js';
import { synthTenant, tenantConfig } from './support/synth.js';

/**
 * docs/operations.md names stack outputs, resource types, queue logical ids, npm scripts and the
 * deploy-all options in commands meant to be pasted: each must exist in what the code builds.
 */

const projectRoot = path.resolve(import.meta.dirname, '../..');
const doc = readFileSync(path.join(projectRoot, 'docs/operations.md'), 'utf8');
const packageJson = JSON.parse(readFileSync(path.join(projectRoot, 'package.json'), 'utf8')) as {
  scripts: Record<string, string>;
};
const tenant = synthTenant(tenantConfig('acme'));
const appTemplate = tenant.app.toJSON() as {
  Outputs: Record<string, unknown>;
  Resources: Record<string, { Type: string; DeletionPolicy?: string }>;
};
const dataTemplate = tenant.data.toJSON() as {
  Resources: Record<string, { Type: string; DeletionPolicy?: string }>;
};

const matchesOf = (pattern: RegExp): string[] => [...new Set([...doc.matchAll(pattern)].map((m) => m[1]!))];

describe('docs/operations.md', () => {
  it('reads only outputs the app stack has', () => {
    const named = matchesOf(/\$\(output ([A-Za-z]+)\)/g);
    expect(named).toContain('NightlyQueueUrl');
    expect(named.filter((name) => !(name in appTemplate.Outputs))).toEqual([]);
  });

  it('looks up only resource types the stacks have', () => {
    const typesIn = (template: { Resources: Record<string, { Type: string }> }) =>
      new Set(Object.values(template.Resources).map((r) => r.Type));
    const inData = matchesOf(/\bresources (AWS::\w+::\w+) "\$DATA"/g);
    const inApp = matchesOf(/\bresources (AWS::\w+::\w+)\b(?! "\$DATA")/g).filter((t) => !inData.includes(t));
    expect(inData).toEqual(['AWS::DynamoDB::Table']);
    expect(inData.filter((type) => !typesIn(dataTemplate).has(type))).toEqual([]);
    // The app stack's helper also reads its nested route stacks.
    const inAppOrNested = typesIn(tenant.appWithNested.toJSON() as typeof appTemplate);
    expect(inApp.filter((type) => !inAppOrNested.has(type))).toEqual([]);
  });

  it('finds each queue it names by a logical id the app stack has, and only that one', () => {
    const queueIds = Object.entries(appTemplate.Resources)
      .filter(([, r]) => r.Type === 'AWS::SQS::Queue')
      .map(([id]) => id);
    // The shell helper's rule: the prefix followed by exactly CDK's 8-character hash.
    const lookUp = (prefix: string) => queueIds.filter((id) => new RegExp(`^${prefix}[0-9A-F]{8}$`).test(id));
    const named = matchesOf(/\bqueue_url ((?:Queues|Streams)\w+)\)/g);
    expect(named).toEqual(expect.arrayContaining(['Queuesjobsdlq', 'Queuesdeliverydlq']));
    for (const prefix of named) expect(lookUp(prefix), prefix).toHaveLength(1);
    // The helper's comment lists every queue: a queue added to the stack must be added there too.
    const listed = matchesOf(/\b((?:Queues|Streams)[a-z]+)\b/g);
    expect(queueIds.filter((id) => !listed.some((prefix) => lookUp(prefix).includes(id)))).toEqual([]);
  });

  it('names the stacks, npm scripts and deploy-all options that exist', () => {
    const { data, app } = tenantStackNames('acme');
    expect(doc).toContain(data);
    expect(doc).toContain(app);
    for (const script of matchesOf(/\bnpm run ([\w:]+)/g))
      expect(packageJson.scripts, script).toHaveProperty(script);
    for (const option of matchesOf(/npm run deploy:all -- (--[a-z-]+)/g)) expect(usage).toContain(option);
  });

  it('lists as retained exactly the resource types the stacks retain on deletion', () => {
    const retainedIn = (template: { Resources: Record<string, { Type: string; DeletionPolicy?: string }> }) =>
      Object.values(template.Resources)
        .filter((r) => r.DeletionPolicy === 'Retain')
        .map((r) => r.Type);
    const retained = new Set([...retainedIn(appTemplate), ...retainedIn(dataTemplate)]);
    const table = doc.match(/<!-- retained:start -->([\s\S]*?)<!-- retained:end -->/)?.[1] ?? '';
    const listed = [...table.matchAll(/^\|[^|]*\| `(AWS::\w+::\w+)` \|/gm)].map((m) => m[1]);
    expect(listed.length).toBeGreaterThan(0);
    expect(new Set(listed)).toEqual(retained);
  });

  it('replays the nightly job with the message the nightly rule sends', () => {
    expect(doc).toContain(`--message-body '${JSON.stringify(nightlyTickMessage)}'`);
  });
});
