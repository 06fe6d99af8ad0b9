// Draws the Teams app icons (manifest/teams/color.png and outline.png) from geometry, so the
// logo can be changed and regenerated without an image editor: `node scripts/make-icons.mjs`.
// The logo is two overlapping rings, mentor and mentee, sharing the space where they meet.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

const TEAL = [0x0f, 0x76, 0x6e]; // background; also accentColor (Teams) and background_color (Slack)
const AMBER = [0xf5, 0x9e, 0x0b]; // the shared lens
const WHITE = [0xff, 0xff, 0xff];

/**
 * The logo in pixels for one icon size. The 32 px outline gets relatively thicker rings so the
 * shape survives the small size; both stay inside Teams' recommended padding.
 */
const GEOMETRY = {
  color: { size: 192, radius: 40, offset: 20, stroke: 9 },
  outline: { size: 32, radius: 8.5, offset: 5, stroke: 2 },
};
/** Subsamples per axis for anti-aliasing. */
const SUPERSAMPLE = 8;

/** Which part of the logo a point falls on: 'ring', 'lens' or null (background). */
function logoPartAt(x, y, { size, radius, offset, stroke }) {
  const cy = size / 2;
  const left = Math.hypot(x - (size / 2 - offset), y - cy);
  const right = Math.hypot(x - (size / 2 + offset), y - cy);
  const onRing = (distance) => distance <= radius && distance >= radius - stroke;
  if (onRing(left) || onRing(right)) return 'ring';
  if (left < radius && right < radius) return 'lens';
  return null;
}

/** Coverage of each logo part over one pixel, by supersampling. */
function coverage(px, py, geometry) {
  const counts = { ring: 0, lens: 0, none: 0 };
  for (let sy = 0; sy < SUPERSAMPLE; sy++) {
    for (let sx = 0; sx < SUPERSAMPLE; sx++) {
      const part = logoPartAt(px + (sx + 0.5) / SUPERSAMPLE, py + (sy + 0.5) / SUPERSAMPLE, geometry);
      counts[part ?? 'none'] += 1;
    }
  }
  const total = SUPERSAMPLE * SUPERSAMPLE;
  return { ring: counts.ring / total, lens: counts.lens / total, none: counts.none / total };
}

/** 192×192 opaque RGB: white rings and an amber lens on a full-bleed teal square. */
export function renderColorIcon() {
  const { size } = GEOMETRY.color;
  const pixels = Buffer.alloc(size * size * 3);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const c = coverage(x, y, GEOMETRY.color);
      for (let channel = 0; channel < 3; channel++) {
        const value = c.ring * WHITE[channel] + c.lens * AMBER[channel] + c.none * TEAL[channel];
        pixels[(y * size + x) * 3 + channel] = Math.round(value);
      }
    }
  }
  return { width: size, height: size, channels: 3, pixels };
}

/** 32×32 RGBA: the whole logo in white on a transparent background, as Teams requires. */
export function renderOutlineIcon() {
  const { size } = GEOMETRY.outline;
  const pixels = Buffer.alloc(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const c = coverage(x, y, GEOMETRY.outline);
      const offset = (y * size + x) * 4;
      WHITE.forEach((value, channel) => (pixels[offset + channel] = value));
      pixels[offset + 3] = Math.round((1 - c.none) * 255);
    }
  }
  return { width: size, height: size, channels: 4, pixels };
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes) {
  let c = 0xffffffff;
  for (const byte of bytes) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const typeAndData = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typeAndData));
  return Buffer.concat([length, typeAndData, crc]);
}

/** Encodes 8-bit RGB (channels 3) or RGBA (channels 4) pixels as a PNG file. */
export function encodePng({ width, height, channels, pixels }) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = channels === 4 ? 6 : 2; // colour type: 6 = RGBA, 2 = RGB
  header[10] = 0; // deflate
  header[11] = 0; // adaptive filtering
  header[12] = 0; // no interlace
  const stride = width * channels;
  const scanlines = Buffer.alloc((stride + 1) * height);
  for (let y = 0; y < height; y++) {
    scanlines[y * (stride + 1)] = 0; // filter: none
    pixels.copy(scanlines, y * (stride + 1) + 1, y * stride, (y + 1) * stride);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(scanlines, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const outDir = new URL('../manifest/teams/', import.meta.url);
  for (const [name, image] of [
    ['color.png', renderColorIcon()],
    ['outline.png', renderOutlineIcon()],
  ]) {
    const target = new URL(name, outDir);
    writeFileSync(target, encodePng(image));
    console.log(`wrote ${fileURLToPath(target)} (${image.width}×${image.height})`);
  }
}
