/** A day and a time on the user's clock (the browser's time zone), as the instant core keeps. */
export function localStamp(day: string, hour: number, minute: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(y, m - 1, d, hour, minute).toISOString();
}
