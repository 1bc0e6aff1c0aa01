/** Error messages for people: the engine words its errors in lower case, mid-sentence style. */

/** The text as a sentence: a capital first letter and a full stop (unless it ends with one, ! or ?). */
export function asSentence(text: string): string {
  const t = text.trim();
  if (t === '') return t;
  const capital = t.charAt(0).toUpperCase() + t.slice(1);
  return /[.!?]$/.test(capital) ? capital : `${capital}.`;
}

/** The message of anything thrown. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
