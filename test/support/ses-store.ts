export interface StoredEmail {
  messageId: string;
  from: string;
  replyTo: string[];
  destination: { to: string[] };
  subject: string;
  body: { html?: string; text?: string };
  at: number;
}

/** Emails the SES emulator accepted, optionally only those to one recipient (the store is shared). */
export async function sentEmails(sesEndpoint: string, to?: string): Promise<StoredEmail[]> {
  const response = await fetch(`${sesEndpoint}/store`);
  if (!response.ok) throw new Error(`SES emulator store answered ${response.status}`);
  const { emails } = (await response.json()) as { emails: StoredEmail[] };
  return to === undefined ? emails : emails.filter((e) => e.destination.to.includes(to));
}
