import { useState } from 'preact/hooks';
import { verifyToken } from '../api.ts';
import { startCognitoSignIn, storeToken } from '../auth.ts';
import type { RuntimeConfig } from '../runtime-config.ts';

export function SignIn({ config, onSignedIn }: { config: RuntimeConfig; onSignedIn: () => void }) {
  const [token, setToken] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);

  if (config.auth.mode === 'cognito') {
    const auth = config.auth;
    return (
      <main class="sign-in">
        <h1>Closeloop</h1>
        <p>Sign in with your company account to see who heard back and who replied.</p>
        <button type="button" class="primary" onClick={() => void startCognitoSignIn(auth)}>
          Sign in
        </button>
      </main>
    );
  }

  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    const ok = await verifyToken(token.trim()).catch(() => false);
    setBusy(false);
    if (!ok) {
      setError('That token was not accepted. Copy the "Dev API token" line that npm start printed.');
      return;
    }
    storeToken(token.trim());
    onSignedIn();
  };

  return (
    <main class="sign-in">
      <h1>Closeloop</h1>
      <p>
        Local development: sign in with the dev API token that <code>npm start</code> printed.
      </p>
      <form onSubmit={submit} aria-describedby={error ? 'sign-in-error' : undefined}>
        <label for="token">Dev API token</label>
        <input
          id="token"
          name="token"
          type="password"
          autocomplete="off"
          required
          value={token}
          onInput={(e) => setToken(e.currentTarget.value)}
        />
        {error && (
          <p id="sign-in-error" class="error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" class="primary" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </main>
  );
}
