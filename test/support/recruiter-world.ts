import { loopStatsFrom, manageSuppressionsFrom, recruiterUseCasesFrom } from '#composition/use-cases.ts';
import { createApp } from '#http/app.ts';
import type { Authenticator, Role } from '#http/auth.ts';
import { InMemoryLoopRecordSource } from '../fakes/in-memory-loop-record-source.ts';
import { replyWorld } from './reply-world.ts';

/** Bearer tokens named after their roles, so role checks run as with Cognito groups. */
export const roleAuthenticator: Authenticator = (c) => {
  const token = /^Bearer (\S+)$/.exec(c.req.header('authorization') ?? '')?.[1];
  const roles: Record<string, Role[]> = { admin: ['admin'], recruiter: ['recruiter'], viewer: ['viewer'] };
  return token !== undefined && roles[token] ? { subject: `sub-${token}`, roles: roles[token] } : undefined;
};

/** The reply world plus the recruiter views and erasure, and the Hono app serving them. */
export function recruiterWorld(options: Parameters<typeof replyWorld>[0] = {}) {
  const w = replyWorld(options);
  const ports = {
    records: w.reply.records,
    erasures: w.reply.erasures,
    loopRecord: new InMemoryLoopRecordSource({ decisions: w.decisions, notices: w.notices }),
    flags: w.reply.flags,
    notices: w.notices,
    relays: w.reply.relays,
    replies: w.reply.replies,
    suppressions: w.suppressions,
    raw: w.reply.raw,
    renderer: w.renderer,
    clock: w.clock,
    log: w.log,
  };
  const recruiter = recruiterUseCasesFrom(ports, w.config);
  const getLoopStats = loopStatsFrom(ports);
  const manageSuppressions = manageSuppressionsFrom(ports);
  const app = createApp({
    authenticate: roleAuthenticator,
    log: w.log,
    recordDecisions: w.recordDecisions,
    getNotice: w.getNotice,
    defaultRecruiterInbox: w.config.defaultRecruiterInbox,
    flags: { reviewFlag: w.reviewFlag, getFlag: (id, flag) => w.reply.flags.get(id, flag) },
    candidates: recruiter,
    stats: { getLoopStats },
    suppressions: manageSuppressions,
  });
  const call = (path: string, token = 'viewer', init: RequestInit = {}) =>
    app.request(path, { ...init, headers: { authorization: `Bearer ${token}`, ...init.headers } });
  return { ...w, recruiterPorts: ports, ...recruiter, getLoopStats, manageSuppressions, app, call };
}
