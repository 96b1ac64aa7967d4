import { randomUUID } from 'node:crypto';
import type { RawMailLocation } from '#core/domain/reply.ts';
import type { RawMailRead, RawMailStore } from '#core/ports/raw-mail-store.ts';

/** A local stand-in for the inbound bucket: `POST /local/inbound` puts raw messages here, as SES puts them in S3. */
export interface LocalRawMailStore extends RawMailStore {
  put(bytes: Uint8Array): Promise<RawMailLocation>;
}

/**
 * The inbound bucket in memory (`npm start -- --in-memory`, unit tests): messages stay until they are deleted
 * (erasure), or until `capacity` newer ones pushed them out, as nothing here should grow without bound.
 */
export class InProcessRawMailStore implements LocalRawMailStore {
  private readonly messages = new Map<string, Uint8Array>();

  constructor(private readonly capacity = 1000) {}

  async put(bytes: Uint8Array): Promise<RawMailLocation> {
    const key = `inbound/${randomUUID()}`;
    this.messages.set(key, bytes);
    while (this.messages.size > this.capacity) {
      const oldest = this.messages.keys().next().value;
      if (oldest === undefined) break;
      this.messages.delete(oldest);
    }
    return { store: 'local', key };
  }

  async delete(location: RawMailLocation): Promise<void> {
    this.messages.delete(location.key);
  }

  async read(location: RawMailLocation, maxBytes: number): Promise<RawMailRead> {
    const bytes = this.messages.get(location.key);
    if (bytes === undefined) return { kind: 'missing' };
    if (bytes.byteLength > maxBytes) return { kind: 'too-large', sizeBytes: bytes.byteLength };
    return { kind: 'found', bytes };
  }

  /** Every message held, for tests that check what is kept. */
  contents(): Uint8Array[] {
    return [...this.messages.values()];
  }
}
