import { z } from '@hono/zod-openapi';
import { NoticeView } from './notice.ts';

export const NoticeIdParam = z.object({
  id: z
    .string()
    .regex(/^n_[a-z2-7]{26}$/, 'a notice id such as n_…')
    .openapi({ param: { name: 'id', in: 'path' }, example: 'n_abcdefghijklmnopqrstuvwxyz' }),
});

const note = z.string().trim().min(1).max(500);

export const ResendBody = z
  .object({
    email: z
      .email()
      .max(254)
      .optional()
      .describe('A corrected address: the notice goes there from now on (default: the address it has)'),
    sendAt: z.iso
      .datetime({ offset: true })
      .optional()
      .describe("When to send (default: the next moment inside the candidate's business hours); never in the past"),
    reason: note.optional().describe('Why, for the timeline'),
  })
  .strict()
  .openapi('ResendRequest', { example: { email: 'ada.lovelace@example.com', reason: 'typo in the address' } });

export const CancelBody = z
  .object({ reason: note.optional().describe('Why, for the timeline') })
  .strict()
  .openapi('CancelRequest', { example: { reason: 'decision reversed' } });

export const CancelResult = z
  .object({
    outcome: z
      .enum(['cancelled', 'already-final'])
      .describe('cancelled: it will never be sent; already-final: it was already cancelled, suppressed or failed'),
    notice: NoticeView,
  })
  .openapi('CancelResult');

const ownerText = z.string().trim().min(1).max(200);

export const OwnerBody = z
  .object({
    name: ownerText.describe('Who owns the candidate from now on'),
    email: z.email().max(254).describe("Their own inbox: the candidate's replies are relayed there"),
    title: ownerText.optional(),
  })
  .strict()
  .openapi('OwnerChange', {
    example: { name: 'Rachel Green', email: 'rachel.green@acme.example', title: 'Recruiter' },
  });
