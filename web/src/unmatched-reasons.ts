/**
 * The server records why nothing matched as one sentence, `Unmatched: <what was tried>; <…>; <…>`. Each try on
 * its own line reads better on a phone; a reason in any other shape is shown whole rather than guessed at.
 */
export function unmatchedReasons(reason: string | undefined): string[] {
  if (reason === undefined || reason.trim() === '') return ['No reason was recorded'];
  const parts = reason
    .replace(/^\s*Unmatched:\s*/i, '')
    .split(/;\s*/)
    .map((part) => part.trim())
    .filter((part) => part !== '');
  if (parts.length === 0) return [reason.trim()];
  return parts.map((part) => part.charAt(0).toUpperCase() + part.slice(1));
}
