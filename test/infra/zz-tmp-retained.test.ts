import { it } from 'vitest';
import { synthTenant, tenantConfig } from '/work/main/test/infra/support/synth.js';
it('lists', () => {
  const t = synthTenant(tenantConfig('acme'));
  for (const [name, tpl] of [['app', t.app], ['data', t.data]] as const) {
    const r = (tpl.toJSON() as { Resources: Record<string, { Type: string; DeletionPolicy?: string; UpdateReplacePolicy?: string; Properties?: Record<string, unknown> }> }).Resources;
    for (const [id, res] of Object.entries(r)) if (res.DeletionPolicy) console.log(name, id, res.Type, res.DeletionPolicy, res.Type === 'AWS::KMS::Key' ? res.Properties?.PendingWindowInDays : '');
    console.log(Object.entries(r).filter(([, x]) => x.Type.startsWith('AWS::CodeDeploy')).map(([id, x]) => `${id} ${x.Type}`).join('\n'));
  }
});
