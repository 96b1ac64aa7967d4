import { CfnOutput, Validations } from 'aws-cdk-lib';
import { type HttpApi, HttpMethod, type HttpRouteIntegration } from 'aws-cdk-lib/aws-apigatewayv2';
import { Construct } from 'constructs';
import { WEBHOOK_SOURCES } from '#config/webhook-config.ts';
import { definedFields } from '#core/domain/optional.ts';
import type { StageConfig } from '../config.ts';
import type { CloseloopFunction } from './closeloop-function.ts';
import type { WebhookSecrets } from './webhook-secrets.ts';

export interface WebhookEndpointsProps {
  readonly api: HttpApi;
  readonly integration: HttpRouteIntegration;
  /** The function that serves the HTTP API: the only one that may read the webhook secrets. */
  readonly fn: CloseloopFunction;
  readonly secrets: WebhookSecrets;
  readonly settings: StageConfig['webhooks'];
}

/** The stage's webhook settings as the variables `loadWebhookSettings` reads; unset ones keep their defaults. */
export function webhookEnvironment(settings: StageConfig['webhooks']): Record<string, string> {
  if (settings === undefined) return {};
  return {
    ...(settings.atsMapping === undefined ? {} : { CLOSELOOP_ATS_MAPPING: JSON.stringify(settings.atsMapping) }),
    ...(settings.answer200 === undefined ? {} : { CLOSELOOP_WEBHOOK_ANSWER_200: settings.answer200.join(',') }),
    ...definedFields({ LEVER_API_URL: settings.leverApiUrl, WORKABLE_API_URL: settings.workableApiUrl }),
    ...(settings.leverMaxAgeSeconds === undefined
      ? {}
      : { LEVER_MAX_AGE_SECONDS: String(settings.leverMaxAgeSeconds) }),
    ...(settings.ashbyRejectionReasonTypes === undefined
      ? {}
      : { ASHBY_REJECTION_REASON_TYPES: settings.ashbyRejectionReasonTypes.join(',') }),
  };
}

/**
 * `POST /webhooks/{greenhouse|lever|ashby|workable|generic}` on the HTTP API, without the recruiters' JWT
 * authorizer (an ATS cannot log in: each request is verified by its signature instead), the secrets they are
 * verified with, and one stack output per URL to paste into the ATS.
 */
export class WebhookEndpoints extends Construct {
  constructor(scope: Construct, id: string, props: WebhookEndpointsProps) {
    super(scope, id);
    props.secrets.grantReadTo(props.fn);
    for (const [key, value] of Object.entries(webhookEnvironment(props.settings))) props.fn.addEnvironment(key, value);

    for (const source of WEBHOOK_SOURCES) {
      const [route] = props.api.addRoutes({
        path: `/webhooks/${source}`,
        methods: [HttpMethod.POST],
        integration: props.integration,
      });
      if (route !== undefined) {
        Validations.of(route).acknowledge({
          id: 'AwsSolutions-APIG4',
          reason:
            "Signature-verified: an ATS cannot obtain a Cognito token, so the function verifies each request with the source's HMAC secret (constant time, raw body, replay window where the scheme has a timestamp) before reading it.",
        });
      }
      new CfnOutput(scope, `WebhookUrl${source[0]?.toUpperCase()}${source.slice(1)}`, {
        value: `${props.api.apiEndpoint}/webhooks/${source}`,
        description: `Paste into ${source === 'generic' ? 'your own tool' : source} (docs/webhooks.md)`,
      });
    }
  }
}
