import { brandingEnvironment } from './branding-environment.ts';
import type { StageConfig } from './config.ts';
import { configurationSetNameFor } from './stacks/stateful-stack.ts';

export interface FunctionEnvironmentResources {
  readonly sendQueueUrl: string;
  readonly eventBusName: string;
  readonly sweepLimit: number;
}

/** The variables every function's configuration reads at cold start (functions/config), from the stage's config. */
export function functionEnvironment(config: StageConfig, resources: FunctionEnvironmentResources) {
  return {
    CLOSELOOP_SENDER: config.senderAddress,
    CLOSELOOP_REPLY_DOMAIN: config.replyDomain ?? config.inboundDomain,
    CLOSELOOP_SES_CONFIGURATION_SET: configurationSetNameFor(config.stage),
    ...brandingEnvironment(config),
    CLOSELOOP_DEFAULT_RECRUITER_INBOX: config.defaultRecruiterInbox,
    CLOSELOOP_SEND_DELAY_MINUTES: String(config.sendDelayMinutes),
    CLOSELOOP_RETENTION_DAYS: String(config.retentionDays),
    CLOSELOOP_SEND_QUEUE_URL: resources.sendQueueUrl,
    CLOSELOOP_EVENT_BUS_NAME: resources.eventBusName,
    CLOSELOOP_DEFAULT_TIME_ZONE: config.timeZone,
    CLOSELOOP_HOLIDAYS: config.holidayCountry,
    CLOSELOOP_SEND_WINDOW: config.sendWindow,
    CLOSELOOP_SEND_DAYS: config.sendDays,
    CLOSELOOP_SEND_DELAYS: JSON.stringify(config.sendDelays),
    CLOSELOOP_SWEEP_LIMIT: String(resources.sweepLimit),
    CLOSELOOP_TRACK_OPENS_AND_CLICKS: String(config.trackOpensAndClicks),
    CLOSELOOP_PAUSE_BOUNCE_RATE: String(config.pauseBounceRate),
    CLOSELOOP_PAUSE_COMPLAINT_RATE: String(config.pauseComplaintRate),
    CLOSELOOP_PAUSE_MIN_SENDS: String(config.pauseMinSends),
    CLOSELOOP_RELAY_FROM: relayFromAddress(config),
    CLOSELOOP_HOSTILE_RELAY: config.hostileRelay,
    CLOSELOOP_RELAY_HOURLY_CAP: String(config.relayHourlyCap),
  };
}

/** The address relays are sent From: the configured one, or `relay@` the sender's domain. */
export function relayFromAddress(config: StageConfig): string {
  return config.relayFromAddress ?? `relay@${config.senderDomain}`;
}
