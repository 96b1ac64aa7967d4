import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DirectoryRawMailStore } from '#adapters/local/directory-raw-mail-store.ts';

const dirs: string[] = [];
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

describe('DirectoryRawMailStore (the local inbound bucket)', () => {
  it('keeps a message on disk until it is deleted, and refuses a key that is not one of its own', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'closeloop-inbound-'));
    dirs.push(dir);
    const store = new DirectoryRawMailStore(join(dir, 'inbound'));

    const location = await store.put(new TextEncoder().encode('Subject: hi\r\n\r\nHello'));
    const read = await store.read(location, 1024);
    const tooLarge = await store.read(location, 5);
    await store.delete(location);
    await store.delete(location);

    expect(read.kind === 'found' && new TextDecoder().decode(read.bytes)).toBe('Subject: hi\r\n\r\nHello');
    expect(tooLarge).toEqual({ kind: 'too-large', sizeBytes: 20 });
    expect(await store.read(location, 1024)).toEqual({ kind: 'missing' });
    expect(await readdir(join(dir, 'inbound'))).toEqual([]);
    await expect(store.read({ store: 'local', key: 'inbound/../../etc/passwd' }, 10)).rejects.toThrow(/Refusing/);
  });
});
