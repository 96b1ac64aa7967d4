import { EnvSecretStore } from '#adapters/secrets/env-secret-store.ts';
import { receiveAtsEventFrom, selectionRules } from '#composition/use-cases.ts';
import { loadWebhookSettings } from '#config/webhook-config.ts';
import { createApp } from '#http/app.ts';
import { InMemoryDeliveryLog } from '#test/fakes/in-memory-delivery-log.ts';
import { InMemoryLeverApi } from '#test/fakes/in-memory-lever-api.ts';
import { recruiterWorld, roleAuthenticator } from '#test/support/recruiter-world.ts';

const unused = async (): Promise<never> => {
  throw new Error('not called: this app is only asked for its OpenAPI document');
};

const unusedSync = (): never => {
  throw new Error('not called: this app is only asked for its OpenAPI document');
};

/** The app with every optional part wired, local-only routes included: every route it can serve. */
export function fullApp() {
  const w = recruiterWorld();
  return createApp({
    authenticate: roleAuthenticator,
    log: w.log,
    recordDecisions: w.recordDecisions,
    getNotice: w.getNotice,
    defaultRecruiterInbox: w.config.defaultRecruiterInbox,
    noticeActions: { resendNotice: w.resendNotice, cancelNotice: w.cancelNotice, changeOwner: w.changeOwner },
    sending: w.manageSending,
    noticeList: { findNotices: { page: unused, count: unused, exportAll: unused }, clock: w.clock },
    webhooks: {
      receive: receiveAtsEventFrom(
        { ...w, deliveries: new InMemoryDeliveryLog(), erasures: w.reply.erasures },
        w.config,
        selectionRules(w.renderer.available(), w.config.templateSelection),
        { deliveryRetentionDays: 7 },
      ),
      secrets: new EnvSecretStore({}),
      lever: new InMemoryLeverApi(),
      settings: loadWebhookSettings({}),
      clock: w.clock,
      log: w.log,
    },
    flags: { reviewFlag: w.reviewFlag, getFlag: (id, flag) => w.reply.flags.get(id, flag) },
    replies: { listUnmatchedReplies: unused, requestReplyLink: unused, dismissUnmatchedReply: unused },
    candidates: { listFlaggedCandidates: unused, getCandidateTimeline: unused, eraseCandidate: unused },
    conversations: { sendFollowUp: unused, markFlagAnswered: unused },
    attachments: { getReplyAttachment: unused },
    stats: { getLoopStats: unused },
    suppressions: { suppress: unused, list: unused, lift: unused },
    previews: { templates: { list: () => [], preview: () => unusedSync() }, previewNotice: unused },
    local: { sweepAndDrain: unused, inbound: unused },
  });
}

/** Every route the app serves, as `METHOD /path/{param}`, middleware left out. */
export function servedRoutes(app: ReturnType<typeof fullApp>): string[] {
  return [
    ...new Set(
      app.routes
        // `app.use` middleware is registered as ALL.
        .filter((r) => r.method !== 'ALL')
        .map((r) => `${r.method} ${r.path.replace(/:(\w+)/g, '{$1}')}`),
    ),
  ];
}
