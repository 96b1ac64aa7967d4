import type { DeliveryLog, DeliveryRecord } from '#core/ports/delivery-log.ts';

export class InMemoryDeliveryLog implements DeliveryLog {
  readonly items = new Map<string, { record: DeliveryRecord; expiresAt: Date }>();

  async find(source: string, deliveryId: string): Promise<DeliveryRecord | undefined> {
    const found = this.items.get(`${source}\u0000${deliveryId}`);
    return found ? structuredClone(found.record) : undefined;
  }

  async remember(record: DeliveryRecord, expiresAt: Date): Promise<void> {
    const key = `${record.source}\u0000${record.deliveryId}`;
    if (!this.items.has(key)) this.items.set(key, { record: structuredClone(record), expiresAt });
  }
}
