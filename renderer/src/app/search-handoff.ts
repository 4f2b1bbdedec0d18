/**
 * A search handed to a screen by the command palette (« the deals of this customer », « this
 * product in purchasing »): the screen takes it once when it opens.
 */
type Area = 'opportunities' | 'purchasing' | 'finance';
const handed = new Map<Area, string>();

export function handSearch(area: Area, text: string): void {
  handed.set(area, text);
}

export function takeSearch(area: Area): string | undefined {
  const text = handed.get(area);
  handed.delete(area);
  return text;
}
