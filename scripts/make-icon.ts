/**
 * Draws the app's icon (resources/icon.png, 1024 × 1024): electron-builder makes the Windows .ico
 * and the macOS .icns from it, and the tray shows it. Run once when the design changes:
 * `npx tsx scripts/make-icon.ts`. A counter's « C » in white on the sidebar's navy, with the
 * accent blue of the app as the counter top.
 */
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const SIZE = 1024;
const navy = [0x1b, 0x2a, 0x41];
const blue = [0x2f, 0x6f, 0xb5];
const white = [0xff, 0xff, 0xff];

/** Coverage of a pixel by a shape, sampled 4 × 4 (smooth edges). */
function cover(x: number, y: number, inside: (px: number, py: number) => boolean): number {
  let n = 0;
  for (let i = 0; i < 4; i++) for (let j = 0; j < 4; j++) if (inside(x + (i + 0.5) / 4, y + (j + 0.5) / 4)) n++;
  return n / 16;
}
const c = SIZE / 2;
const roundedSquare = (px: number, py: number) => {
  const r = 200;
  const m = 40;
  const dx = Math.max(m + r - px, 0, px - (SIZE - m - r));
  const dy = Math.max(m + r - py, 0, py - (SIZE - m - r));
  return px >= m && px <= SIZE - m && py >= m && py <= SIZE - m && dx * dx + dy * dy <= r * r;
};
const letterC = (px: number, py: number) => {
  const d = Math.hypot(px - c, py - c - 30);
  const angle = Math.atan2(py - c - 30, px - c);
  return d >= 190 && d <= 300 && Math.abs(angle) > 0.75;
};
const counterTop = (px: number, py: number) => px >= 232 && px <= 792 && py >= 168 && py <= 224;

const raw = Buffer.alloc((SIZE * 4 + 1) * SIZE);
for (let y = 0; y < SIZE; y++) {
  raw[y * (SIZE * 4 + 1)] = 0;
  for (let x = 0; x < SIZE; x++) {
    const bg = cover(x, y, roundedSquare);
    const top = bg > 0 ? cover(x, y, counterTop) : 0;
    const letter = bg > 0 ? cover(x, y, letterC) : 0;
    const mix = navy.map((v, k) => v * (1 - top - letter) + blue[k]! * top + white[k]! * letter);
    const o = y * (SIZE * 4 + 1) + 1 + x * 4;
    raw[o] = Math.round(mix[0]!);
    raw[o + 1] = Math.round(mix[1]!);
    raw[o + 2] = Math.round(mix[2]!);
    raw[o + 3] = Math.round(bg * 255);
  }
}

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let v = n;
  for (let k = 0; k < 8; k++) v = v & 1 ? 0xedb88320 ^ (v >>> 1) : v >>> 1;
  return v >>> 0;
});
const crc = (b: Buffer) => {
  let v = 0xffffffff;
  for (const byte of b) v = crcTable[(v ^ byte) & 0xff]! ^ (v >>> 8);
  return (v ^ 0xffffffff) >>> 0;
};
const chunk = (type: string, data: Buffer) => {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const sum = Buffer.alloc(4);
  sum.writeUInt32BE(crc(body));
  return Buffer.concat([len, body, sum]);
};
const header = Buffer.alloc(13);
header.writeUInt32BE(SIZE, 0);
header.writeUInt32BE(SIZE, 4);
header.set([8, 6, 0, 0, 0], 8);
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', header),
  chunk('IDAT', deflateSync(raw, { level: 9 })),
  chunk('IEND', Buffer.alloc(0)),
]);
writeFileSync(new URL('../resources/icon.png', import.meta.url), png);
process.stdout.write(`resources/icon.png: ${SIZE} × ${SIZE}, ${png.length} bytes\n`);
