import { z } from 'zod';
import { UpstreamUnavailableError } from '#core/domain/errors.ts';
import type { LeverApi, LeverOpportunity } from '#core/ports/lever-api.ts';

/**
 * The fields Closeloop reads from Lever's Data API (https://hire.lever.co/developer/documentation): an
 * opportunity with its stage and applications expanded, its archive reason, and the posting it was for.
 * Everything else in the responses is ignored.
 */
const OpportunitySchema = z.object({
  data: z.object({
    id: z.string(),
    name: z.string().nullish(),
    contact: z.string().nullish(),
    emails: z.array(z.string()).default([]),
    stage: z.union([z.object({ id: z.string(), text: z.string() }), z.string()]).nullish(),
    archived: z.object({ reason: z.string(), archivedAt: z.number() }).nullish(),
    applications: z.array(z.union([z.object({ posting: z.string().nullish() }), z.string()])).default([]),
    // Expanded, a user; a bare id when Lever could not expand it (a deactivated user).
    owner: z.union([z.object({ name: z.string().nullish(), email: z.string().nullish() }), z.string()]).nullish(),
  }),
});
const ArchiveReasonSchema = z.object({
  data: z.object({ id: z.string(), text: z.string(), type: z.string() }),
});
const PostingSchema = z.object({ data: z.object({ id: z.string(), text: z.string() }) });

export interface LeverHttpApiOptions {
  /** `https://api.lever.co/v1` (or the sandbox, or a fake in tests). */
  readonly baseUrl: string;
  /** Read per request, so a rotated key is picked up with the secret cache. */
  readonly apiKey: () => Promise<string>;
  readonly timeoutMs?: number;
}

/** Lever's Data API over fetch: HTTP Basic with the API key as the user name, as Lever documents. */
export class LeverHttpApi implements LeverApi {
  constructor(private readonly options: LeverHttpApiOptions) {}

  async getOpportunity(opportunityId: string): Promise<LeverOpportunity | undefined> {
    const found = await this.read(
      `/opportunities/${encodeURIComponent(opportunityId)}?expand=applications&expand=stage&expand=owner`,
      OpportunitySchema,
    );
    if (found === undefined) return undefined;
    const opportunity = found.data;

    const reason =
      opportunity.archived == null
        ? undefined
        : (await this.read(`/archive_reasons/${encodeURIComponent(opportunity.archived.reason)}`, ArchiveReasonSchema))
            ?.data;
    const postingId = opportunity.applications
      .map((a) => (typeof a === 'string' ? undefined : a.posting))
      .find((p): p is string => typeof p === 'string' && p !== '');
    const posting =
      postingId === undefined
        ? undefined
        : (await this.read(`/postings/${encodeURIComponent(postingId)}`, PostingSchema))?.data;
    const stage = opportunity.stage;
    const owner = opportunity.owner;
    const ownerName = owner == null || typeof owner === 'string' ? '' : (owner.name?.trim() ?? '');

    return {
      id: opportunity.id,
      name: opportunity.name ?? '',
      ...(opportunity.emails[0] === undefined ? {} : { email: opportunity.emails[0] }),
      ...(opportunity.contact == null ? {} : { contactId: opportunity.contact }),
      ...(opportunity.archived == null
        ? {}
        : {
            archived: {
              at: new Date(opportunity.archived.archivedAt).toISOString(),
              reason: reason ?? { id: opportunity.archived.reason, text: '', type: 'unknown' },
            },
          }),
      ...(stage != null && typeof stage !== 'string' ? { stageName: stage.text } : {}),
      ...(posting === undefined ? {} : { posting: { id: posting.id, title: posting.text } }),
      ...(owner == null || typeof owner === 'string' || (ownerName === '' && owner.email == null)
        ? {}
        : { owner: { name: ownerName, ...(owner.email == null ? {} : { email: owner.email }) } }),
    };
  }

  /** Undefined on 404. Throttling, 5xx, timeouts and a refused key are worth a retry later (503 to Lever). */
  private async read<T>(path: string, schema: z.ZodType<T>): Promise<T | undefined> {
    const key = await this.options.apiKey();
    let response: Response;
    try {
      response = await fetch(`${this.options.baseUrl}${path}`, {
        headers: {
          authorization: `Basic ${Buffer.from(`${key}:`).toString('base64')}`,
          accept: 'application/json',
        },
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 5_000),
      });
    } catch (e: unknown) {
      throw new UpstreamUnavailableError('Lever did not answer; retry later', { cause: e });
    }
    if (response.status === 404) return undefined;
    if (response.status === 401 || response.status === 403) {
      throw new UpstreamUnavailableError(`Lever refused the API key (${response.status}); check LEVER_API_KEY`);
    }
    if (response.status === 429 || response.status >= 500) {
      throw new UpstreamUnavailableError(`Lever answered ${response.status}; retry later`);
    }
    if (!response.ok) throw new Error(`Lever answered ${response.status} for ${path.split('?')[0]}`);
    const parsed = schema.safeParse(await response.json());
    if (!parsed.success) {
      throw new Error(
        `Lever's answer for ${path.split('?')[0]} has an unexpected shape: ${parsed.error.issues.map((i) => i.path.join('.')).join(', ')}`,
      );
    }
    return parsed.data;
  }
}
