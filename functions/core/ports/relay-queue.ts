/**
 * The send queue as relays use it (`{"relayId": "m_…"}` messages): SQS in AWS, the in-process queue locally. The
 * send function sends relays and notices alike, so both keep to the one SES rate.
 */
export interface RelayQueue {
  enqueueRelays(relayIds: readonly string[]): Promise<void>;
}
