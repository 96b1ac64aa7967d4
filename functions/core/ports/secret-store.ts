/**
 * Shared secrets by name (webhook signing secrets, the Lever API key, the Workable API token): the environment locally, Secrets
 * Manager in AWS. A name may hold several values at once while a secret is being rotated; every one of them
 * is accepted until the old one is removed.
 */
export interface SecretStore {
  /** The current values, never empty. Throws when the secret is not configured. */
  get(name: SecretName): Promise<readonly string[]>;
}

export const SECRET_NAMES = [
  'greenhouse',
  'lever',
  'lever-api-key',
  'ashby',
  'workable',
  'workable-api-token',
  'generic',
] as const;
export type SecretName = (typeof SECRET_NAMES)[number];
