import type { LeverApi, LeverOpportunity } from '#core/ports/lever-api.ts';

/** Lever's API as the core sees it, for unit tests; the real adapter is tested against a fake server. */
export class InMemoryLeverApi implements LeverApi {
  readonly opportunities = new Map<string, LeverOpportunity>();
  readonly reads: string[] = [];

  async getOpportunity(opportunityId: string): Promise<LeverOpportunity | undefined> {
    this.reads.push(opportunityId);
    const found = this.opportunities.get(opportunityId);
    return found ? structuredClone(found) : undefined;
  }
}
