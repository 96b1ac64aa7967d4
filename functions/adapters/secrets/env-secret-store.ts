import type { SecretName, SecretStore } from '#core/ports/secret-store.ts';
import { LOCAL_SECRET_DEFAULTS, parseSecretValue, SECRET_VARIABLES } from './secret-values.ts';

/** Local secrets: the environment, falling back to the documented development values. */
export class EnvSecretStore implements SecretStore {
  private readonly values: Readonly<Record<SecretName, readonly string[]>>;

  constructor(env: NodeJS.ProcessEnv) {
    const entries = (Object.keys(SECRET_VARIABLES) as SecretName[]).map((name) => {
      const variable = SECRET_VARIABLES[name];
      const given = env[variable];
      return [
        name,
        parseSecretValue(variable, given === undefined || given === '' ? LOCAL_SECRET_DEFAULTS[name] : given),
      ];
    });
    this.values = Object.fromEntries(entries) as Record<SecretName, readonly string[]>;
  }

  async get(name: SecretName): Promise<readonly string[]> {
    return this.values[name];
  }
}
