/**
 * What Closeloop reads from Lever's API about an opportunity. Lever signs only `token + triggeredAt`, never the
 * webhook's `data`, so the webhook says *which* opportunity changed and this port says what is true about it.
 */
export interface LeverOpportunity {
  readonly id: string;
  readonly name: string;
  /** The first of the contact's addresses; undefined when Lever has none. */
  readonly email?: string;
  readonly contactId?: string;
  /** Undefined when the opportunity is not archived (it is active, or was unarchived). */
  readonly archived?: {
    readonly at: string;
    readonly reason: { readonly id: string; readonly text: string; readonly type: 'hired' | 'non-hired' | string };
  };
  readonly stageName?: string;
  readonly posting?: { readonly id: string; readonly title: string };
  /** The opportunity's owner, the recruiter responsible for it; undefined when Lever names none. */
  readonly owner?: { readonly name: string; readonly email?: string };
}

export interface LeverApi {
  /** Undefined when Lever does not know the opportunity. Throws `UpstreamUnavailableError` when Lever fails. */
  getOpportunity(opportunityId: string): Promise<LeverOpportunity | undefined>;
}
