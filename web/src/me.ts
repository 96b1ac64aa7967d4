import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { Me } from './types.ts';

/** Who is signed in (`GET /me`): actions the caller's roles do not allow are not offered. */
export const MeContext = createContext<Me>({ subject: '', roles: [] });

export function useCan(): { act: boolean; erase: boolean; admin: boolean } {
  const me = useContext(MeContext);
  return {
    act: me.roles.includes('recruiter') || me.roles.includes('admin'),
    erase: me.roles.includes('admin'),
    admin: me.roles.includes('admin'),
  };
}
