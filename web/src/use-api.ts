import { useCallback, useEffect, useState } from 'preact/hooks';
import { api } from './api.ts';

export type Loaded<T> =
  | { readonly state: 'loading' }
  | { readonly state: 'error'; readonly error: Error }
  | { readonly state: 'ready'; readonly data: T };

/** Loads `path` whenever it changes; `reload` fetches it again (after an action). */
export function useApi<T>(path: string): { result: Loaded<T>; reload: () => void } {
  const [result, setResult] = useState<Loaded<T>>({ state: 'loading' });
  const [generation, setGeneration] = useState(0);
  useEffect(() => {
    let live = true;
    setResult({ state: 'loading' });
    api<T>(path)
      .then((data) => live && setResult({ state: 'ready', data }))
      .catch(
        (error: unknown) =>
          live && setResult({ state: 'error', error: error instanceof Error ? error : new Error(String(error)) }),
      );
    return () => {
      live = false;
    };
  }, [path, generation]);
  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  return { result, reload };
}
