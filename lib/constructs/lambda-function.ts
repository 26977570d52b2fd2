import path from 'node:path';
import { Duration, Validations } from 'aws-cdk-lib';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Alias, Architecture, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { FunctionDefinition } from '../../functions/app/function-definitions.js';
import { nodejsBundlingOptions } from './bundling.js';

/** Function entries in the definitions are relative to the repository root. */
const projectRoot = path.resolve(import.meta.dirname, '../..');

/** The alias every caller invokes. */
export const liveAliasName = 'live';

export interface ServiceFunctionProps {
  definition: FunctionDefinition;
  environment: Record<string, string>;
  logRetention: RetentionDays;
  /** Instances kept for this function alone (and its ceiling); unset: the account's shared pool. */
  reservedConcurrency?: number;
}

/**
 * One Lambda function with its own log group and its own role. The role starts with nothing but
 * writing to that log group (instead of the AWSLambdaBasicExecutionRole managed policy, which may
 * write to every log group in the account); callers add table and queue grants.
 */
export class ServiceFunction extends Construct {
  readonly function: NodejsFunction;
  /**
   * `live`: what the API and the queues invoke. Each deploy publishes a version and shifts this
   * alias to it gradually (see GradualDeployments), so a bad version is rolled back, not served.
   */
  readonly alias: Alias;
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
      ...(props.reservedConcurrency === undefined
        ? {}
        : { reservedConcurrentExecutions: props.reservedConcurrency }),
      timeout: Duration.seconds(definition.timeoutSeconds),
      description: definition.description,
      role: this.role,
      logGroup: this.logGroup,
      tracing: Tracing.ACTIVE,
      // Bundles ship source maps; without this flag Node ignores them in stack traces.
      environment: { NODE_OPTIONS: '--enable-source-maps', ...props.environment },
      bundling: nodejsBundlingOptions(definition),
    });

    this.alias = new Alias(this, 'Live', { aliasName: liveAliasName, version: this.function.currentVersion });

    const runtimeReason =
      'Node.js 22 is the fixed Lambda runtime of this project: the toolchain (middy 6, Powertools 2.35, ' +
      'esbuild target node22) is pinned and tested against it; moving runtimes is a deliberate upgrade.';
    Validations.of(this.function).acknowledge(
      { id: 'AwsSolutions-L1', reason: runtimeReason },
      { id: 'Serverless-LambdaLatestVersion', reason: runtimeReason },
      {
        id: 'Serverless-LambdaDLQ',
        reason:
          'Nothing invokes these functions asynchronously: API Gateway and the SQS event sources invoke ' +
          'synchronously, and every queue has a redrive policy to its own dead-letter queue.',
      },
    );
    // The event sources live under the alias; the table stream's mapping has its destination.
    Validations.of(this.alias).acknowledge({
      id: 'Serverless-LambdaEventSourceMappingDestination',
      reason:
        'An on-failure destination exists only for stream and Kafka sources (the table stream mapping has ' +
        'one, lib/constructs/stream-consumers.ts): for SQS the queue itself redrives a message that failed ' +
        'maxReceiveCount times to its dead-letter queue, which is alarmed.',
    });
    Validations.of(this.role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'The only wildcard is the statement CDK adds for active X-Ray tracing: xray:PutTraceSegments and ' +
        'xray:PutTelemetryRecords support no resource-level permissions.',
    });
  }
}
