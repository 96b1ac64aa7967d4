import { EventBus } from 'aws-cdk-lib/aws-events';
import { type ConfigurationSet, EmailSendingEvent, EventDestination } from 'aws-cdk-lib/aws-ses';
import { Construct } from 'constructs';

/** The SES events Closeloop tracks; opens and clicks only when switched on (unreliable, and intrusive). */
export function trackedSesEvents(trackOpensAndClicks: boolean): EmailSendingEvent[] {
  return [
    EmailSendingEvent.SEND,
    EmailSendingEvent.DELIVERY,
    EmailSendingEvent.BOUNCE,
    EmailSendingEvent.COMPLAINT,
    EmailSendingEvent.REJECT,
    EmailSendingEvent.DELIVERY_DELAY,
    EmailSendingEvent.RENDERING_FAILURE,
    ...(trackOpensAndClicks ? [EmailSendingEvent.OPEN, EmailSendingEvent.CLICK] : []),
  ];
}

/**
 * Publishes the configuration set's sending events to EventBridge. SES publishes only to the account's default
 * bus; the track function's rule there filters on this configuration set. With opens and clicks off, SES adds no
 * tracking pixel and rewrites no links.
 */
export class SesEventPublishing extends Construct {
  constructor(
    scope: Construct,
    id: string,
    props: { readonly configurationSet: ConfigurationSet; readonly trackOpensAndClicks: boolean },
  ) {
    super(scope, id);
    props.configurationSet.addEventDestination('ToEventBridge', {
      destination: EventDestination.eventBus(EventBus.fromEventBusName(this, 'DefaultBus', 'default')),
      events: trackedSesEvents(props.trackOpensAndClicks),
    });
  }
}
