import { DeleteObjectCommand, GetObjectCommand, HeadObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import type { RawMailLocation } from '#core/domain/reply.ts';
import type { RawMailRead, RawMailStore } from '#core/ports/raw-mail-store.ts';

function isNotFound(e: unknown): boolean {
  return e instanceof Error && (e.name === 'NoSuchKey' || e.name === 'NotFound');
}

/**
 * Reads what the SES receipt rule stored. The size is checked with a HEAD first, so an oversized object is
 * refused without being downloaded; the download itself stops at the limit too (the object could change
 * between the two calls).
 */
export class S3RawMailStore implements RawMailStore {
  constructor(
    private readonly client: S3Client,
    private readonly bucket: string,
    private readonly prefix: string,
  ) {}

  async read(location: RawMailLocation, maxBytes: number): Promise<RawMailRead> {
    const bucket = this.checked(location, 'read');
    try {
      const head = await this.client.send(new HeadObjectCommand({ Bucket: bucket, Key: location.key }));
      const size = head.ContentLength ?? 0;
      if (size > maxBytes) return { kind: 'too-large', sizeBytes: size };
      const object = await this.client.send(new GetObjectCommand({ Bucket: bucket, Key: location.key }));
      if (object.Body === undefined) return { kind: 'missing' };
      const chunks: Uint8Array[] = [];
      let total = 0;
      for await (const chunk of object.Body as AsyncIterable<Uint8Array>) {
        total += chunk.byteLength;
        if (total > maxBytes) return { kind: 'too-large', sizeBytes: total };
        chunks.push(chunk);
      }
      return { kind: 'found', bytes: Buffer.concat(chunks, total) };
    } catch (e: unknown) {
      if (isNotFound(e)) return { kind: 'missing' };
      throw e;
    }
  }

  /** The bucket is not versioned, so a delete removes the message for good (S3 answers 204 for a missing key). */
  async delete(location: RawMailLocation): Promise<void> {
    const bucket = this.checked(location, 'delete');
    await this.client.send(new DeleteObjectCommand({ Bucket: bucket, Key: location.key }));
  }

  /** A location comes from a stored reply: only the inbound bucket's prefix is ever touched. */
  private checked(location: RawMailLocation, what: string): string {
    if (location.store !== 's3' || !location.key.startsWith(this.prefix)) {
      throw new Error(`Refusing to ${what} ${location.key}: not under ${this.prefix} of the inbound bucket`);
    }
    const bucket = location.bucket ?? this.bucket;
    if (bucket !== this.bucket) throw new Error(`Refusing to ${what} in bucket ${bucket}: not the inbound bucket`);
    return bucket;
  }
}
