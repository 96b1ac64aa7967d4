/**
 * A template with what changes on every build masked, so a snapshot changes only when the infrastructure does:
 * asset hashes (a function's code, in its S3 key and its metadata) become `ASSET-HASH`, and every object's keys
 * are sorted (CDK adds cross-stack exports in an order that can vary from one synthesis to the next; the order of
 * keys means nothing to CloudFormation). Logical ids, export names and everything else stay: they change only
 * when a construct does.
 */
export function normalizeTemplate(template: unknown): unknown {
  if (typeof template === 'string') return template.replace(/\b[a-f0-9]{64}\b/g, 'ASSET-HASH');
  if (Array.isArray(template)) return template.map(normalizeTemplate);
  if (template !== null && typeof template === 'object') {
    return Object.fromEntries(
      Object.keys(template)
        .sort()
        .map((key) => [key, normalizeTemplate((template as Record<string, unknown>)[key])]),
    );
  }
  return template;
}
