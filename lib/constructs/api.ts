import { Duration, Validations } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import {
  type CfnStage,
  CorsHttpMethod,
  HttpApi,
  HttpMethod,
  HttpRoute,
  HttpRouteKey,
  HttpStage,
  LogGroupLogDestination,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { HttpFunctionName } from '../../functions/app/function-definitions.js';
import type { RouteDefinition } from '../../functions/app/routes.js';
import type { TenantConfig } from '../config/tenant-config.js';

export interface EventlyApiProps {
  config: TenantConfig;
  routes: readonly RouteDefinition[];
  handlers: Record<HttpFunctionName, IFunction>;
}

/** The route key as API Gateway writes it (and route settings name it): `POST /v1/...`. */
const routeKeyOf = (route: RouteDefinition): string => `${route.method} ${route.path}`;

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
 * The HTTP API: one route per manifest entry on its function, the JWT authorizer on `jwt` routes,
 * `$default` on the public function (problem+json 404), access logs and stage throttling.
 */
export class EventlyApi extends Construct {
  readonly httpApi: HttpApi;
  readonly stage: HttpStage;
  readonly authorizer: HttpJwtAuthorizer;

  constructor(scope: Construct, id: string, props: EventlyApiProps) {
    super(scope, id);
    const { config } = props;
    const integrations = this.integrationsFor(props.handlers);
    this.authorizer = new HttpJwtAuthorizer('JwtAuthorizer', config.auth.issuer, {
      jwtAudience: [...config.auth.audiences],
    });
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
    this.stage = this.createStage(config);
    for (const route of props.routes) this.addRoute(route, integrations[route.function]);
    this.throttleRoutes(props.routes, config);
    const fallback = new HttpRoute(this, 'DefaultRoute', {
      httpApi: this.httpApi,
      routeKey: HttpRouteKey.DEFAULT,
      integration: integrations.public,
    });
    Validations.of(fallback).acknowledge({ id: 'AwsSolutions-APIG4', reason: fallbackRouteReason });
  }

  private integrationsFor(handlers: Record<HttpFunctionName, IFunction>) {
    // One invoke permission per function for the whole API (`<api>/*/*/*`), not one per route: a
    // function's resource policy is limited to 20 KB, which about 30 per-route statements reach.
    // The public function keeps its few per-route ones: an API-wide grant would not match
    // `$default`, whose source ARN has no method segment.
    const entries = Object.entries(handlers).map(([name, fn]) => [
      name,
      new HttpLambdaIntegration(`${name}Integration`, fn, { scopePermissionToRoute: name === 'public' }),
    ]);
    return Object.fromEntries(entries) as Record<HttpFunctionName, HttpLambdaIntegration>;
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
   * exist first, so the stage waits for those routes.
   */
  private throttleRoutes(routes: readonly RouteDefinition[], config: TenantConfig): void {
    // RouteSettings is a JSON map in CloudFormation, passed through as written: PascalCase keys.
    const settings: Record<string, { ThrottlingRateLimit: number; ThrottlingBurstLimit: number }> = {};
    for (const route of routes) {
      if (!route.throttleClass) continue;
      const { rateLimit, burstLimit } = config.api.routeThrottles[route.throttleClass];
      const routeKey = routeKeyOf(route);
      settings[routeKey] = { ThrottlingRateLimit: rateLimit, ThrottlingBurstLimit: burstLimit };
      const created = this.node.findChild(route.operationId);
      this.stage.node.addDependency(created);
    }
    (this.stage.node.defaultChild as CfnStage).routeSettings = settings;
  }

  private addRoute(route: RouteDefinition, integration: HttpLambdaIntegration): void {
    const created = new HttpRoute(this, route.operationId, {
      httpApi: this.httpApi,
      routeKey: HttpRouteKey.with(route.path, HttpMethod[route.method]),
      integration,
      ...(route.auth === 'jwt' && { authorizer: this.authorizer }),
    });
    if (route.auth === 'none') {
      if (!route.publicBecause) {
        throw new Error(`Route ${route.operationId} has auth "none" but no publicBecause saying why`);
      }
      Validations.of(created).acknowledge({ id: 'AwsSolutions-APIG4', reason: route.publicBecause });
    }
  }
}
