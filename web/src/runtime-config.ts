/**
 * Where the API is and how to sign in, read from `config.json` beside the app: the local server answers it
 * (dev token), the CDK stack writes it into the bucket (Cognito hosted sign-in).
 */
export type RuntimeConfig =
  | { readonly apiBaseUrl: string; readonly auth: { readonly mode: 'token' } }
  | {
      readonly apiBaseUrl: string;
      readonly auth: {
        readonly mode: 'cognito';
        readonly domain: string;
        readonly clientId: string;
        readonly redirectUri: string;
      };
    };

export async function loadRuntimeConfig(): Promise<RuntimeConfig> {
  const response = await fetch('./config.json', { cache: 'no-store' });
  if (!response.ok) throw new Error(`config.json answered ${response.status}`);
  const config = (await response.json()) as RuntimeConfig;
  return { ...config, apiBaseUrl: config.apiBaseUrl.replace(/\/$/, '') };
}
