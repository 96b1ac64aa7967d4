import { z } from 'zod';
import { UpstreamUnavailableError } from '#core/domain/errors.ts';
import type { SecretStore } from '#core/ports/secret-store.ts';
import type { WorkableApi, WorkableMember } from '#core/ports/workable-api.ts';

/**
 * The fields Closeloop reads from `GET /spi/v3/jobs/{shortcode}/members`: each member's name, email and role(s).
 * Workable has named the role both `role` (one) and `roles` (several); either is read.
 */
const MembersSchema = z.object({
  members: z.array(
    z.object({
      name: z.string().nullish(),
      email: z.string().nullish(),
      role: z.string().nullish(),
      roles: z.array(z.string()).nullish(),
    }),
  ),
});

export interface WorkableHttpApiOptions {
  /** `https://<subdomain>.workable.com/spi/v3` (or a fake in tests). */
  readonly baseUrl: string;
  /** Read per request, so a rotated token is picked up with the secret cache. */
  readonly apiToken: () => Promise<string>;
  readonly timeoutMs?: number;
}

/** Workable's API over fetch, with the account's API token as a bearer token, as Workable documents. */
export class WorkableHttpApi implements WorkableApi {
  constructor(private readonly options: WorkableHttpApiOptions) {}

  async jobMembers(shortcode: string): Promise<readonly WorkableMember[]> {
    const token = await this.options.apiToken();
    let response: Response;
    try {
      response = await fetch(`${this.options.baseUrl}/jobs/${encodeURIComponent(shortcode)}/members`, {
        headers: { authorization: `Bearer ${token}`, accept: 'application/json' },
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 5_000),
      });
    } catch (e: unknown) {
      throw new UpstreamUnavailableError('Workable did not answer; retry later', { cause: e });
    }
    if (response.status === 404) return [];
    if (response.status === 401 || response.status === 403) {
      throw new UpstreamUnavailableError(
        `Workable refused the API token (${response.status}); check WORKABLE_API_TOKEN`,
      );
    }
    if (!response.ok) throw new UpstreamUnavailableError(`Workable answered ${response.status}; retry later`);
    const parsed = MembersSchema.safeParse(await response.json().catch(() => undefined));
    if (!parsed.success) throw new UpstreamUnavailableError("Workable's job members have an unexpected shape");
    return parsed.data.members.map((m) => ({
      name: m.name?.trim() ?? '',
      ...(m.email == null ? {} : { email: m.email }),
      roles: [...(m.roles ?? []), ...(m.role == null ? [] : [m.role])].map((r) => r.trim().toLowerCase()),
    }));
  }
}

/** The `workable` webhook dependency: Workable's API when `WORKABLE_API_URL` is set, else nothing to ask. */
export function workableApiFor(
  settings: { readonly workableApiUrl?: string },
  secrets: SecretStore,
): { workable?: WorkableApi } {
  if (settings.workableApiUrl === undefined) return {};
  return {
    workable: new WorkableHttpApi({
      baseUrl: settings.workableApiUrl,
      apiToken: async () => (await secrets.get('workable-api-token'))[0] ?? '',
    }),
  };
}
