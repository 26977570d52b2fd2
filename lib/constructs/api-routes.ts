import { createHash } from 'node:crypto';
import { NestedStack, Stack, Validations } from 'aws-cdk-lib';
import {
  CfnRoute,
  type HttpApi,
  type HttpAuthorizer,
  type HttpIntegration,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import type { HttpFunctionName } from '../../functions/app/function-definitions.js';
import { type RouteDefinition, routeKey } from '../../functions/app/routes.js';

/**
 * How many nested stacks hold the routes. Never change it on a deployed tenant: it decides the
 * stack of nearly every route, and a route that changes stack fails the deploy (docs/operations.md,
 * "The app stack and its route stacks"). Four hold about 1,800 routes before one nears 450
 * resources; API Gateway allows 300 routes per HTTP API unless raised.
 */
export const routeStackCount = 4;

/**
 * The route stack of a route: a hash of its operation id alone, so adding, removing or moving a
 * route to another function never moves any other route. Chunks in manifest order (global or per
 * function) move every later route of the list when one is inserted, and grouping by function
 * moves a route whose function changes; either re-creates routes, which CloudFormation cannot do
 * in one deploy (the new route's key conflicts with the old one until the old one is deleted).
 */
export const routeStackOf = (operationId: string): number =>
  createHash('sha256').update(operationId).digest().readUInt32BE(0) % routeStackCount;

/** What a route refers to: resources of the app stack (parameters, seen from a nested stack). */
export interface RouteTargets {
  httpApi: HttpApi;
  authorizer: HttpAuthorizer;
  /** One integration per function, shared by all its routes. */
  integrations: Record<HttpFunctionName, HttpIntegration>;
  /**
   * Functions that API Gateway may invoke only on their own routes, with one permission per
   * route beside it (the public function); the others have one permission for the whole API.
   */
  perRoutePermission: Partial<Record<HttpFunctionName, IFunction>>;
}

export interface ApiRouteOptions {
  routeKey: string;
  function: HttpFunctionName;
  auth: 'jwt' | 'none';
  /** The path in the permission's source ARN (empty for `$default`, which has no method segment). */
  permissionPath: string;
}

/** One API route (L1: its integration and authorizer are ids of the app stack's resources). */
export const addApiRoute = (
  scope: Construct,
  id: string,
  targets: RouteTargets,
  options: ApiRouteOptions,
): CfnRoute => {
  const route = new CfnRoute(scope, id, {
    apiId: targets.httpApi.apiId,
    routeKey: options.routeKey,
    target: `integrations/${targets.integrations[options.function].integrationId}`,
    authorizationType: options.auth === 'jwt' ? 'JWT' : 'NONE',
    ...(options.auth === 'jwt' && { authorizerId: targets.authorizer.authorizerId }),
  });
  const handler = targets.perRoutePermission[options.function];
  handler?.addPermission(`${id}Permission`, {
    scope,
    principal: new ServicePrincipal('apigateway.amazonaws.com'),
    sourceArn: Stack.of(scope).formatArn({
      service: 'execute-api',
      resource: targets.httpApi.apiId,
      resourceName: `*/*${options.permissionPath}`,
    }),
  });
  return route;
};

export interface ApiRouteStacksProps {
  routes: readonly RouteDefinition[];
  targets: RouteTargets;
}

/**
 * The manifest's routes in nested stacks (`Routes0`..`Routes3`), so the app stack does not grow
 * with routes; each route's logical id is its operation id, in the stack `routeStackOf` names.
 */
export class ApiRouteStacks extends Construct {
  readonly stacks: NestedStack[];
  private readonly byOperationId = new Map<string, CfnRoute>();

  constructor(scope: Construct, id: string, props: ApiRouteStacksProps) {
    super(scope, id);
    this.stacks = Array.from(
      { length: routeStackCount },
      (_, i) =>
        new NestedStack(this, `Routes${i}`, {
          description: `HTTP API routes, part ${i + 1} of ${routeStackCount}`,
        }),
    );
    for (const route of props.routes) {
      const stack = this.stacks[routeStackOf(route.operationId)] as NestedStack;
      const created = addApiRoute(stack, route.operationId, props.targets, {
        routeKey: routeKey(route),
        function: route.function,
        auth: route.auth,
        permissionPath: route.path,
      });
      if (route.auth === 'none') {
        if (!route.publicBecause) {
          throw new Error(`Route ${route.operationId} has auth "none" but no publicBecause saying why`);
        }
        Validations.of(created).acknowledge({ id: 'AwsSolutions-APIG4', reason: route.publicBecause });
      }
      this.byOperationId.set(route.operationId, created);
    }
  }

  /** The route of a manifest entry. */
  route(operationId: string): CfnRoute {
    const found = this.byOperationId.get(operationId);
    if (!found) throw new Error(`No route ${operationId}`);
    return found;
  }
}
