#!/usr/bin/env node
// Writes the add-in's PNG icons into assets/ with nothing but node's zlib: an RGBA
// rasteriser with 4×4..8×8 supersampling, then a minimal PNG encoder (IHDR, IDAT, IEND).
//
//   node scripts/make-icons.js          (re)write every icon
//   node scripts/make-icons.js --check  exit 1 if a committed icon differs from what
//                                       this script would write (for CI)
//
// Two motifs, both on a green rounded square (Excel's green family):
//   icon-NN.png   brand / "Periksa IKI": a white check mark; from 48 px up the
//                 letters "IKI" sit above it. Sizes 16, 32, 64, 80, 128 (16/32/80
//                 are the ribbon sizes, 32 the IconUrl, 64 the HighResolutionIconUrl,
//                 128 the store/listing size).
//   panel-NN.png  "Panel IKI": a white window whose right-hand third is the task pane.
//                 Ribbon sizes 16, 32, 80.
"use strict";

const fs = require("fs");
const path = require("path");
const zlib = require("zlib");

const ASSETS = path.join(__dirname, "..", "assets");

const BRAND_SIZES = [16, 32, 64, 80, 128];
const PANEL_SIZES = [16, 32, 80];

// Vertical gradient of the tile, top → bottom.
const GREEN_TOP = [0x21, 0xa3, 0x66];
const GREEN_BOTTOM = [0x10, 0x7c, 0x41];
const WHITE = [0xff, 0xff, 0xff];

// ---------------------------------------------------------------------------------------
// Geometry, in unit coordinates (0..1 across the icon, y downwards).

function insideRoundedRect(x, y, x0, y0, x1, y1, r) {
  if (x < x0 || x > x1 || y < y0 || y > y1) return false;
  const cx = Math.min(Math.max(x, x0 + r), x1 - r);
  const cy = Math.min(Math.max(y, y0 + r), y1 - r);
  const dx = x - cx;
  const dy = y - cy;
  return dx * dx + dy * dy <= r * r;
}

function distToSegment(px, py, ax, ay, bx, by) {
  const vx = bx - ax;
  const vy = by - ay;
  const len2 = vx * vx + vy * vy;
  let t = len2 === 0 ? 0 : ((px - ax) * vx + (py - ay) * vy) / len2;
  t = Math.max(0, Math.min(1, t));
  const dx = px - (ax + t * vx);
  const dy = py - (ay + t * vy);
  return Math.sqrt(dx * dx + dy * dy);
}

/** A polyline stroke with round caps and joins. */
function onPolyline(x, y, points, width) {
  const half = width / 2;
  for (let i = 0; i + 1 < points.length; i++) {
    const [ax, ay] = points[i];
    const [bx, by] = points[i + 1];
    if (distToSegment(x, y, ax, ay, bx, by) <= half) return true;
  }
  return false;
}

/** The tile: rounded square with a 1.5 % margin so the anti-aliased edge is not clipped. */
function onTile(x, y) {
  return insideRoundedRect(x, y, 0.015, 0.015, 0.985, 0.985, 0.2);
}

/** Brand motif. Small sizes get a bold check only; from 48 px "IKI" is drawn above it. */
function brandInk(size) {
  if (size < 48) {
    const check = [
      [0.24, 0.53],
      [0.43, 0.71],
      [0.77, 0.31],
    ];
    const w = size <= 16 ? 0.16 : 0.14;
    return (x, y) => onPolyline(x, y, check, w);
  }
  const w = 0.085; // letter stroke
  const top = 0.13;
  const bottom = 0.39;
  const letters = [
    // I
    [
      [0.3, top],
      [0.3, bottom],
    ],
    // K: stem and two arms meeting the stem at mid height
    [
      [0.45, top],
      [0.45, bottom],
    ],
    [
      [0.61, top],
      [0.47, 0.27],
    ],
    [
      [0.5, 0.25],
      [0.62, bottom],
    ],
    // I
    [
      [0.74, top],
      [0.74, bottom],
    ],
  ];
  const check = [
    [0.28, 0.7],
    [0.44, 0.84],
    [0.73, 0.56],
  ];
  return (x, y) => letters.some((seg) => onPolyline(x, y, seg, w)) || onPolyline(x, y, check, 0.11);
}

/** Panel motif: a window outline (title bar filled) whose right third is the task pane. */
function panelInk(size) {
  const small = size <= 32;
  const x0 = small ? 0.15 : 0.2;
  const x1 = 1 - x0;
  const y0 = small ? 0.2 : 0.24;
  const y1 = 1 - y0;
  const stroke = size <= 16 ? 0.1 : 0.075;
  const paneX = 0.58;
  return (x, y) => {
    const inOuter = insideRoundedRect(x, y, x0, y0, x1, y1, 0.05);
    if (!inOuter) return false;
    const inInner = insideRoundedRect(x, y, x0 + stroke, y0 + stroke, x1 - stroke, y1 - stroke, 0.02);
    if (!inInner) return true; // frame
    if (y < y0 + stroke * 1.9) return true; // title bar
    if (Math.abs(x - paneX) <= stroke / 2) return true; // divider
    return x > paneX; // the pane itself, filled
  };
}

// ---------------------------------------------------------------------------------------
// Rasteriser.

function render(size, ink) {
  const ss = size <= 32 ? 8 : 4; // subsamples per axis
  const rgba = Buffer.alloc(size * size * 4);
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0;
      let g = 0;
      let b = 0;
      let a = 0;
      for (let sy = 0; sy < ss; sy++) {
        for (let sx = 0; sx < ss; sx++) {
          const x = (px + (sx + 0.5) / ss) / size;
          const y = (py + (sy + 0.5) / ss) / size;
          if (!onTile(x, y)) continue;
          const c = ink(x, y)
            ? WHITE
            : GREEN_TOP.map((top, i) => top + (GREEN_BOTTOM[i] - top) * y);
          r += c[0];
          g += c[1];
          b += c[2];
          a += 1;
        }
      }
      const o = (py * size + px) * 4;
      if (a > 0) {
        rgba[o] = Math.round(r / a);
        rgba[o + 1] = Math.round(g / a);
        rgba[o + 2] = Math.round(b / a);
      }
      rgba[o + 3] = Math.round((255 * a) / (ss * ss));
    }
  }
  return rgba;
}

// ---------------------------------------------------------------------------------------
// PNG encoder.

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

function crc32(buf) {
  let c = 0xffffffff;
  for (let i = 0; i < buf.length; i++) c = CRC_TABLE[(c ^ buf[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

function encodePng(width, height, rgba) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // colour type: RGBA
  ihdr[10] = 0; // compression
  ihdr[11] = 0; // filter
  ihdr[12] = 0; // interlace
  // Each scanline is prefixed with filter type 0 (None); zlib does the rest.
  const raw = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (width * 4 + 1)] = 0;
    rgba.copy(raw, y * (width * 4 + 1) + 1, y * width * 4, (y + 1) * width * 4);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", ihdr),
    chunk("IDAT", zlib.deflateSync(raw, { level: 9 })),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

// ---------------------------------------------------------------------------------------

function icons() {
  const out = [];
  for (const size of BRAND_SIZES) out.push({ file: `icon-${size}.png`, png: encodePng(size, size, render(size, brandInk(size))) });
  for (const size of PANEL_SIZES) out.push({ file: `panel-${size}.png`, png: encodePng(size, size, render(size, panelInk(size))) });
  return out;
}

function main(argv) {
  const check = argv.includes("--check");
  let stale = 0;
  if (!check) fs.mkdirSync(ASSETS, { recursive: true });
  for (const { file, png } of icons()) {
    const target = path.join(ASSETS, file);
    if (check) {
      const same = fs.existsSync(target) && fs.readFileSync(target).equals(png);
      if (!same) {
        stale++;
        console.error(`assets/${file} is missing or differs from scripts/make-icons.js output`);
      }
    } else {
      fs.writeFileSync(target, png);
      console.log(`assets/${file}  ${png.length} bytes`);
    }
  }
  if (stale > 0) {
    console.error("run: node scripts/make-icons.js");
    process.exitCode = 1;
  }
}

module.exports = { encodePng, render, brandInk, panelInk, crc32 };

if (require.main === module) main(process.argv.slice(2));
