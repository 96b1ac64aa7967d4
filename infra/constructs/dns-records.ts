import { Aws, CfnOutput, Fn } from 'aws-cdk-lib';
import type { EmailIdentity } from 'aws-cdk-lib/aws-ses';
import { Construct } from 'constructs';

export interface DnsRecordsProps {
  readonly senderIdentity: EmailIdentity;
  /** Replies arrive here: its MX must point at SES inbound in this region. */
  readonly inboundDomain: string;
  readonly ruleSetName: string;
  /** The custom MAIL FROM domain, when the stage names one: its MX and SPF records. */
  readonly mailFromDomain?: string;
}

/**
 * What a deployment needs in DNS and by hand, as stack outputs to copy (docs/deploy.md): the three DKIM CNAME
 * records that verify the sender domain, the MX record that brings replies to SES, and the command that makes
 * the receipt rule set active (CloudFormation cannot; an account has one active rule set per region).
 */
export class DnsRecords extends Construct {
  constructor(scope: Construct, id: string, props: DnsRecordsProps) {
    super(scope, id);
    props.senderIdentity.dkimRecords.forEach((record, i) => {
      new CfnOutput(scope, `DkimRecord${i + 1}`, {
        value: Fn.join(' ', [record.name, 'CNAME', record.value]),
        description: 'DKIM: add this CNAME record to the sender domain (SES verifies the domain through it)',
      });
    });
    new CfnOutput(scope, 'InboundMxRecord', {
      value: Fn.join('', [props.inboundDomain, ' MX 10 inbound-smtp.', Aws.REGION, '.amazonaws.com']),
      description: 'Replies: point the inbound domain’s MX record at SES inbound in this region',
    });
    if (props.mailFromDomain !== undefined) {
      new CfnOutput(scope, 'MailFromMxRecord', {
        value: Fn.join('', [props.mailFromDomain, ' MX 10 feedback-smtp.', Aws.REGION, '.amazonses.com']),
        description: 'Custom MAIL FROM: bounces come back through SES here',
      });
      new CfnOutput(scope, 'MailFromSpfRecord', {
        value: `${props.mailFromDomain} TXT "v=spf1 include:amazonses.com ~all"`,
        description: 'Custom MAIL FROM: SPF passes, aligned with the sender domain (DMARC)',
      });
    }
    new CfnOutput(scope, 'ActivateReceiptRuleSet', {
      value: Fn.join('', [
        'aws ses set-active-receipt-rule-set --rule-set-name ',
        props.ruleSetName,
        ' --region ',
        Aws.REGION,
      ]),
      description:
        'Run once: an account has one active receipt rule set per region, and CloudFormation cannot activate it',
    });
  }
}
