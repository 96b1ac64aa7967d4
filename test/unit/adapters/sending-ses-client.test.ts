import { describe, expect, it } from 'vitest';
import { sendingSesClient } from '#adapters/ses/sending-ses-client.ts';

describe('the SES client that sends candidates’ emails', () => {
  it('makes one attempt per call, whatever the caller configures (SendEmail is not idempotent)', async () => {
    const client = sendingSesClient({ region: 'eu-west-1' });
    expect(await client.config.maxAttempts()).toBe(1);
    client.destroy();
  });
});
