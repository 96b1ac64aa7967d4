/**
 * Hand-written messages for the automatic-mail rules: machine answers in the shapes the public corpora lack
 * (vacation responders in German, French and Spanish, ticket-system acknowledgements, Hotmail's complaint mails,
 * SNS notification emails), and human replies that talk about vacations, offices, automatic rejections, tickets
 * and complaints. Written for this project from the vendors' documented formats; the unit tests and
 * `npm run eval:automatic` read them (the evaluation reports them apart from the real corpora, as they were
 * written together with the rules).
 */

export interface SyntheticMessage {
  readonly name: string;
  readonly raw: string;
}

interface Draft {
  readonly from?: string;
  readonly subject: string;
  readonly headers?: readonly string[];
  readonly body: string;
  /** A multipart body instead of `body`'s text/plain one: the parts as written, without boundaries. */
  readonly parts?: readonly { readonly type: string; readonly content: string }[];
}

const BOUNDARY = 'closeloop-synthetic-boundary';

function message(draft: Draft): string {
  const head = [
    `From: ${draft.from ?? 'Ada Lovelace <ada@example.com>'}`,
    'To: Acme Talent <reply+n123@replies.acme.example>',
    `Subject: ${draft.subject}`,
    'Date: Sat, 05 Dec 2026 10:00:00 +0000',
    'Message-ID: <synthetic@example.com>',
    'MIME-Version: 1.0',
    ...(draft.headers ?? []),
  ];
  if (draft.parts === undefined) {
    return [
      ...head,
      'Content-Type: text/plain; charset=utf-8',
      'Content-Transfer-Encoding: 8bit',
      '',
      draft.body,
      '',
    ].join('\r\n');
  }
  const parts = draft.parts.flatMap((p) => [`--${BOUNDARY}`, `Content-Type: ${p.type}`, '', p.content]);
  return [
    ...head,
    `Content-Type: multipart/mixed; boundary="${BOUNDARY}"`,
    '',
    `--${BOUNDARY}`,
    'Content-Type: text/plain; charset=utf-8',
    '',
    draft.body,
    ...parts,
    `--${BOUNDARY}--`,
    '',
  ].join('\r\n');
}

const ORIGINAL = [
  'From: Acme Talent <talent@acme.example>',
  'To: ada@example.com',
  'Subject: Your application for Analytical Engineer at Acme',
  'X-HmXmrOriginalRecipient: <ada@hotmail.example>',
  '',
  'Dear Ada, thank you for applying…',
].join('\r\n');

/** Machine answers, each recorded as automatic. */
export const SYNTHETIC_AUTOMATIC: readonly SyntheticMessage[] = Object.entries({
  'vacation-de-outlook': {
    subject: 'Automatische Antwort: Ihre Bewerbung als Analytical Engineer bei Acme',
    body: 'Ich bin bis zum 14.12. nicht im Büro und habe keinen Zugriff auf meine E-Mails.',
  },
  'vacation-de-notes': {
    subject: 'Abwesenheitsnotiz: Ihre Bewerbung als Analytical Engineer bei Acme',
    body: 'Ich bin vom 01.12. bis 15.12. abwesend. In dringenden Fällen wenden Sie sich bitte an …',
  },
  'vacation-de-body-only': {
    subject: 'Re: Ihre Bewerbung als Analytical Engineer bei Acme',
    body: 'Dies ist eine automatische Antwort. Ich bin ab dem 4. Januar wieder erreichbar.',
  },
  'vacation-fr-outlook': {
    subject: 'Réponse automatique : Votre candidature au poste de Analytical Engineer',
    body: "Je suis absente jusqu'au 3 janvier. Je vous répondrai dès mon retour.",
  },
  'vacation-fr-absence': {
    subject: 'Absence du bureau',
    body: 'Bonjour, je suis en congés et ne consulte pas mes messages.',
  },
  'vacation-fr-body-only': {
    subject: 'RE: Votre candidature au poste de Analytical Engineer',
    body: 'Ceci est un message automatique. Je suis en vacances jusqu’au 2 janvier.',
  },
  'vacation-es-outlook': {
    subject: 'Respuesta automática: Su candidatura al puesto de Analytical Engineer',
    body: 'Estaré fuera de la oficina hasta el 7 de enero.',
  },
  'vacation-es-fuera': {
    subject: 'Fuera de la oficina: Su candidatura',
    body: 'Gracias por su mensaje. Estoy de vacaciones.',
  },
  'vacation-es-body-only': {
    subject: 'RE: Su candidatura al puesto de Analytical Engineer',
    body: 'Esta es una respuesta automática. Volveré el lunes 7 de enero.',
  },
  'vacation-gmail-headers': {
    subject: 'Re: Your application for Analytical Engineer at Acme',
    headers: ['Auto-Submitted: auto-replied', 'Precedence: bulk'],
    body: 'I am travelling until January 4th with limited access to email.',
  },
  'exchange-oof-suppress': {
    subject: 'Re: Your application for Analytical Engineer at Acme',
    headers: ['X-Auto-Response-Suppress: All', 'X-MS-Exchange-Inbox-Rules-Loop: ada@example.com'],
    body: 'Thank you for your message. I am out of the office until Monday.',
  },
  'zendesk-request-received': {
    from: 'Acme Support <support@ada-corp.zendesk.com>',
    subject: '[Request received] Your application for Analytical Engineer at Acme',
    headers: ['X-Zendesk-From-Account-Id: 7a1b2c', 'X-Mailer: Zendesk Mailer'],
    body: 'Your request (12345) has been received and is being reviewed by our support staff.',
  },
  'zendesk-body-only': {
    from: 'Ada Corp Support <help@ada-corp.example>',
    subject: 'Re: Your application for Analytical Engineer at Acme',
    body: 'Your request (#12345) has been received and is being reviewed by our support staff.\n\nTo add additional comments, reply to this email.',
  },
  'freshdesk-ticket-received': {
    from: 'Ada Corp Helpdesk <help@ada-corp.example>',
    subject: 'Ticket Received - Your application for Analytical Engineer at Acme',
    body: 'Dear Acme Talent, we would like to acknowledge that we have received your request and a ticket has been created.',
  },
  'jira-service-desk': {
    from: 'Ada Corp Service Desk <jira@ada-corp.example>',
    subject: '[JIRA] (#4821) Your application for Analytical Engineer at Acme',
    headers: ['X-JIRA-FingerPrint: 9f8e7d6c5b4a'],
    body: 'We have received your request and one of our agents will get back to you.',
  },
  'otrs-ticket-tag': {
    from: 'Ada Corp <service@ada-corp.example>',
    subject: '[Ticket#2026120510000012] Your application for Analytical Engineer at Acme',
    body: 'Thank you. Your message has been registered under the number above.',
  },
  'ticket-tag-after-re': {
    from: 'Ada Corp <service@ada-corp.example>',
    subject: 'Re: [Ticket #1234] Your application for Analytical Engineer at Acme',
    body: 'Thank you for contacting Ada Corp.',
  },
  'hotmail-jmrp-complaint': {
    from: 'staff@hotmail.com',
    subject: 'complaint about message from 192.0.2.10',
    body: 'This is an email abuse report for an email message received from IP 192.0.2.10.',
    parts: [{ type: 'message/rfc822', content: ORIGINAL }],
  },
  'yahoo-loose-complaint': {
    from: 'Yahoo! Mail AntiSpam Feedback <feedback@arf.mail.yahoo.com>',
    subject: 'Email Feedback Report for IP 192.0.2.10',
    body: 'A Yahoo! Mail user reported your message as spam.',
    parts: [{ type: 'message/rfc822', content: ORIGINAL }],
  },
  'isp-complaint-attached': {
    from: 'Mail Abuse Desk <fbl-reports@isp.example>',
    subject: 'Spam complaint: message attached',
    body: 'One of our users reported the attached message as spam.',
    parts: [{ type: 'message/rfc822', content: ORIGINAL }],
  },
  'sns-notification': {
    from: 'AWS Notifications <no-reply@sns.amazonaws.com>',
    subject: 'AWS Notification Message',
    body: '{"notificationType":"Bounce","bounce":{"bounceType":"Permanent"}}\n\n--\nIf you wish to stop receiving notifications from this topic, please click or visit the link below to unsubscribe:\nhttps://sns.eu-west-1.amazonaws.com/unsubscribe.html?SubscriptionArn=arn:aws:sns:eu-west-1:111122223333:bounces:1',
  },
  'sns-forwarded-footer': {
    from: 'Ops alerts <alerts@ada-corp.example>',
    subject: 'Fwd: Alarm',
    body: 'Alarm state changed.\n\n--\nIf you wish to stop receiving notifications from this topic, please click or visit the link below to unsubscribe:',
  },
  'ses-complaint-forward': {
    from: 'complaints@email-abuse.amazonses.com',
    subject: 'Your application for Analytical Engineer at Acme',
    body: 'A complaint was received for the attached message.',
    parts: [{ type: 'message/rfc822', content: ORIGINAL }],
  },
  'ses-bounce-forward': {
    from: 'MAILER-DAEMON@email-bounces.amazonses.com',
    subject: 'Delivery Status Notification (Failure)',
    body: 'An error occurred while trying to deliver the mail to the following recipients:\nada@example.com',
  },
  'exchange-ndr-sender': {
    from: 'Microsoft Outlook <MicrosoftExchange329e71ec88ae4615bbc36ab6ce41109e@ada-corp.example>',
    subject: 'Undeliverable: Your application for Analytical Engineer at Acme',
    body: "Your message to ada@ada-corp.example couldn't be delivered.",
  },
  'mail-delivery-subsystem': {
    from: 'Mail Delivery Subsystem <mailer-daemon@googlemail.com>',
    subject: 'Delivery Status Notification (Failure)',
    body: "Address not found\nYour message wasn't delivered to ada@example.com because the address couldn't be found.",
  },
  'qmail-failure-notice': {
    from: 'MAILER_DAEMON@mx.example.net',
    subject: 'failure notice',
    body: "Hi. This is the qmail-send program at mx.example.net.\nI'm afraid I wasn't able to deliver your message.",
  },
  'noreply-sender': {
    from: 'Ada Corp <no-reply@ada-corp.example>',
    subject: 'Re: Your application for Analytical Engineer at Acme',
    body: 'This mailbox is not monitored.',
  },
} satisfies Record<string, Draft>).map(([name, draft]) => ({ name, raw: message(draft) }));

/** Human replies, several of them about vacations, automatic mails, tickets and complaints: never automatic. */
export const SYNTHETIC_HUMAN: readonly SyntheticMessage[] = Object.entries({
  'vacation-mention': {
    subject: 'Re: Your application for Analytical Engineer at Acme',
    body: "Thanks for letting me know. I'm on vacation next week, so sorry if I reply slowly to anything else.",
  },
  'out-of-office-mention': {
    subject: 'Re: Your application for Analytical Engineer at Acme',
    body: 'I was out of office when your email came, hence the late answer. Could you tell me what was missing?',
  },
  'automatic-rejection-question': {
    subject: 'Re: Your application for Analytical Engineer at Acme',
    body: 'Is this an automatic reply? I would really like to hear from a person about my interview.',
  },
  'hope-automated': {
    subject: 'Re: Your application for Analytical Engineer at Acme',
    body: 'I hope this is an automated message, because nobody even looked at my portfolio.',
  },
  'not-automatic': {
    subject: 'Re: Your application for Analytical Engineer at Acme',
    body: 'This is not an automatic reply: I really appreciated the interviews. Thank you!',
  },
  'subject-vacation-plans': {
    subject: 'Vacation plans aside, thanks for the update',
    body: 'Thank you for the kind note.',
  },
  'subject-automatic-rejection': {
    subject: 'Re: Automatic rejection? Really?',
    body: 'Did anyone read my application?',
  },
  'subject-out-of-curiosity': {
    subject: 'Out of curiosity: why was I rejected?',
    body: 'Any feedback would help.',
  },
  'subject-absence-of-feedback': {
    subject: 'Absence of feedback',
    body: 'I never heard back after the final round.',
  },
  'ticket-mention': {
    subject: 'Re: Your application for Analytical Engineer at Acme',
    body: 'I opened a ticket with your careers portal because the upload failed. Ticket #4711 if that helps.',
  },
  'job-title-with-req-number': {
    subject: 'Re: Your application for Analytical Engineer (Req #12345) at Acme',
    body: 'Thank you, all the best to the team.',
  },
  'job-title-with-brackets': {
    subject: 'Re: Your application for Analytical Engineer [#2031] at Acme',
    body: 'Thanks for the update.',
  },
  'complaint-without-attachment': {
    subject: 'Complaint about the interview process',
    body: 'I want to file a complaint: the interviewer was rude.',
  },
  'forward-with-attachment': {
    subject: 'Fwd: my original application',
    body: 'Here is the application I sent in March, attached, in case it got lost.',
    parts: [{ type: 'message/rfc822', content: ORIGINAL }],
  },
  'german-urlaub': {
    subject: 'AW: Ihre Bewerbung als Analytical Engineer bei Acme',
    body: 'Vielen Dank! Ich bin ab Montag im Urlaub, melde mich aber gern danach. Ist das eine automatische Antwort gewesen?',
  },
  'german-abwesenheit-mention': {
    subject: 'AW: Ihre Bewerbung als Analytical Engineer bei Acme',
    body: 'Entschuldigen Sie meine Abwesenheit beim zweiten Termin. Könnten Sie mir sagen, woran es gelegen hat?',
  },
  'french-reponse-automatique-mention': {
    subject: 'RE: Votre candidature au poste de Analytical Engineer',
    body: "Est-ce une réponse automatique ? J'aimerais savoir ce qui a manqué.",
  },
  'french-vacances': {
    subject: 'RE: Votre candidature au poste de Analytical Engineer',
    body: 'Merci pour votre retour. Je pars en vacances demain, bonne continuation !',
  },
  'spanish-fuera-de-la-oficina': {
    subject: 'RE: Su candidatura al puesto de Analytical Engineer',
    body: 'Estuve fuera de la oficina y acabo de ver su mensaje. ¿Es una respuesta automática?',
  },
  'spanish-vacaciones': {
    subject: 'RE: Su candidatura al puesto de Analytical Engineer',
    body: 'Gracias. Estoy de vacaciones pero quería responder. Un saludo.',
  },
  'outlook-human-headers': {
    subject: 'RE: Your application for Analytical Engineer at Acme',
    headers: ['X-MS-Has-Attach:', 'Thread-Topic: Your application', 'X-Mailer: Microsoft Outlook 16.0'],
    body: 'Thank you for the update, and good luck with the search.',
  },
  'crm-add-in-suppress-header': {
    subject: 'RE: Your application for Analytical Engineer at Acme',
    headers: ['X-Auto-Response-Suppress: DR, RN, NRN, OOF, AutoReply', 'X-Mailer: Microsoft Outlook 16.0'],
    body: 'Thank you for letting me know. Could you share what I could improve?',
  },
  'gmail-human-headers': {
    subject: 'Re: Your application for Analytical Engineer at Acme',
    headers: ['X-Gm-Message-State: AOJu0Yx', 'Auto-Submitted: no', 'Precedence: first-class'],
    body: 'Thanks! Please keep me in mind for future roles.',
  },
  'mailer-daemon-mention': {
    subject: 'Re: Your application for Analytical Engineer at Acme',
    body: 'My first reply bounced from the mailer-daemon, so I am trying again: could I get some feedback?',
  },
  'spam-mention': {
    subject: 'Re: Your application for Analytical Engineer at Acme',
    body: 'Your email went to my spam folder, sorry for the late reply. Thank you for the update.',
  },
  'received-request': {
    subject: 'Re: Your application for Analytical Engineer at Acme',
    body: "I've received your message and I'm disappointed, but thank you for the quick answer.",
  },
  'we-received': {
    subject: 'Re: Your application for Analytical Engineer at Acme',
    body: 'We received your note, my partner and I both applied. Thanks for being clear.',
  },
  'automatic-acknowledgement-word': {
    subject: 'Re: Your application for Analytical Engineer at Acme',
    body: 'An automatic acknowledgement would have been fine, but this personal note was much nicer. Thanks.',
  },
  'away-subject': {
    subject: "Re: I'm away next week, but thank you",
    body: 'Thank you for the update.',
  },
  'read-subject-word': {
    subject: 'Reading your note: thanks',
    body: 'Much appreciated.',
  },
  'staff-sender-with-forward': {
    from: 'Office staff <staff@small-firm.example>',
    subject: 'Fwd: application of our trainee',
    body: 'Our trainee asked me to send you her earlier application, attached.',
    parts: [{ type: 'message/rfc822', content: ORIGINAL }],
  },
} satisfies Record<string, Draft>).map(([name, draft]) => ({ name, raw: message(draft) }));

/** A plain reply around a body written by a person (the public reply-parsing fixtures), as a mail client sends it. */
export function humanReplyMessage(body: string): string {
  return message({ subject: 'Re: Your application for Analytical Engineer at Acme', body });
}
