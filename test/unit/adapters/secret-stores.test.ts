import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { EnvSecretStore } from '#adapters/secrets/env-secret-store.ts';
import { parseSecretValue } from '#adapters/secrets/secret-values.ts';
import { SecretsManagerSecretStore } from '#adapters/secrets/secrets-manager-secret-store.ts';

// Secrets Manager has no emulator here: the client is mocked, as the project's rules allow.
const secretsManager = mockClient(SecretsManagerClient);
afterEach(() => secretsManager.reset());

describe('secret values', () => {
  it('are one secret, or a JSON array of them while rotating', () => {
    expect(parseSecretValue('X', ' s3cret ')).toEqual(['s3cret']);
    expect(parseSecretValue('X', '["new", "old"]')).toEqual(['new', 'old']);
    expect(() => parseSecretValue('X', '')).toThrow(/empty/);
    expect(() => parseSecretValue('X', '[]')).toThrow(/non-empty/);
    expect(() => parseSecretValue('X', '[1]')).toThrow(/strings/);
    expect(() => parseSecretValue('X', '[oops')).toThrow(/JSON array/);
  });
});

describe('the local secret store', () => {
  it('reads the environment and falls back to the documented development values', async () => {
    const store = new EnvSecretStore({ GREENHOUSE_WEBHOOK_SECRET: 'from-env' });

    expect(await store.get('greenhouse')).toEqual(['from-env']);
    expect(await store.get('generic')).toEqual(['dev-generic-webhook-secret']);
  });
});

describe('the Secrets Manager secret store', () => {
  const ids = { greenhouse: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:gh', lever: 'lever-secret' };

  it('reads each configured secret once within the cache time, and parses rotations', async () => {
    secretsManager.on(GetSecretValueCommand, { SecretId: ids.greenhouse }).resolves({ SecretString: 'gh-secret' });
    secretsManager.on(GetSecretValueCommand, { SecretId: ids.lever }).resolves({ SecretString: '["new","old"]' });
    const store = new SecretsManagerSecretStore(new SecretsManagerClient({ region: 'eu-west-1' }), ids);

    await store.warm();
    const greenhouse = await store.get('greenhouse');
    const lever = await store.get('lever');

    expect(greenhouse).toEqual(['gh-secret']);
    expect(lever).toEqual(['new', 'old']);
    expect(secretsManager.commandCalls(GetSecretValueCommand)).toHaveLength(2);
  });

  it('fails loudly for a secret that is not configured or cannot be read', async () => {
    secretsManager.on(GetSecretValueCommand).rejects(new Error('AccessDeniedException'));
    const store = new SecretsManagerSecretStore(new SecretsManagerClient({ region: 'eu-west-1' }), ids);

    await expect(store.get('ashby')).rejects.toThrow(/ASHBY_WEBHOOK_SECRET_ARN/);
    await expect(store.warm()).rejects.toThrow();
  });

  it('takes the secret ids from the <VARIABLE>_ARN variables the stack sets', () => {
    expect(
      SecretsManagerSecretStore.idsFromEnv({
        GREENHOUSE_WEBHOOK_SECRET_ARN: 'arn:gh',
        LEVER_API_KEY_ARN: 'arn:key',
        X: 'y',
      }),
    ).toEqual({ greenhouse: 'arn:gh', 'lever-api-key': 'arn:key' });
  });
});
