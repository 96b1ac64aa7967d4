/** The name to greet a candidate by when the ATS gives only a full name: its first word. */
export function firstNameOf(fullName: string): string {
  const [first] = fullName.trim().split(/\s+/);
  return first ?? fullName.trim();
}
