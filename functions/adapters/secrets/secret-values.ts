import type { SecretName } from '#core/ports/secret-store.ts';

/** The environment variable that holds each secret locally; in AWS, `<variable>_ARN` names the secret instead. */
export const SECRET_VARIABLES: Readonly<Record<SecretName, string>> = {
  greenhouse: 'GREENHOUSE_WEBHOOK_SECRET',
  lever: 'LEVER_WEBHOOK_SECRET',
  'lever-api-key': 'LEVER_API_KEY',
  ashby: 'ASHBY_WEBHOOK_SECRET',
  workable: 'WORKABLE_WEBHOOK_SECRET',
  'workable-api-token': 'WORKABLE_API_TOKEN',
  generic: 'GENERIC_WEBHOOK_SECRET',
};

/** Development values `npm start` uses when the variable is unset (printed in its banner). Never used in AWS. */
export const LOCAL_SECRET_DEFAULTS: Readonly<Record<SecretName, string>> = {
  greenhouse: 'dev-greenhouse-webhook-secret',
  lever: 'dev-lever-signature-token',
  'lever-api-key': 'dev-lever-api-key',
  ashby: 'dev-ashby-webhook-secret',
  workable: 'dev-workable-webhook-secret',
  'workable-api-token': 'dev-workable-api-token',
  generic: 'dev-generic-webhook-secret',
};

/**
 * A secret's value is one secret, or, while rotating, a JSON array of them (`["new", "old"]`): every one is
 * accepted until the array is replaced by the new value alone.
 */
export function parseSecretValue(name: string, value: string): readonly string[] {
  const trimmed = value.trim();
  if (trimmed.startsWith('[')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(trimmed);
    } catch {
      throw new Error(`Secret ${name} starts with [ but is not a JSON array of strings`);
    }
    if (!Array.isArray(parsed) || parsed.length === 0 || !parsed.every((s) => typeof s === 'string' && s !== '')) {
      throw new Error(`Secret ${name} must be a non-empty JSON array of non-empty strings`);
    }
    return parsed as string[];
  }
  if (trimmed === '') throw new Error(`Secret ${name} is empty`);
  return [trimmed];
}
