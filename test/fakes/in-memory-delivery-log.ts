import type { ClaimResult, DeliveryClaim, DeliveryLog, DeliveryRecord } from '#core/ports/delivery-log.ts';

type Item =
  | { readonly state: 'in-progress'; readonly claimedAt: string; readonly expiresAt: Date }
  | { readonly state: 'handled'; readonly record: DeliveryRecord; readonly expiresAt: Date };

export class InMemoryDeliveryLog implements DeliveryLog {
  readonly items = new Map<string, Item>();

  async find(source: string, deliveryId: string): Promise<DeliveryRecord | undefined> {
    const found = this.items.get(key(source, deliveryId));
    return found?.state === 'handled' ? structuredClone(found.record) : undefined;
  }

  async claim(claim: DeliveryClaim): Promise<ClaimResult> {
    const k = key(claim.source, claim.deliveryId);
    const found = this.items.get(k);
    if (found?.state === 'handled') return { status: 'handled', record: structuredClone(found.record) };
    if (found !== undefined && Date.parse(found.claimedAt) >= claim.staleBefore.getTime()) {
      return { status: 'in-progress', claimedAt: found.claimedAt };
    }
    this.items.set(k, { state: 'in-progress', claimedAt: claim.claimedAt.toISOString(), expiresAt: claim.expiresAt });
    return { status: 'claimed' };
  }

  async release(source: string, deliveryId: string, claimedAt: Date): Promise<void> {
    const k = key(source, deliveryId);
    const found = this.items.get(k);
    if (found?.state === 'in-progress' && found.claimedAt === claimedAt.toISOString()) this.items.delete(k);
  }

  async remember(record: DeliveryRecord, expiresAt: Date): Promise<void> {
    const k = key(record.source, record.deliveryId);
    if (this.items.get(k)?.state !== 'handled') {
      this.items.set(k, { state: 'handled', record: structuredClone(record), expiresAt });
    }
  }
}

function key(source: string, deliveryId: string): string {
  return `${source}\u0000${deliveryId}`;
}
