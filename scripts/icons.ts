/**
 * Draws the web app's icons (web/public/icons/*.png) without any image tool: a truck on Fura's teal, as RGBA
 * pixels encoded to PNG with zlib. Run `node --import tsx scripts/icons.ts` after changing the drawing; the PNGs
 * are committed (a few KB each).
 */
import { writeFileSync } from "node:fs";
import { deflateSync } from "node:zlib";

const TEAL = [15, 76, 92, 255];
const WHITE = [255, 255, 255, 255];
const AMBER = [244, 180, 0, 255];

/** CRC-32 of a PNG chunk (type + data). */
function crc32(buf: Buffer): number {
  let c = ~0;
  for (const byte of buf) {
    c ^= byte;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1;
  }
  return ~c >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

/** A size × size PNG whose pixel colour is `paint(x, y)` in a 0–1 square. */
function png(size: number, paint: (x: number, y: number) => number[]): Buffer {
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0;
    for (let x = 0; x < size; x++) {
      const c = paint((x + 0.5) / size, (y + 0.5) / size);
      raw.set(c, y * (size * 4 + 1) + 1 + x * 4);
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8;
  header[9] = 6;
  return Buffer.concat([
    Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
    chunk("IHDR", header),
    chunk("IDAT", deflateSync(raw, { level: 9 })),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

const inRect = (x: number, y: number, x0: number, y0: number, x1: number, y1: number) =>
  x >= x0 && x <= x1 && y >= y0 && y <= y1;
const inCircle = (x: number, y: number, cx: number, cy: number, r: number) => (x - cx) ** 2 + (y - cy) ** 2 <= r * r;

/** A truck (box, cab, two wheels) with an amber cross on the box, inside the central 70 % (safe for maskable icons). */
function truck(x: number, y: number): number[] {
  if (inCircle(x, y, 0.33, 0.68, 0.075) || inCircle(x, y, 0.7, 0.68, 0.075))
    return inCircle(x, y, 0.33, 0.68, 0.03) || inCircle(x, y, 0.7, 0.68, 0.03) ? TEAL : WHITE;
  if (inRect(x, y, 0.45, 0.38, 0.51, 0.56) || inRect(x, y, 0.39, 0.44, 0.57, 0.5)) return AMBER;
  if (inRect(x, y, 0.2, 0.3, 0.64, 0.64)) return WHITE;
  if (inRect(x, y, 0.66, 0.42, 0.82, 0.64) && !inRect(x, y, 0.7, 0.45, 0.79, 0.53)) return WHITE;
  return TEAL;
}

for (const size of [192, 512])
  writeFileSync(new URL(`../web/public/icons/icon-${size}.png`, import.meta.url), png(size, truck));
