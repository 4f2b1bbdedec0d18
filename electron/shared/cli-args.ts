/**
 * The command lines of our tools (`--name value` or `--name=value`): each flag handed to `on` with
 * a reader of its value, which refuses a missing one; a port read the same way everywhere.
 */
export function eachFlag(argv: string[], on: (name: string, value: () => string, flag: string) => void): void {
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]!;
    const [name, inline] = flag.includes('=') ? (flag.split(/=(.*)/s, 2) as [string, string]) : [flag, undefined];
    on(
      name,
      () => {
        const v = inline ?? argv[++i];
        if (v === undefined || v === '') throw new Error(`${name} needs a value`);
        return v;
      },
      flag,
    );
  }
}

export function portOf(v: string): number {
  if (!/^\d+$/.test(v) || Number(v) > 65535) throw new Error(`--port must be a number from 0 to 65535, got "${v}"`);
  return Number(v);
}
