/**
 * Every enum value the API sends, as the words a recruiter reads. One mapping for the whole dashboard; a value
 * it does not know (a newer server) is shown with its dashes as spaces rather than hidden.
 */
const LABELS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  noticeStatus: {
    scheduled: 'Scheduled',
    sending: 'Sending',
    sent: 'Sent',
    delivered: 'Delivered',
    bounced: 'Bounced',
    complained: 'Marked as spam',
    cancelled: 'Cancelled',
    suppressed: 'Not sent (address suppressed)',
    failed: 'Failed',
    deferred: 'Waiting to retry',
  },
  reason: {
    'skills-mismatch': 'Skills did not match',
    'experience-mismatch': 'Experience did not match',
    'position-filled': 'Position filled',
    'position-closed': 'Position closed',
    withdrawn: 'Candidate withdrew',
    other: 'Other reason',
  },
  stage: {
    'application-review': 'Application review',
    'phone-screen': 'Phone screen',
    interview: 'Interview',
    offer: 'Offer',
    other: 'Other stage',
  },
  flagStatus: { raised: 'Raised', confirmed: 'Confirmed', dismissed: 'Dismissed', answered: 'Answered' },
  flagAction: {
    raised: 'raised',
    'raised-again': 'raised again',
    confirmed: 'confirmed',
    dismissed: 'dismissed',
    answered: 'marked answered',
  },
  replyStatus: {
    classified: 'Reply',
    'auto-reply': 'Automatic reply',
    empty: 'Empty reply',
    rejected: 'Refused reply',
  },
  relayStatus: {
    pending: 'Waiting',
    sending: 'Sending',
    deferred: 'Waiting to retry',
    sent: 'Sent',
    delivered: 'Delivered',
    bounced: 'Bounced',
    complained: 'Marked as spam',
    failed: 'Failed',
    suppressed: 'Not sent (address suppressed)',
    skipped: 'Not sent',
  },
  suppressionReason: {
    'hard-bounce': 'Hard bounce',
    complaint: 'Spam complaint',
    'recruiter-request': 'Asked by a recruiter',
    erased: 'Candidate erased',
  },
  sentiment: { positive: 'Positive', neutral: 'Neutral', negative: 'Negative' },
  source: {
    manual: 'Entered by hand',
    greenhouse: 'Greenhouse',
    lever: 'Lever',
    ashby: 'Ashby',
    workable: 'Workable',
    generic: 'Another ATS',
  },
};

export type LabelKind =
  | 'noticeStatus'
  | 'reason'
  | 'stage'
  | 'flagStatus'
  | 'flagAction'
  | 'replyStatus'
  | 'relayStatus'
  | 'suppressionReason'
  | 'sentiment'
  | 'source';

/** `label('noticeStatus', 'complained')` → `Marked as spam`. */
export function label(kind: LabelKind, value: string): string {
  const known = LABELS[kind]?.[value];
  if (known !== undefined) return known;
  const words = value.replace(/[-_]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** `admin:<subject>` or `reputation-guard`, as a person reads it. */
export function pausedBy(changedBy: string | undefined): string {
  if (changedBy === undefined) return 'someone';
  if (changedBy === 'reputation-guard') return 'the reputation guard (too many bounces or complaints)';
  return changedBy.replace(/^(admin|recruiter):/, '');
}
