/** pino-roll ships no types: its one function, as its README gives it. */
declare module 'pino-roll' {
  import type { SonicBoom } from 'sonic-boom';

  type RollOptions = {
    file: string;
    extension?: string;
    size?: string | number;
    frequency?: string | number;
    limit?: { count?: number; removeOtherLogFiles?: boolean };
    mkdir?: boolean;
    sync?: boolean;
  };
  // eslint-disable-next-line no-restricted-syntax -- the package's own default export, declared as it is
  export default function build(options: RollOptions): Promise<SonicBoom>;
}
