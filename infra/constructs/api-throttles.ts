import type { CfnStage, HttpStage } from 'aws-cdk-lib/aws-apigatewayv2';
import { CfnRoute, type HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';

/** Requests per second and burst, as API Gateway's token bucket takes them. */
export interface Throttle {
  readonly rateLimit: number;
  readonly burstLimit: number;
}

/**
 * Each route group's throttle. Routes with settings of their own are throttled on their own limits; the others take
 * the stage's default route settings:
 * - `recruiters`: the stage default, for every route behind Cognito (the dashboard and scripts);
 * - `webhooks`: each `POST /webhooks/<source>`, so one ATS's bulk rejection or retry storm (answered 429, which
 *   every vendor retries) never takes the recruiters' budget, nor another ATS's;
 * - `public`: `/health` and `/openapi.json`, which anyone can call and nothing needs often.
 * An HTTP API cannot carry a WAF web ACL (WAF protects REST APIs, CloudFront, ALB, AppSync), so a per-IP rate
 * rule would need a CloudFront distribution in front of the API: see docs/deploy.md#throttling.
 */
export const API_THROTTLES = {
  recruiters: { rateLimit: 50, burstLimit: 100 },
  webhooks: { rateLimit: 25, burstLimit: 50 },
  public: { rateLimit: 5, burstLimit: 10 },
} as const satisfies Record<string, Throttle>;

const PUBLIC_PATHS = new Set(['/health', '/openapi.json']);

/** The group a route key (`POST /webhooks/lever`) belongs to. */
export function throttleGroupOf(routeKey: string): keyof typeof API_THROTTLES {
  const path = routeKey.slice(routeKey.indexOf(' ') + 1);
  if (path.startsWith('/webhooks/')) return 'webhooks';
  if (PUBLIC_PATHS.has(path)) return 'public';
  return 'recruiters';
}

/**
 * Gives the webhook and public routes their own throttles on the stage; the recruiters' routes keep the stage's
 * default. Call it after every route is added. The stage depends on those routes: API Gateway refuses route
 * settings for a route key that does not exist yet.
 */
export function applyRouteThrottles(api: HttpApi, stage: HttpStage): void {
  const routes = api.node
    .findAll()
    .map((c) => c.node.defaultChild)
    .filter((child): child is CfnRoute => child instanceof CfnRoute);
  const settings: Record<string, { ThrottlingRateLimit: number; ThrottlingBurstLimit: number }> = {};
  for (const route of routes) {
    const group = throttleGroupOf(route.routeKey);
    if (group === 'recruiters') continue;
    const { rateLimit, burstLimit } = API_THROTTLES[group];
    settings[route.routeKey] = { ThrottlingRateLimit: rateLimit, ThrottlingBurstLimit: burstLimit };
    stage.node.addDependency(route);
  }
  (stage.node.defaultChild as CfnStage).addPropertyOverride('RouteSettings', settings);
}
