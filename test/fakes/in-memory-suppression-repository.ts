import type { Suppression, SuppressionRepository } from '#core/ports/suppression-repository.ts';

export class InMemorySuppressionRepository implements SuppressionRepository {
  readonly items = new Map<string, Suppression>();

  async add(suppression: Suppression): Promise<void> {
    if (!this.items.has(suppression.emailDigest)) this.items.set(suppression.emailDigest, { ...suppression });
  }

  async find(emailDigest: string): Promise<Suppression | undefined> {
    const found = this.items.get(emailDigest);
    return found ? { ...found } : undefined;
  }
}
