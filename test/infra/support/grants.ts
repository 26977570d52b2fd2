import { resourcesOf, type SynthesizedTenant } from './synth.js';

/** Reading what the app stack grants each function, for the tests of its permissions. */

export interface Statement {
  Action: string | string[];
  Resource: unknown;
  Condition?: unknown;
}

type Functions = SynthesizedTenant['stacks']['app']['functions']['byName'];
export type FunctionKey = keyof Functions;

export const appInspector = ({ app: template, stacks }: SynthesizedTenant) => {
  const idOf = (construct: { node: { defaultChild?: unknown } }): string =>
    stacks.app.getLogicalId(construct.node.defaultChild as never);
  const fns = stacks.app.functions.byName;
  /** Every IAM statement attached to the function's role. */
  const statementsOf = (fnName: FunctionKey): Statement[] => {
    const roleRef = JSON.stringify([{ Ref: idOf(fns[fnName].role) }]);
    return resourcesOf(template, 'AWS::IAM::Policy')
      .map(
        ([, p]) =>
          (p as { Properties: { Roles: unknown[]; PolicyDocument: { Statement: Statement[] } } }).Properties,
      )
      .filter((p) => JSON.stringify(p.Roles) === roleRef)
      .flatMap((p) => p.PolicyDocument.Statement);
  };
  return { idOf, fns, statementsOf };
};

export const actionsOf = (statements: Statement[]): string[] => statements.flatMap((s) => [s.Action].flat());

/** Whether the statement grants a Secrets Manager action (or every action). */
export const grantsSecretsManager = (s: Statement): boolean =>
  [s.Action].flat().some((a) => a === '*' || a.startsWith('secretsmanager:'));

/** Whether a statement's resources reach the secret with this logical id (a wildcard reaches every secret). */
export const reachesSecret = (s: Statement, secretLogicalId: string): boolean =>
  [s.Resource]
    .flat()
    .some((r) =>
      typeof r === 'string'
        ? r.includes('*')
        : JSON.stringify(r) === JSON.stringify({ Ref: secretLogicalId }),
    );

/** Statements anywhere in the app stack that grant any Secrets Manager action, with the roles they attach to. */
export const secretStatementsIn = ({
  app: template,
}: SynthesizedTenant): { roles: unknown; statement: Statement }[] =>
  resourcesOf(template, 'AWS::IAM::Policy').flatMap(([, p]) => {
    const { Roles, PolicyDocument } = (
      p as { Properties: { Roles: unknown; PolicyDocument: { Statement: Statement[] } } }
    ).Properties;
    return PolicyDocument.Statement.filter(grantsSecretsManager).map((statement) => ({
      roles: Roles,
      statement,
    }));
  });
