import { useEffect, useState } from 'preact/hooks';

/**
 * Hash routes (`#/candidates/c_123`): the app is static files, so the same build works behind CloudFront
 * and the local server without rewrite rules.
 */
export type Route =
  | { readonly page: 'candidates'; readonly query: URLSearchParams }
  | { readonly page: 'candidate'; readonly id: string }
  | { readonly page: 'stats'; readonly query: URLSearchParams }
  | { readonly page: 'unmatched' }
  | { readonly page: 'rejections'; readonly query: URLSearchParams }
  | { readonly page: 'suppressions'; readonly query: URLSearchParams }
  | { readonly page: 'decisions-new' }
  | { readonly page: 'templates' }
  | { readonly page: 'not-found' };

export function parseRoute(hash: string): Route {
  const [path = '', search = ''] = hash.replace(/^#/, '').split('?');
  const query = new URLSearchParams(search);
  const parts = path.split('/').filter(Boolean);
  // The main page is Rejections; flagged candidates keep their address (`#/candidates`).
  if (parts.length === 0 || (parts[0] === 'rejections' && parts.length === 1)) return { page: 'rejections', query };
  if (parts[0] === 'suppressions' && parts.length === 1) return { page: 'suppressions', query };
  if (parts[0] === 'candidates' && parts.length === 1) return { page: 'candidates', query };
  if (parts[0] === 'candidates' && parts[1] !== undefined && parts.length === 2) {
    return { page: 'candidate', id: decodeURIComponent(parts[1]) };
  }
  if (parts[0] === 'stats' && parts.length === 1) return { page: 'stats', query };
  if (parts[0] === 'replies' && parts[1] === 'unmatched' && parts.length === 2) return { page: 'unmatched' };
  if (parts[0] === 'decisions' && parts[1] === 'new' && parts.length === 2) return { page: 'decisions-new' };
  if (parts[0] === 'templates' && parts.length === 1) return { page: 'templates' };
  return { page: 'not-found' };
}

export function href(path: string, query?: Record<string, string | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) if (value) params.set(key, value);
  const search = params.toString();
  return `#${path}${search ? `?${search}` : ''}`;
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(location.hash));
  useEffect(() => {
    const onChange = () => setRoute(parseRoute(location.hash));
    addEventListener('hashchange', onChange);
    return () => removeEventListener('hashchange', onChange);
  }, []);
  return route;
}
