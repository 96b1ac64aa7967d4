import { describe, expect, it } from 'vitest';
import { WEBHOOK_SOURCES } from '#config/webhook-config.ts';
import { API_THROTTLES, throttleGroupOf } from '#infra/constructs/api-throttles.ts';
import { synthStage } from './support/synth.ts';
import { at, resourcesOf } from './support/template-queries.ts';

describe.each(['dev', 'prod'] as const)('API throttles per route group, %s stage', (stage) => {
  const synth = synthStage(stage);
  const [[, apiStage] = ['', undefined], ...otherStages] = resourcesOf(synth.stateless, 'AWS::ApiGatewayV2::Stage');
  const routes = resourcesOf(synth.stateless, 'AWS::ApiGatewayV2::Route');
  const routeKeys = routes.map(([, route]) => String(at(route.Properties, 'RouteKey')));

  it('keeps the recruiters’ throttle as the stage default', () => {
    expect(otherStages).toEqual([]);
    expect(at(apiStage?.Properties, 'DefaultRouteSettings')).toMatchObject({
      ThrottlingRateLimit: API_THROTTLES.recruiters.rateLimit,
      ThrottlingBurstLimit: API_THROTTLES.recruiters.burstLimit,
    });
  });

  it('gives every webhook route, and the public routes, a throttle of their own', () => {
    const settings = at(apiStage?.Properties, 'RouteSettings') as Record<string, Record<string, number>>;
    const expected = Object.fromEntries([
      ...WEBHOOK_SOURCES.map((source) => [
        `POST /webhooks/${source}`,
        {
          ThrottlingRateLimit: API_THROTTLES.webhooks.rateLimit,
          ThrottlingBurstLimit: API_THROTTLES.webhooks.burstLimit,
        },
      ]),
      ...['GET /health', 'GET /openapi.json'].map((key) => [
        key,
        { ThrottlingRateLimit: API_THROTTLES.public.rateLimit, ThrottlingBurstLimit: API_THROTTLES.public.burstLimit },
      ]),
    ]);
    expect(settings).toEqual(expected);
    // API Gateway refuses settings for a route that does not exist: each is a route, created before the stage.
    for (const key of Object.keys(settings)) expect(routeKeys, key).toContain(key);
    const dependsOn = (synth.stateless.toJSON().Resources as Record<string, { DependsOn?: string[] }>)[
      resourcesOf(synth.stateless, 'AWS::ApiGatewayV2::Stage')[0]?.[0] ?? ''
    ]?.DependsOn;
    const settledRoutes = routes.filter(([, r]) => String(at(r.Properties, 'RouteKey')) in settings).map(([id]) => id);
    expect(dependsOn).toEqual(expect.arrayContaining(settledRoutes));
  });

  it('leaves every recruiter route on the default', () => {
    const recruiterRoutes = routeKeys.filter((key) => throttleGroupOf(key) === 'recruiters');
    expect(recruiterRoutes).toContain('POST /decisions');
    expect(recruiterRoutes.filter((key) => key.includes('/webhooks/'))).toEqual([]);
  });
});
