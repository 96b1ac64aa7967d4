/**
 * A template with what changes on every build masked, so a snapshot changes only when the infrastructure does:
 * asset hashes (a function's code, in its S3 key and its metadata) become `ASSET-HASH`. Logical ids, export names
 * and everything else stay: they change only when a construct does.
 */
export function normalizeTemplate(template: unknown): unknown {
  if (typeof template === 'string') return template.replace(/\b[a-f0-9]{64}\b/g, 'ASSET-HASH');
  if (Array.isArray(template)) return template.map(normalizeTemplate);
  if (template !== null && typeof template === 'object') {
    return Object.fromEntries(Object.entries(template).map(([key, value]) => [key, normalizeTemplate(value)]));
  }
  return template;
}
