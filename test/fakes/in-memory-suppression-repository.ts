import { ValidationError } from '#core/domain/errors.ts';
import type {
  AddedSuppression,
  Suppression,
  SuppressionPage,
  SuppressionQuery,
  SuppressionReason,
  SuppressionRepository,
} from '#core/ports/suppression-repository.ts';

/** Suppressions in memory, with the DynamoDB adapter's semantics (both pass the suppression repository contract). */
export class InMemorySuppressionRepository implements SuppressionRepository {
  readonly items = new Map<string, Suppression>();

  async add(suppression: Suppression): Promise<AddedSuppression> {
    const existing = this.items.get(suppression.emailDigest);
    const replaces = suppression.reason === 'erased' && existing !== undefined && existing.reason !== 'erased';
    if (existing !== undefined && !replaces) return { added: false, suppression: { ...existing } };
    this.items.set(suppression.emailDigest, { ...suppression });
    return { added: true, suppression: { ...suppression } };
  }

  async find(emailDigest: string): Promise<Suppression | undefined> {
    const found = this.items.get(emailDigest);
    return found ? { ...found } : undefined;
  }

  async list(query: SuppressionQuery): Promise<SuppressionPage> {
    const all = [...this.items.values()]
      .filter((s) => query.reason === undefined || s.reason === query.reason)
      .sort((a, b) => (positionOf(a) < positionOf(b) ? 1 : -1));
    let start = 0;
    if (query.cursor !== undefined) {
      // A position, as DynamoDB's last evaluated key is: the page goes on after it even if that item is gone.
      const after = Buffer.from(query.cursor, 'base64url').toString('utf8');
      if (!/^\d{4}-\d\d-\d\dT[\d:.]+Z#[0-9a-f]+$/.test(after)) {
        throw new ValidationError('The cursor is not one this list handed out', []);
      }
      start = all.findIndex((s) => positionOf(s) < after);
      if (start < 0) start = all.length;
    }
    const page = all.slice(start, start + query.limit);
    const last = page.at(-1);
    const more = start + query.limit < all.length;
    return {
      items: page.map((s) => ({ ...s })),
      ...(more && last !== undefined ? { cursor: cursorOf(last) } : {}),
    };
  }

  async remove(emailDigest: string, reason: SuppressionReason): Promise<boolean> {
    if (this.items.get(emailDigest)?.reason !== reason) return false;
    this.items.delete(emailDigest);
    return true;
  }
}

const positionOf = (s: Suppression) => `${s.at}#${s.emailDigest}`;
const cursorOf = (s: Suppression) => Buffer.from(positionOf(s)).toString('base64url');
