/** A member of a Workable job's hiring team, as Workable's API lists them. */
export interface WorkableMember {
  readonly name: string;
  readonly email?: string;
  /** The member's roles on the job (`recruiter`, `hiring_manager`, …), lowercase. */
  readonly roles: readonly string[];
}

/**
 * What Closeloop reads from Workable's API (`GET /spi/v3/jobs/{shortcode}/members`): who recruits for a job,
 * since Workable's candidate webhook names no recruiter.
 */
export interface WorkableApi {
  /** Empty when Workable does not know the job. Throws `UpstreamUnavailableError` when Workable fails. */
  jobMembers(shortcode: string): Promise<readonly WorkableMember[]>;
}
