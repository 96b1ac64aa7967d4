import { createHash } from 'node:crypto';

/**
 * Addresses become keys (suppression, candidate identity), so one person must map to one key:
 * trim, lowercase the domain (case-insensitive by RFC 5321) and, in practice, the local part too,
 * because every large mailbox provider treats it case-insensitively and ATSs store it as typed.
 */
export function normalizeEmail(address: string): string {
  return address.trim().toLowerCase();
}

/** Keys hold a digest of the address, never the address itself. */
export function emailDigest(address: string): string {
  return createHash('sha256').update(normalizeEmail(address)).digest('hex');
}

/** Candidate identity is the normalized address, so every application of one person shares a timeline. */
export function candidateIdFor(address: string): string {
  return `c_${emailDigest(address).slice(0, 24)}`;
}

export function domainOf(address: string): string {
  const at = address.lastIndexOf('@');
  return at < 0 ? '' : normalizeEmail(address.slice(at + 1));
}

/** Anything shaped like an address (`local@domain.tld`), however it is surrounded. */
const ADDRESS_LIKE = /[^\s@<>()[\]",;:]+@[^\s@<>()[\]",;:]+\.[^\s@<>()[\]",;:]{2,}/;

/** Whether free text holds an email address: such text may not be kept where only digests are kept. */
export function containsEmailAddress(text: string): boolean {
  return ADDRESS_LIKE.test(text);
}
