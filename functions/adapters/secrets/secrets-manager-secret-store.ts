import { SecretsProvider } from '@aws-lambda-powertools/parameters/secrets';
import type { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { SecretName, SecretStore } from '#core/ports/secret-store.ts';
import { parseSecretValue, SECRET_VARIABLES } from './secret-values.ts';

/** How long a value is trusted before Secrets Manager is asked again: a rotation reaches every function within it. */
export const SECRET_CACHE_SECONDS = 300;

/**
 * Secrets from AWS Secrets Manager through Powertools' SecretsProvider, which caches each value in memory for
 * `SECRET_CACHE_SECONDS`. `warm()` reads them all at cold start, so a missing secret or permission fails the
 * deployment's first request loudly instead of a webhook at random.
 */
export class SecretsManagerSecretStore implements SecretStore {
  private readonly provider: SecretsProvider;

  /** `ids` maps each secret to its ARN or name (the `<VARIABLE>_ARN` variables the CDK stack sets). */
  constructor(
    client: SecretsManagerClient,
    private readonly ids: Readonly<Partial<Record<SecretName, string>>>,
  ) {
    this.provider = new SecretsProvider({ awsSdkV3Client: client });
  }

  static idsFromEnv(env: NodeJS.ProcessEnv): Partial<Record<SecretName, string>> {
    return Object.fromEntries(
      (Object.keys(SECRET_VARIABLES) as SecretName[])
        .map((name) => [name, env[`${SECRET_VARIABLES[name]}_ARN`]] as const)
        .filter((entry): entry is readonly [SecretName, string] => entry[1] !== undefined && entry[1] !== ''),
    );
  }

  async get(name: SecretName): Promise<readonly string[]> {
    const id = this.ids[name];
    if (id === undefined) throw new Error(`No secret is configured for ${name} (${SECRET_VARIABLES[name]}_ARN)`);
    const value = await this.provider.get(id, { maxAge: SECRET_CACHE_SECONDS });
    if (typeof value !== 'string') throw new Error(`Secret ${name} has no string value`);
    return parseSecretValue(name, value);
  }

  async warm(): Promise<void> {
    await Promise.all((Object.keys(this.ids) as SecretName[]).map((name) => this.get(name)));
  }
}
