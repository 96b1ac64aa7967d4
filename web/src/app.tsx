import { useEffect, useState } from 'preact/hooks';
import { setApiBaseUrl } from './api.ts';
import { resumeCognitoSession, signOutEverywhere, storedToken } from './auth.ts';
import { SendingBanner } from './components/sending-banner.tsx';
import { Status } from './components/status.tsx';
import { MeContext } from './me.ts';
import { Candidate } from './pages/candidate.tsx';
import { Candidates } from './pages/candidates.tsx';
import { DecisionsUpload } from './pages/decisions-upload.tsx';
import { Rejections } from './pages/rejections.tsx';
import { SignIn } from './pages/sign-in.tsx';
import { Stats } from './pages/stats.tsx';
import { Suppressions } from './pages/suppressions.tsx';
import { TemplatePreviewPage } from './pages/template-preview.tsx';
import { UnmatchedReplies } from './pages/unmatched-replies.tsx';
import { href, useRoute } from './router.ts';
import { loadRuntimeConfig, type RuntimeConfig } from './runtime-config.ts';
import type { Me } from './types.ts';
import { useApi } from './use-api.ts';

export function App() {
  const [config, setConfig] = useState<RuntimeConfig | undefined>();
  const [failure, setFailure] = useState<string | undefined>();
  const [signedIn, setSignedIn] = useState(() => storedToken() !== undefined);

  useEffect(() => {
    loadRuntimeConfig()
      .then(async (loaded) => {
        setApiBaseUrl(loaded.apiBaseUrl);
        if (loaded.auth.mode === 'cognito' && (await resumeCognitoSession(loaded.auth))) setSignedIn(true);
        setConfig(loaded);
      })
      .catch((e: unknown) => setFailure(e instanceof Error ? e.message : String(e)));
  }, []);

  if (failure !== undefined) {
    return (
      <main id="main">
        <p class="error" role="alert">
          The dashboard could not load its configuration: {failure}
        </p>
      </main>
    );
  }
  if (config === undefined) {
    return (
      <main id="main">
        <p role="status">Loading…</p>
      </main>
    );
  }
  if (!signedIn) return <SignIn config={config} onSignedIn={() => setSignedIn(true)} />;
  return <SignedIn auth={config.auth} onSignOut={() => setSignedIn(false)} />;
}

/** The dashboard proper, once `GET /me` said who is signed in (actions follow the caller's roles). */
function SignedIn({ auth, onSignOut }: { auth: RuntimeConfig['auth']; onSignOut: () => void }) {
  const route = useRoute();
  const { result } = useApi<Me>('/me');
  if (result.state !== 'ready') {
    return (
      <main id="main">
        <Status result={result}>{() => null}</Status>
      </main>
    );
  }
  return (
    <MeContext.Provider value={result.data}>
      <a class="skip" href="#main">
        Skip to content
      </a>
      <header class="top">
        <span class="brand">Closeloop</span>
        <nav aria-label="Main">
          <a href={href('/rejections')} aria-current={route.page === 'rejections' ? 'page' : undefined}>
            Rejections
          </a>
          <a
            href={href('/candidates')}
            aria-current={route.page === 'candidates' || route.page === 'candidate' ? 'page' : undefined}
          >
            Flagged candidates
          </a>
          <a href={href('/replies/unmatched')} aria-current={route.page === 'unmatched' ? 'page' : undefined}>
            Unmatched replies
          </a>
          <a href={href('/stats')} aria-current={route.page === 'stats' ? 'page' : undefined}>
            Stats
          </a>
          <a href={href('/suppressions')} aria-current={route.page === 'suppressions' ? 'page' : undefined}>
            Suppressions
          </a>
          <a href={href('/decisions/new')} aria-current={route.page === 'decisions-new' ? 'page' : undefined}>
            Record decisions
          </a>
          <a href={href('/templates')} aria-current={route.page === 'templates' ? 'page' : undefined}>
            Templates
          </a>
        </nav>
        <button
          type="button"
          class="link"
          onClick={() => {
            if (signOutEverywhere(auth) === 'stayed') onSignOut();
          }}
        >
          Sign out
        </button>
      </header>
      <SendingBanner route={route} />
      {route.page === 'rejections' && <Rejections query={route.query} />}
      {route.page === 'suppressions' && <Suppressions query={route.query} />}
      {route.page === 'candidates' && <Candidates query={route.query} />}
      {route.page === 'candidate' && <Candidate id={route.id} />}
      {route.page === 'stats' && <Stats query={route.query} />}
      {route.page === 'unmatched' && <UnmatchedReplies />}
      {route.page === 'decisions-new' && <DecisionsUpload />}
      {route.page === 'templates' && <TemplatePreviewPage />}
      {route.page === 'not-found' && (
        <main id="main">
          <h1>Not found</h1>
          <p>
            <a href={href('/rejections')}>Go to rejections</a>
          </p>
        </main>
      )}
    </MeContext.Provider>
  );
}
