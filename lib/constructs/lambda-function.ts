import path from 'node:path';
import { Duration, Validations } from 'aws-cdk-lib';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { FunctionDefinition } from '../../functions/app/function-definitions.js';
import { nodejsBundlingOptions } from './bundling.js';

/** Function entries in the definitions are relative to the repository root. */
const projectRoot = path.resolve(import.meta.dirname, '../..');

export interface ServiceFunctionProps {
  definition: FunctionDefinition;
  environment: Record<string, string>;
  logRetention: RetentionDays;
}

/**
 * One Lambda function with its own log group and its own role. The role starts with nothing but
 * writing to that log group (instead of the AWSLambdaBasicExecutionRole managed policy, which may
 * write to every log group in the account); callers add table and queue grants.
 */
export class ServiceFunction extends Construct {
  readonly function: NodejsFunction;
  readonly role: Role;
  readonly logGroup: LogGroup;
  readonly definition: FunctionDefinition;

  constructor(scope: Construct, id: string, props: ServiceFunctionProps) {
    super(scope, id);
    const { definition } = props;
    this.definition = definition;
    this.logGroup = new LogGroup(this, 'Logs', { retention: props.logRetention });
    this.role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `Execution role: ${definition.description}`,
    });
    this.logGroup.grantWrite(this.role);

    this.function = new NodejsFunction(this, 'Function', {
      entry: path.join(projectRoot, definition.entry),
      handler: 'handler',
      projectRoot,
      depsLockFilePath: path.join(projectRoot, 'package-lock.json'),
      runtime: Runtime.NODEJS_22_X,
      architecture: Architecture.ARM_64,
      memorySize: definition.memoryMb,
      timeout: Duration.seconds(definition.timeoutSeconds),
      description: definition.description,
      role: this.role,
      logGroup: this.logGroup,
      tracing: Tracing.ACTIVE,
      // Bundles ship source maps; without this flag Node ignores them in stack traces.
      environment: { NODE_OPTIONS: '--enable-source-maps', ...props.environment },
      bundling: nodejsBundlingOptions(),
    });

    Validations.of(this.function).acknowledge({
      id: 'AwsSolutions-L1',
      reason:
        'Node.js 22 is the fixed Lambda runtime of this project: the toolchain (middy 6, Powertools 2.35, ' +
        'esbuild target node22) is pinned and tested against it; moving runtimes is a deliberate upgrade.',
    });
    Validations.of(this.role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'The only wildcard is the statement CDK adds for active X-Ray tracing: xray:PutTraceSegments and ' +
        'xray:PutTelemetryRecords support no resource-level permissions.',
    });
  }
}
