import { addressOf, displayNameOf } from '#core/domain/relay-addresses.ts';

/**
 * The shipped stage files describe a company that does not exist (Acme, on `.example` domains, in Example Street).
 * Deployed outside `dev`, those values would put a stranger's name and address in candidates' inboxes, send from
 * a domain nobody can verify and page nobody: synthesis refuses them, naming each field.
 */

/** Top-level names reserved for documentation and tests (RFC 2606, RFC 6761): nobody can own mail there. */
const RESERVED_TOP_LEVEL = new Set(['example', 'test', 'invalid', 'localhost']);
const RESERVED_SECOND_LEVEL = new Set(['example.com', 'example.net', 'example.org']);

/** A domain of the examples: reserved for documentation, or naming the example company (`acme`). */
export function isExampleDomain(domain: string): boolean {
  const labels = domain.toLowerCase().replace(/\.$/, '').split('.');
  const top = labels.at(-1) ?? '';
  return (
    RESERVED_TOP_LEVEL.has(top) || RESERVED_SECOND_LEVEL.has(labels.slice(-2).join('.')) || labels.includes('acme')
  );
}

const exampleAddress = (address: string) => isExampleDomain(addressOf(address).split('@').at(-1) ?? '');
const exampleUrl = (url: string) => isExampleDomain(new URL(url).hostname);
const namesTheExampleCompany = (text: string) => /\bacme\b/i.test(text);

/** The fields a stage file fills with the examples, and how each is recognized. */
export interface ExampleCandidate {
  readonly senderDomain: string;
  readonly senderAddress: string;
  readonly inboundDomain: string;
  readonly replyDomain?: string | undefined;
  readonly mailFromDomain?: string | undefined;
  readonly companyName: string;
  readonly postalAddress: string;
  readonly defaultRecruiterInbox: string;
  readonly alarmEmail?: string | undefined;
  readonly flagNotificationEmail?: string | undefined;
  readonly relayFromAddress?: string | undefined;
  readonly logoUrl?: string | undefined;
  readonly careersUrl?: string | undefined;
  readonly privacyUrl?: string | undefined;
  readonly dashboardDomain?: { readonly domainName: string } | undefined;
}

/**
 * Each field still holding an example value, as `field (value): why`. A missing `alarmEmail` counts too: outside
 * dev, alarms that reach nobody are the silent loss the alarms exist to catch.
 */
export function exampleValueFields(config: ExampleCandidate): string[] {
  const found: string[] = [];
  const check = (field: string, value: string | undefined, isExample: (value: string) => boolean, why: string) => {
    if (value !== undefined && isExample(value)) found.push(`${field} (${value}): ${why}`);
  };
  const domain = 'a documentation or example domain';
  check('senderDomain', config.senderDomain, isExampleDomain, domain);
  check('senderAddress', config.senderAddress, exampleAddress, domain);
  check('senderAddress', displayNameOf(config.senderAddress), namesTheExampleCompany, 'names the example company');
  check('inboundDomain', config.inboundDomain, isExampleDomain, domain);
  check('replyDomain', config.replyDomain, isExampleDomain, domain);
  check('mailFromDomain', config.mailFromDomain, isExampleDomain, domain);
  check('dashboardDomain.domainName', config.dashboardDomain?.domainName, isExampleDomain, domain);
  check('companyName', config.companyName, namesTheExampleCompany, 'the example company');
  check(
    'postalAddress',
    config.postalAddress,
    (a) => /\bexample\b/i.test(a) || namesTheExampleCompany(a),
    'the example address',
  );
  for (const field of ['defaultRecruiterInbox', 'alarmEmail', 'flagNotificationEmail', 'relayFromAddress'] as const) {
    check(field, config[field], exampleAddress, domain);
  }
  for (const field of ['logoUrl', 'careersUrl', 'privacyUrl'] as const) check(field, config[field], exampleUrl, domain);
  if (config.alarmEmail === undefined) found.push('alarmEmail (unset): required outside dev, or alarms reach nobody');
  return found;
}
