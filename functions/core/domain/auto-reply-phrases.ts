/**
 * The wording mail systems use, for `autoReplyReason`. Every list is written to be precise rather than
 * exhaustive: a person answering a rejection may well say "vacation", "automatic" or "out of office", so a phrase
 * only counts where a machine puts it (the start of the subject, a sentence opening the body) and in the shape a
 * machine writes it.
 */

/**
 * Out-of-office, bounce, ticket and report subjects, anchored at the start of the subject (after an optional
 * `[tag]`) and followed by the end, a colon, a dash or a bracket. "Re: I'm away next week" or "Auto mechanic
 * role" do not match.
 */
export const AUTO_SUBJECT_PHRASES = [
  // en
  'out of (the )?office',
  'out of office (auto(matic)?[ -]?)?reply',
  'automatic reply',
  'auto(matic)?[ -]?response',
  'auto[ -]?reply',
  'auto[ -]?responder',
  'away from (the )?office',
  'on (vacation|holiday|leave)',
  'vacation (auto[ -]?)?reply',
  'undeliverable( mail| message)?',
  'undelivered mail( returned to sender)?',
  'delivery status notification( \\((failure|delay)\\))?',
  'mail delivery (failed|failure|system|subsystem)',
  'returned mail',
  'delivery (has )?failed',
  'delivery (failure|notification|delayed|problem)',
  'failure notice',
  'message (not delivered|delivery failure|undeliverable)',
  'non-?deliverable mail',
  'warning: (could not send|message .{0,60} delayed)',
  'delayed mail',
  'mail system error',
  'loop alert',
  'read(?=\\s*:)',
  // Lotus Notes / HCL Domino's out-of-office: "AUTO: Jane Doe is out of the office (returning 05/01/2026)"
  'auto(?=\\s*:)',
  'request received',
  'ticket (received|created|opened)',
  'aws notification( message)?',
  'amazon ses (address|email address) verification',
  // de
  'abwesenheitsnotiz',
  'abwesend',
  'abwesenheit',
  'automatische antwort',
  'automatische rückantwort',
  'autom\\. antwort',
  'nicht im büro',
  'außer haus',
  'im urlaub',
  'unzustellbar',
  'nicht zustellbar',
  'urlaubsabwesenheit',
  'zustellung fehlgeschlagen',
  // fr
  'réponse automatique',
  'reponse automatique',
  'absence du bureau',
  'absent(e)? du bureau',
  'absent(e)?',
  "message d'absence",
  'en (congés?|vacances)',
  'non remis',
  'absence',
  'échec de (la )?(remise|distribution)',
  'message non distribuable',
  // es
  'respuesta automática',
  'respuesta automatica',
  'respuesta automática de fuera de la oficina',
  'fuera de (la )?oficina',
  'de vacaciones',
  'ausencia',
  'ausente',
  'no se puede entregar',
  'no entregado',
  'notificación de estado de (la )?entrega',
  // it, nl, pl, pt: cheap to include, common among candidates
  'risposta automatica',
  'fuori (sede|ufficio)',
  'automatisch antwoord',
  'afwezig',
  'automatyczna odpowiedź',
  'resposta automática',
  'ausência',
  'fora do escritório',
];

/**
 * Subjects a machine starts with, whatever follows ("complaint about message from 192.0.2.1", "Returned mail: see
 * transcript for details").
 */
export const AUTO_SUBJECT_OPENINGS = [
  'complaint about message from',
  'email feedback report for ip',
  'abuse report for',
  'spam complaint',
  'fbl report',
  'client type=fbl',
  'returned mail: ',
  'undelivered mail returned to sender',
  'mail delivery failed: returning message',
  'your (request|ticket|case) (#\\s*\\d+ )?has been (received|created|logged)',
  "we(?:'ve| have) received your (request|message|email|e-mail|enquiry|inquiry)",
  'ihre anfrage (#?\\s*\\d+ )?(ist eingegangen|wurde (erstellt|empfangen))',
  'nous avons (bien )?reçu votre (demande|message|e-mail|courriel)',
  'hemos recibido (su|tu) (solicitud|mensaje|consulta|correo)',
];

/**
 * A ticket system's tag at the start of the subject (after any `Re:`): `[Ticket #1234]`, `[Ticket#2024120510000012]`,
 * `[Request ID: 88]`, `(Case 00012345)`, `[example.com #1234]`. Only at the start: our own subject, which a person
 * answers with `Re:`, may carry a job title such as "Engineer (Req #1234)" further on.
 */
export const TICKET_TAG =
  /^\s*(?:(?:re|aw|wg|fw|fwd|tr|rv|sv)\s*:\s*)*[[(](?:[^\])]{0,40}\s)?(?:ticket|request|req|case|incident|anfrage|demande|solicitud|caso|jira)?\s*(?:#|id\s*:?|no\.?|nr\.?|n°)\s*:?\s*\d{2,}[\])]/i;

/** Local parts of the addresses bounces, notifications and ticket systems send from. */
export const SYSTEM_LOCAL_PARTS =
  /^(mailer-daemon|mailer_daemon|post_master|mailerdaemon|mail-daemon|maildaemon|postmaster|microsoftexchange[0-9a-f]{16,}|no-?reply|no_reply|do-?not-?reply|do_not_reply|donotreply|bounces?|auto-?reply|auto-?responder|autoresponse|notifications?-noreply)(\+.*)?$/i;

/** Domains that only send machine mail: SNS and SES notifications, feedback loops. */
export const SYSTEM_DOMAINS = /(^|\.)(sns\.amazonaws\.com|amazonses\.com|arf\.mail\.yahoo\.com|fbl\.[a-z0-9.-]+)$/i;

/** Feedback-loop senders (complaint reports), known by address. */
export const FEEDBACK_LOOP_SENDERS =
  /^(staff@hotmail\.com|staff@outlook\.com|scomp@aol\.net|feedback@arf\.mail\.yahoo\.com|complaints@[a-z0-9.-]*amazonses\.com|fbl@.+|abuse@.+|feedbackloop@.+|feedback-loop@.+)$/i;

/** Words that make a message carrying an attached original a complaint report, not a person forwarding mail. */
export const COMPLAINT_WORDS =
  /\b(abuse report|complaint|feedback[ -]loop|fbl|spam report|reported as spam|junk mail report)\b/i;

/**
 * Sentences machines open their body with. Each is anchored at the start of a line or sentence, so "I hope this
 * is an automated message" or "Is this an automatic reply?" are not read as one.
 */
export const AUTO_BODY_OPENINGS = [
  // Bounces
  'this is an automatically generated delivery status notification',
  'this is the mail system at host',
  'this is the mail delivery agent at',
  'hi\\. this is the qmail-send program',
  "i'm sorry to have to inform you that your message could not",
  'this message was created automatically by mail delivery software',
  "your message (could not be|wasn't|was not) delivered to",
  'delivery to the following recipients? (failed|has been delayed)',
  'the following message to <[^>]+> was undeliverable',
  'an error occurred while trying to deliver the mail',
  'this is an email abuse report',
  'this is a (spam|abuse) (report|complaint)',
  // Automatic answers
  'this is an automat(ic|ed|ically generated) (reply|response|message|notification|e-?mail|acknowledge?ment)',
  'this (e-?mail|message) (was|has been) (sent|generated) automatically',
  'this is a system[- ]generated (message|e-?mail)',
  'dies ist eine automatische (antwort|nachricht|e-?mail|benachrichtigung)',
  'diese (nachricht|e-?mail) wurde automatisch (erstellt|generiert|versendet|verschickt)',
  'ceci est (une réponse|un message|un e-?mail|un courriel) automatique',
  'ce (message|courriel|mail) (a été|est) (envoyé|généré) automatiquement',
  'esta es una respuesta automática',
  'este es un (mensaje|correo) (automático|generado automáticamente)',
  'este (mensaje|correo) (ha sido|fue) (enviado|generado) automáticamente',
  // Ticket systems
  'your (request|ticket|case) \\(?#?\\s*\\d+\\)? has been (received|created|logged)',
  "we(?:'ve| have) received your (request|message|e-?mail|enquiry|inquiry) and (a|one of our|our)",
  'a (support )?ticket has been (created|opened)',
  'ihre anfrage \\(?#?\\s*\\d*\\)? ?(ist bei uns eingegangen|wurde erstellt|ist eingegangen)',
  'nous avons bien reçu votre (demande|message|e-?mail|courriel)',
  'hemos recibido (su|tu) (solicitud|mensaje|consulta|correo)',
  // SNS (its footer)
  'if you wish to stop receiving notifications from this topic',
];
