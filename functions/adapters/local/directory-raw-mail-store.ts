import { randomUUID } from 'node:crypto';
import { mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { RawMailLocation } from '#core/domain/reply.ts';
import type { RawMailRead } from '#core/ports/raw-mail-store.ts';
import type { LocalRawMailStore } from './in-process-raw-mail-store.ts';

const KEY = /^inbound\/[0-9a-f-]{36}$/;

/**
 * The inbound bucket on disk for `npm start` (`.data/inbound/`): raw messages survive a restart, as the
 * DynamoDB data beside them does, and stay until they are erased, as in S3 until the retention ends.
 */
export class DirectoryRawMailStore implements LocalRawMailStore {
  constructor(private readonly directory: string) {}

  async put(bytes: Uint8Array): Promise<RawMailLocation> {
    await mkdir(this.directory, { recursive: true });
    const id = randomUUID();
    await writeFile(join(this.directory, `${id}.eml`), bytes, { mode: 0o600 });
    return { store: 'local', key: `inbound/${id}` };
  }

  async read(location: RawMailLocation, maxBytes: number): Promise<RawMailRead> {
    const file = this.fileOf(location);
    const size = await stat(file).then(
      (s) => s.size,
      () => undefined,
    );
    if (size === undefined) return { kind: 'missing' };
    if (size > maxBytes) return { kind: 'too-large', sizeBytes: size };
    return { kind: 'found', bytes: new Uint8Array(await readFile(file)) };
  }

  async delete(location: RawMailLocation): Promise<void> {
    await rm(this.fileOf(location), { force: true });
  }

  /** A location comes from a stored reply: never let one name a file outside the directory. */
  private fileOf(location: RawMailLocation): string {
    if (location.store !== 'local' || !KEY.test(location.key)) {
      throw new Error(`Refusing ${location.key}: not a local inbound message key`);
    }
    return join(this.directory, `${location.key.slice('inbound/'.length)}.eml`);
  }
}
