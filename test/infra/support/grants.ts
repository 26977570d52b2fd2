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
