import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import { CorsHttpMethod, HttpApi, HttpMethod, HttpStage, LogGroupLogDestination } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpUserPoolAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { UserPool, UserPoolClient } from 'aws-cdk-lib/aws-cognito';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import type { StageConfig } from '../config.ts';
import { API_THROTTLES, applyRouteThrottles } from './api-throttles.ts';
import type { CloseloopFunction } from './closeloop-function.ts';
import type { DashboardHosting } from './dashboard-hosting.ts';
import { WebhookEndpoints } from './webhook-endpoints.ts';
import type { WebhookSecrets } from './webhook-secrets.ts';

export interface RecruiterApiProps {
  /** The one function behind every route. */
  readonly fn: CloseloopFunction;
  readonly userPool: UserPool;
  readonly userPoolClient: UserPoolClient;
  /** The one browser origin the API answers, and the second client its tokens come from. */
  readonly dashboard: DashboardHosting;
  readonly webhookSecrets: WebhookSecrets;
  readonly webhooks: StageConfig['webhooks'];
  readonly retention: RetentionDays;
}

/** `[path, methods]` of every route behind the recruiters' Cognito authorizer. */
const RECRUITER_ROUTES: readonly (readonly [string, readonly HttpMethod[]])[] = [
  ['/decisions', [HttpMethod.POST]],
  ['/notices', [HttpMethod.GET]],
  ['/notices/counts', [HttpMethod.GET]],
  ['/notices/{id}', [HttpMethod.GET]],
  ['/notices/{id}/resend', [HttpMethod.POST]],
  ['/notices/{id}/cancel', [HttpMethod.POST]],
  ['/notices/{id}/owner', [HttpMethod.PUT]],
  ['/admin/sending', [HttpMethod.GET]],
  ['/admin/sending/pause', [HttpMethod.POST]],
  ['/admin/sending/resume', [HttpMethod.POST]],
];

/** Recruiter routes added after the webhooks (their order is the template's, kept as deployed). */
const LATER_RECRUITER_ROUTES: readonly (readonly [string, readonly HttpMethod[]])[] = [
  ['/candidates/{id}/flags/{flag}', [HttpMethod.GET]],
  ['/candidates/{id}/flags/{flag}/confirm', [HttpMethod.POST]],
  ['/candidates/{id}/flags/{flag}/dismiss', [HttpMethod.POST]],
  ['/replies/unmatched', [HttpMethod.GET]],
  ['/replies/{id}/attachments/{index}', [HttpMethod.GET]],
  ['/notices/{id}/follow-ups', [HttpMethod.POST]],
  ['/candidates/{id}/flags/feedback-requested/answered', [HttpMethod.POST]],
  ['/me', [HttpMethod.GET]],
  ['/candidates', [HttpMethod.GET]],
  ['/candidates/{id}', [HttpMethod.GET, HttpMethod.DELETE]],
  ['/stats', [HttpMethod.GET]],
  ['/suppressions', [HttpMethod.GET, HttpMethod.POST]],
  ['/suppressions/{id}', [HttpMethod.DELETE]],
  // Issue 15: template and notice previews.
  ['/templates', [HttpMethod.GET]],
  ['/templates/{id}/preview', [HttpMethod.GET]],
  ['/notices/{id}/preview', [HttpMethod.GET]],
  // Issue 15: unmatched replies linked to a candidate, or dismissed.
  ['/replies/{id}/link', [HttpMethod.POST]],
  ['/replies/{id}/dismiss', [HttpMethod.POST]],
];

/**
 * The HTTP API: CORS for the dashboard only, a throttled `$default` stage with access logs, the public health and
 * OpenAPI routes, the recruiters' routes behind Cognito and the ATS webhooks. A subclass of `HttpApi` (not a
 * wrapper) whose stage and log group stay in the stack's scope, so every logical id is the deployed one.
 */
export class RecruiterApi extends HttpApi {
  constructor(scope: Construct, id: string, props: RecruiterApiProps) {
    super(scope, id, {
      description: 'Closeloop webhooks and recruiter API',
      createDefaultStage: false,
      corsPreflight: {
        allowMethods: [CorsHttpMethod.GET, CorsHttpMethod.POST, CorsHttpMethod.DELETE],
        allowHeaders: ['authorization', 'content-type', 'idempotency-key'],
        allowOrigins: [...props.dashboard.origins],
        maxAge: Duration.hours(1),
      },
    });
    const stage = new HttpStage(scope, 'DefaultStage', {
      httpApi: this,
      stageName: '$default',
      autoDeploy: true,
      // A scripted client is throttled before it reaches the functions; webhooks and public routes have their own.
      throttle: API_THROTTLES.recruiters,
      accessLogSettings: {
        destination: new LogGroupLogDestination(
          new LogGroup(scope, 'ApiAccessLogs', { retention: props.retention, removalPolicy: RemovalPolicy.DESTROY }),
        ),
      },
    });
    const integration = new HttpLambdaIntegration('HttpApiIntegration', props.fn);
    this.addPublicRoutes(integration);
    const authorizer = new HttpUserPoolAuthorizer('Recruiters', props.userPool, {
      userPoolClients: [props.userPoolClient, props.dashboard.client],
    });
    const addRecruiterRoutes = (routes: typeof RECRUITER_ROUTES) => {
      for (const [path, methods] of routes) this.addRoutes({ path, methods: [...methods], integration, authorizer });
    };
    addRecruiterRoutes(RECRUITER_ROUTES);
    new WebhookEndpoints(scope, 'Webhooks', {
      api: this,
      integration,
      fn: props.fn,
      secrets: props.webhookSecrets,
      settings: props.webhooks,
    });
    addRecruiterRoutes(LATER_RECRUITER_ROUTES);
    applyRouteThrottles(this, stage);
  }

  /** Liveness and the OpenAPI document: no authorizer, no data. */
  private addPublicRoutes(integration: HttpLambdaIntegration): void {
    const publicRoutes = [
      ...this.addRoutes({ path: '/health', methods: [HttpMethod.GET], integration }),
      ...this.addRoutes({ path: '/openapi.json', methods: [HttpMethod.GET], integration }),
    ];
    for (const route of publicRoutes) {
      Validations.of(route).acknowledge({
        id: 'AwsSolutions-APIG4',
        reason: 'Liveness and the OpenAPI document are public by design and return no data.',
      });
    }
  }
}
