/** What to log or show for a thrown value: its message when it is an Error, else its text (`throw 'x'` happens). */
export function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
