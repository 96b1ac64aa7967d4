import type { Template } from 'aws-cdk-lib/assertions';

export type Resource = {
  readonly Type: string;
  readonly Properties?: Record<string, unknown>;
  readonly DeletionPolicy?: string;
};

export type PolicyStatement = {
  readonly Effect: 'Allow' | 'Deny';
  readonly Action: string | string[];
  readonly Resource?: unknown;
  readonly Principal?: unknown;
  readonly Condition?: unknown;
};

export interface NamedTemplate {
  readonly name: string;
  readonly template: Template;
}

export function resourcesOf(template: Template, type?: string): [string, Resource][] {
  const all = template.toJSON().Resources as Record<string, Resource>;
  return Object.entries(all).filter(([, r]) => type === undefined || r.Type === type);
}

const statementsIn = (document: unknown): PolicyStatement[] =>
  ((document as { Statement?: PolicyStatement[] } | undefined)?.Statement ?? []).flat();

/**
 * Every statement of every identity policy: policies attached to roles, managed policies and inline role
 * policies alike, so a grant cannot hide in a shape the test does not read.
 */
export function identityStatements(template: Template): { where: string; statement: PolicyStatement }[] {
  return resourcesOf(template).flatMap(([id, resource]) => {
    const p = resource.Properties ?? {};
    switch (resource.Type) {
      case 'AWS::IAM::Policy':
      case 'AWS::IAM::ManagedPolicy':
        return statementsIn(p.PolicyDocument).map((statement) => ({ where: id, statement }));
      case 'AWS::IAM::Role':
        return ((p.Policies ?? []) as { PolicyName: string; PolicyDocument: unknown }[]).flatMap((policy) =>
          statementsIn(policy.PolicyDocument).map((statement) => ({ where: `${id}/${policy.PolicyName}`, statement })),
        );
      default:
        return [];
    }
  });
}

/** Statements of resource policies: queue, topic, bucket and key policies. */
export function resourcePolicyStatements(template: Template): { where: string; statement: PolicyStatement }[] {
  return resourcesOf(template).flatMap(([id, resource]) => {
    if (resource.Type.startsWith('AWS::IAM::')) return [];
    const document = resource.Properties?.PolicyDocument ?? resource.Properties?.KeyPolicy;
    return statementsIn(document).map((statement) => ({ where: id, statement }));
  });
}

/** The value at a path of keys and indexes in a parsed template, or undefined. */
export function at(value: unknown, ...path: (string | number)[]): unknown {
  let current = value;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string | number, unknown>)[key];
  }
  return current;
}

/** The logical id a `{ "Fn::GetAtt": [id, …] }` or `{ "Ref": id }` points at. */
export function referencedId(value: unknown): string | undefined {
  if (value === null || typeof value !== 'object') return undefined;
  const v = value as { 'Fn::GetAtt'?: unknown[]; Ref?: unknown };
  if (Array.isArray(v['Fn::GetAtt']) && typeof v['Fn::GetAtt'][0] === 'string') return v['Fn::GetAtt'][0];
  return typeof v.Ref === 'string' ? v.Ref : undefined;
}

/**
 * Queues something sends its failures to, and who: a queue's redrive policy, an EventBridge rule target's or a
 * schedule's dead-letter config, a Lambda function's on-failure destination, an SNS subscription's redrive policy.
 */
export function deadLetterTargets(template: Template): Map<string, string[]> {
  const targets = new Map<string, string[]>();
  const add = (queue: string | undefined, from: string) => {
    if (queue !== undefined) targets.set(queue, [...(targets.get(queue) ?? []), from]);
  };
  for (const [id, resource] of resourcesOf(template)) {
    const p = resource.Properties;
    switch (resource.Type) {
      case 'AWS::SQS::Queue':
      case 'AWS::SNS::Subscription':
        add(referencedId(at(p, 'RedrivePolicy', 'deadLetterTargetArn')), id);
        break;
      case 'AWS::Events::Rule':
        for (const target of (at(p, 'Targets') ?? []) as unknown[]) {
          add(referencedId(at(target, 'DeadLetterConfig', 'Arn')), id);
        }
        break;
      case 'AWS::Scheduler::Schedule':
        add(referencedId(at(p, 'Target', 'DeadLetterConfig', 'Arn')), id);
        break;
      case 'AWS::Lambda::EventInvokeConfig':
        add(referencedId(at(p, 'DestinationConfig', 'OnFailure', 'Destination')), id);
        break;
    }
  }
  return targets;
}
