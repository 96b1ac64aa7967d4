import { randomUUID } from 'node:crypto';
import type { RawMailLocation } from '#core/domain/reply.ts';
import type { RawMailRead, RawMailStore } from '#core/ports/raw-mail-store.ts';

/**
 * The local stand-in for the inbound S3 bucket: `POST /local/inbound` puts the raw message here and the
 * reply use case reads it back, as the reply function reads S3. Messages are dropped once processed (or
 * after `capacity` newer ones), since the local stack keeps no raw mail.
 */
export class InProcessRawMailStore implements RawMailStore {
  private readonly messages = new Map<string, Uint8Array>();

  constructor(private readonly capacity = 100) {}

  put(bytes: Uint8Array): RawMailLocation {
    const key = `inbound/${randomUUID()}`;
    this.messages.set(key, bytes);
    while (this.messages.size > this.capacity) {
      const oldest = this.messages.keys().next().value;
      if (oldest === undefined) break;
      this.messages.delete(oldest);
    }
    return { store: 'local', key };
  }

  delete(location: RawMailLocation): void {
    this.messages.delete(location.key);
  }

  async read(location: RawMailLocation, maxBytes: number): Promise<RawMailRead> {
    const bytes = this.messages.get(location.key);
    if (bytes === undefined) return { kind: 'missing' };
    if (bytes.byteLength > maxBytes) return { kind: 'too-large', sizeBytes: bytes.byteLength };
    return { kind: 'found', bytes };
  }
}
