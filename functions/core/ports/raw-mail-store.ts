import type { RawMailLocation } from '../domain/reply.ts';

export type RawMailRead =
  | { readonly kind: 'found'; readonly bytes: Uint8Array }
  | { readonly kind: 'missing' }
  | { readonly kind: 'too-large'; readonly sizeBytes: number };

/** Where SES (or `POST /local/inbound`) leaves raw messages: S3 in AWS, an in-process store locally. */
export interface RawMailStore {
  /** Reads a message, refusing (without downloading it) one larger than `maxBytes`. */
  read(location: RawMailLocation, maxBytes: number): Promise<RawMailRead>;
  /** Deletes a message for good (erasure); one already gone is fine. */
  delete(location: RawMailLocation): Promise<void>;
}
