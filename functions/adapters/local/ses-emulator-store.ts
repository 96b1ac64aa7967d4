import { z } from 'zod';
import { type AcceptedMessage, LOCAL_TAGS_HEADER, tagsFromLocalHeader } from './simulated-ses-events.ts';

const StoreSchema = z.object({
  emails: z.array(
    z.object({
      messageId: z.string(),
      destination: z.object({ to: z.array(z.string()) }),
      headers: z.array(z.object({ name: z.string(), value: z.string() })).nullish(),
      at: z.number(),
    }),
  ),
});

/**
 * The messages aws-ses-v2-local accepted since an instant (its `GET /store?since=<epoch seconds>`), with the tags
 * Closeloop sent them with. Messages sent without the local tags header (by anything else) are left out.
 */
export async function readAcceptedMessages(sesUrl: string, since: Date, token?: string): Promise<AcceptedMessage[]> {
  // The local stack's emulator asks for the dev token (functions/local/emulator-guard.ts).
  const headers: Record<string, string> = token === undefined ? {} : { authorization: `Bearer ${token}` };
  const response = await fetch(`${sesUrl}/store?since=${Math.floor(since.getTime() / 1000)}`, { headers });
  if (!response.ok) throw new Error(`the SES emulator's store answered ${response.status}`);
  const { emails } = StoreSchema.parse(await response.json());
  return emails.flatMap((email) => {
    const header = email.headers?.find((h) => h.name.toLowerCase() === LOCAL_TAGS_HEADER.toLowerCase());
    const tags = tagsFromLocalHeader(header?.value);
    const to = email.destination.to[0];
    if (tags === undefined || to === undefined) return [];
    return [{ messageId: email.messageId, to, tags, acceptedAt: new Date(email.at * 1000) }];
  });
}
