import { Validations } from 'aws-cdk-lib';
import type { IAlarm } from 'aws-cdk-lib/aws-cloudwatch';
import {
  type ILambdaDeploymentConfig,
  LambdaApplication,
  LambdaDeploymentConfig,
  LambdaDeploymentGroup,
} from 'aws-cdk-lib/aws-codedeploy';
import { ManagedPolicy, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import type { FunctionName } from '../../functions/app/function-definitions.js';
import type { ServiceFunction } from './lambda-function.js';

export interface GradualDeploymentsProps {
  functions: Record<FunctionName, ServiceFunction>;
  /** The alarms whose firing during a deploy rolls the function's alias back. */
  rollbackAlarms: (name: FunctionName) => IAlarm[];
  /** How traffic moves to a new version; 10 % for five minutes, then the rest, by default. */
  deploymentConfig?: ILambdaDeploymentConfig;
}

/**
 * A CodeDeploy deployment group per function: a deploy that changes a function publishes a new
 * version, sends it a share of the traffic through the `live` alias, watches the rollback alarms,
 * and either moves the rest over or points the alias back at the version before.
 */
export class GradualDeployments extends Construct {
  readonly application: LambdaApplication;
  readonly groups: Record<FunctionName, LambdaDeploymentGroup>;

  constructor(scope: Construct, id: string, props: GradualDeploymentsProps) {
    super(scope, id);
    this.application = new LambdaApplication(this, 'Application');
    // One role for every group: CodeDeploy's own managed policy for Lambda deployments, limited to
    // shifting aliases and invoking hooks (it cannot change code or configuration).
    const role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('codedeploy.amazonaws.com'),
      description: 'CodeDeploy: shifts the live aliases of the Evently functions during a deploy',
      managedPolicies: [
        ManagedPolicy.fromAwsManagedPolicyName('service-role/AWSCodeDeployRoleForLambdaLimited'),
      ],
    });
    Validations.of(role).acknowledge({
      id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSCodeDeployRoleForLambdaLimited]',
      reason:
        "CodeDeploy's own policy for Lambda deployments: it may read and update aliases, read alarms and " +
        'invoke lifecycle hooks named CodeDeployHook_*; AWS keeps it current with what CodeDeploy calls.',
    });
    const entries = (Object.entries(props.functions) as [FunctionName, ServiceFunction][]).map(
      ([name, fn]) =>
        [
          name,
          new LambdaDeploymentGroup(this, name, {
            application: this.application,
            alias: fn.alias,
            role,
            deploymentConfig: props.deploymentConfig ?? LambdaDeploymentConfig.CANARY_10PERCENT_5MINUTES,
            alarms: props.rollbackAlarms(name),
            autoRollback: { failedDeployment: true, stoppedDeployment: true, deploymentInAlarm: true },
          }),
        ] as const,
    );
    this.groups = Object.fromEntries(entries) as Record<FunctionName, LambdaDeploymentGroup>;
  }
}
