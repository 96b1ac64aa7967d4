import { silentLog } from '#core/ports/log.ts';
import { createApp } from '#http/app.ts';
import type { Authenticator, Role } from '#http/auth.ts';
import { unitWorld } from './unit-world.ts';

/** Bearer tokens named after the roles they grant: `recruiter`, `viewer`, `admin`; the subject is `<role>-1`. */
const byRole: Authenticator = (c) => {
  const token = /^Bearer (\w+)$/.exec(c.req.header('authorization') ?? '')?.[1];
  const roles: Record<string, Role[]> = { recruiter: ['recruiter'], viewer: ['viewer'], admin: ['admin'] };
  return token !== undefined && roles[token] ? { subject: `${token}-1`, roles: roles[token] } : undefined;
};

/** The notice routes (decisions, notices, their actions, sending) on the unit world, and a caller by role. */
export function noticeApi() {
  const world = unitWorld();
  const app = createApp({
    authenticate: byRole,
    log: silentLog,
    recordDecisions: world.recordDecisions,
    getNotice: world.getNotice,
    defaultRecruiterInbox: world.config.defaultRecruiterInbox,
    noticeActions: {
      resendNotice: world.resendNotice,
      cancelNotice: world.cancelNotice,
      changeOwner: world.changeOwner,
    },
    sending: world.manageSending,
  });
  const call = (method: string, path: string, role?: string, body?: unknown) =>
    app.request(path, {
      method,
      headers: {
        ...(role === undefined ? {} : { authorization: `Bearer ${role}` }),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    });
  return { app, world, call };
}
