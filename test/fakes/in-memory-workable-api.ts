import { UpstreamUnavailableError } from '#core/domain/errors.ts';
import type { WorkableApi, WorkableMember } from '#core/ports/workable-api.ts';

/** Workable's API as the core sees it, for unit tests; the real adapter is tested against a fake server. */
export class InMemoryWorkableApi implements WorkableApi {
  readonly members = new Map<string, WorkableMember[]>();
  readonly reads: string[] = [];
  /** Set to make every read fail as an unavailable Workable would. */
  failing = false;

  async jobMembers(shortcode: string): Promise<readonly WorkableMember[]> {
    this.reads.push(shortcode);
    if (this.failing) throw new UpstreamUnavailableError('Workable answered 503; retry later');
    return structuredClone(this.members.get(shortcode) ?? []);
  }
}
