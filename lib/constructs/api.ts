import { Duration, Stack, Validations } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import {
  type CfnStage,
  CorsHttpMethod,
  HttpApi,
  HttpAuthorizer,
  HttpAuthorizerType,
  HttpIntegration,
  HttpIntegrationType,
  HttpRouteKey,
  HttpStage,
  LogGroupLogDestination,
  PayloadFormatVersion,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { HttpFunctionName } from '../../functions/app/function-definitions.js';
import { type RouteDefinition, routeKey } from '../../functions/app/routes.js';
import type { TenantConfig } from '../config/tenant-config.js';
import { ApiRouteStacks, addApiRoute, type RouteTargets } from './api-routes.js';

export interface EventlyApiProps {
  config: TenantConfig;
  /** The issuer and audiences whose tokens the JWT authorizer accepts. */
  jwt: { issuer: string; audiences: readonly string[] };
  routes: readonly RouteDefinition[];
  handlers: Record<HttpFunctionName, IFunction>;
}

/** Request headers browsers may send cross-origin (the API reads these and nothing else custom). */
const corsAllowHeaders = ['authorization', 'content-type', 'idempotency-key'];

/** One JSON line per request; `sub` ties a request to a caller without logging the token. */
const accessLogFormat = AccessLogFormat.custom(
  JSON.stringify({
    requestId: '$context.requestId',
    time: '$context.requestTime',
    ip: '$context.identity.sourceIp',
    method: '$context.httpMethod',
    path: '$context.path',
    routeKey: '$context.routeKey',
    status: '$context.status',
    latencyMs: '$context.responseLatency',
    responseLength: '$context.responseLength',
    sub: '$context.authorizer.claims.sub',
    authorizerError: '$context.authorizer.error',
    integrationError: '$context.integrationErrorMessage',
  }),
);

const fallbackRouteReason =
  'The $default route: every unknown method and path gets the same problem+json 404 from the public ' +
  'function, which reads nothing from the table.';

/**
 * The HTTP API: its stage (access logs, throttles), the JWT authorizer, one integration per
 * function and `$default` (the public function's problem+json 404) stay in the app stack; the
 * manifest's routes live in nested stacks (api-routes.ts), so the app stack does not grow with them.
 */
export class EventlyApi extends Construct {
  readonly httpApi: HttpApi;
  readonly stage: HttpStage;
  readonly authorizer: HttpAuthorizer;
  readonly integrations: Record<HttpFunctionName, HttpIntegration>;
  readonly routes: ApiRouteStacks;

  constructor(scope: Construct, id: string, props: EventlyApiProps) {
    super(scope, id);
    const { config } = props;
    this.httpApi = new HttpApi(this, 'HttpApi', {
      apiName: `evently-${config.tenantId}`,
      description: `Evently HTTP API (${config.tenantId})`,
      createDefaultStage: false,
      ...(config.cors.allowedOrigins.length > 0 && {
        corsPreflight: {
          allowOrigins: [...config.cors.allowedOrigins],
          allowMethods: [CorsHttpMethod.ANY],
          allowHeaders: corsAllowHeaders,
          exposeHeaders: ['location'],
          maxAge: Duration.hours(1),
        },
      }),
    });
    // One authorizer for the API, in the app stack (where HttpJwtAuthorizer put it: same id), that
    // every route stack refers to by id.
    this.authorizer = new HttpAuthorizer(this.httpApi, 'JwtAuthorizer', {
      httpApi: this.httpApi,
      type: HttpAuthorizerType.JWT,
      authorizerName: 'JwtAuthorizer',
      identitySource: ['$request.header.Authorization'],
      jwtIssuer: props.jwt.issuer,
      jwtAudience: [...props.jwt.audiences],
    });
    this.integrations = this.integrationsFor(props.handlers);
    const targets: RouteTargets = {
      httpApi: this.httpApi,
      authorizer: this.authorizer,
      integrations: this.integrations,
      perRoutePermission: { public: props.handlers.public },
    };
    this.stage = this.createStage(config);
    this.routes = new ApiRouteStacks(this, 'Routes', { routes: props.routes, targets });
    this.throttleRoutes(props.routes, config);
    const fallback = addApiRoute(this, 'DefaultRoute', targets, {
      routeKey: HttpRouteKey.DEFAULT.key,
      function: 'public',
      auth: 'none',
      permissionPath: '',
    });
    Validations.of(fallback).acknowledge({ id: 'AwsSolutions-APIG4', reason: fallbackRouteReason });
  }

  // One Lambda proxy integration per function, shared by its routes in every route stack. One
  // invoke permission per function for the whole API (`<api>/*/*/*`), not one per route: a
  // function's resource policy is limited to 20 KB, which about 30 per-route statements reach. The
  // public function keeps its few per-route ones (api-routes.ts): an API-wide grant would not
  // match `$default`, whose source ARN has no method segment.
  private integrationsFor(handlers: Record<HttpFunctionName, IFunction>) {
    const entries = Object.entries(handlers).map(([name, fn]) => {
      if (name !== 'public') {
        fn.addPermission(`${name}ApiPermission`, {
          scope: this,
          principal: new ServicePrincipal('apigateway.amazonaws.com'),
          sourceArn: Stack.of(this).formatArn({
            service: 'execute-api',
            resource: this.httpApi.apiId,
            resourceName: '*/*/*',
          }),
        });
      }
      const integration = new HttpIntegration(this, `${name}Integration`, {
        httpApi: this.httpApi,
        integrationType: HttpIntegrationType.AWS_PROXY,
        integrationUri: fn.functionArn,
        payloadFormatVersion: PayloadFormatVersion.VERSION_2_0,
      });
      return [name, integration];
    });
    return Object.fromEntries(entries) as Record<HttpFunctionName, HttpIntegration>;
  }

  private createStage(config: TenantConfig): HttpStage {
    const accessLogs = new LogGroup(this, 'AccessLogs', { retention: config.logRetentionDays });
    return new HttpStage(this, 'DefaultStage', {
      httpApi: this.httpApi,
      stageName: '$default',
      autoDeploy: true,
      throttle: { ...config.api.throttle },
      accessLogSettings: { destination: new LogGroupLogDestination(accessLogs), format: accessLogFormat },
    });
  }

  /**
   * The stage's own limits for the write-heavy routes. A route setting names a route that must
   * exist first, so the stage waits for the route stacks (all of them: a throttle added later
   * needs no new dependency).
   */
  private throttleRoutes(routes: readonly RouteDefinition[], config: TenantConfig): void {
    // RouteSettings is a JSON map in CloudFormation, passed through as written: PascalCase keys.
    const settings: Record<string, { ThrottlingRateLimit: number; ThrottlingBurstLimit: number }> = {};
    for (const route of routes) {
      if (!route.throttleClass) continue;
      const { rateLimit, burstLimit } = config.api.routeThrottles[route.throttleClass];
      settings[routeKey(route)] = { ThrottlingRateLimit: rateLimit, ThrottlingBurstLimit: burstLimit };
    }
    for (const stack of this.routes.stacks) this.stage.node.addDependency(stack);
    (this.stage.node.defaultChild as CfnStage).routeSettings = settings;
  }
}
