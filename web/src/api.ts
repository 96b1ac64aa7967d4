import { signOut, storedToken } from './auth.ts';
import { filenameFromContentDisposition } from './content-disposition.ts';

/** RFC 9457 problem details, as every error of the API is shaped. */
export interface Problem {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail?: string;
  readonly errors?: readonly { field: string; message: string; line?: number }[];
}

export class ApiError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail ?? problem.title);
  }
}

export class SignedOut extends Error {}

let baseUrl = '';
export function setApiBaseUrl(url: string): void {
  baseUrl = url;
}

/** Calls the recruiter API with the stored bearer token; a 401 signs out so the app shows the sign-in page. */
export async function api<T>(path: string, init: RequestInit = {}): Promise<T> {
  const token = storedToken();
  if (token === undefined) throw new SignedOut();
  const response = await fetch(`${baseUrl}${path}`, {
    ...init,
    headers: {
      accept: 'application/json',
      authorization: `Bearer ${token}`,
      ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
      ...init.headers,
    },
  });
  if (response.status === 401) {
    signOut();
    throw new SignedOut();
  }
  if (!response.ok) {
    const problem = (await response.json().catch(() => undefined)) as Problem | undefined;
    throw new ApiError(problem ?? { type: 'about:blank', title: response.statusText, status: response.status });
  }
  return (response.status === 204 ? undefined : await response.json()) as T;
}

/** Checks a token before keeping it, so a typo is caught on the sign-in page. */
export async function verifyToken(token: string): Promise<boolean> {
  const response = await fetch(`${baseUrl}/me`, { headers: { authorization: `Bearer ${token}` } });
  return response.ok;
}

/**
 * Downloads a file from the API (the bearer token cannot ride on a plain link) and hands it to the browser, under
 * the name the server gave it (`Content-Disposition`, cleaned server-side); `fallbackName` only when it gave none.
 */
export async function download(path: string, fallbackName: string): Promise<void> {
  const token = storedToken();
  if (token === undefined) throw new SignedOut();
  const response = await fetch(`${baseUrl}${path}`, { headers: { authorization: `Bearer ${token}` } });
  if (!response.ok) {
    const problem = (await response.json().catch(() => undefined)) as Problem | undefined;
    throw new ApiError(problem ?? { type: 'about:blank', title: response.statusText, status: response.status });
  }
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = filenameFromContentDisposition(response.headers.get('content-disposition'), fallbackName);
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** A fresh idempotency key: one per composed message, so a double click or a retry sends it once. */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
}
