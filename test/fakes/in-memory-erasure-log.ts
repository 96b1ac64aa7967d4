import type { ErasureLog, ErasureReceipt } from '#core/ports/erasure-log.ts';

export class InMemoryErasureLog implements ErasureLog {
  readonly items = new Map<string, ErasureReceipt>();

  async get(candidateId: string): Promise<ErasureReceipt | undefined> {
    const found = this.items.get(candidateId);
    return found ? structuredClone(found) : undefined;
  }

  async save(receipt: ErasureReceipt): Promise<void> {
    this.items.set(receipt.candidateId, structuredClone(receipt));
  }

  readonly applications = new Map<string, string>();

  async markApplicationErased(applicationKey: string, candidateId: string): Promise<void> {
    this.applications.set(applicationKey, candidateId);
  }

  async erasedApplication(applicationKey: string): Promise<string | undefined> {
    return this.applications.get(applicationKey);
  }
}
