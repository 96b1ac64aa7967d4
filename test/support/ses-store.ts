export interface StoredEmail {
  messageId: string;
  from: string;
  replyTo: string[];
  destination: { to: string[] };
  subject: string;
  body: { html?: string; text?: string };
  at: number;
}

/**
 * Emails the SES emulator accepted, optionally only those to one recipient (the store is shared): the
 * integration tests' shared emulator by its URL, or a local stack's, which asks for the dev token
 * (functions/local/emulator-guard.ts).
 */
export async function sentEmails(
  ses: string | { readonly ses: string; readonly token: string },
  to?: string,
): Promise<StoredEmail[]> {
  const response =
    typeof ses === 'string'
      ? await fetch(`${ses}/store`)
      : await fetch(`${ses.ses}/store`, { headers: { authorization: `Bearer ${ses.token}` } });
  if (!response.ok) throw new Error(`SES emulator store answered ${response.status}`);
  const { emails } = (await response.json()) as { emails: StoredEmail[] };
  return to === undefined ? emails : emails.filter((e) => e.destination.to.includes(to));
}
