/**
 * Test scenes for the fingerprint tests: deterministic SVG pictures (gradient background, shapes,
 * a product label) rendered by sharp; a different seed gives an unrelated picture.
 */
import sharp from 'sharp';
import { seededRandom as rng } from '../../../kernel/seeded-random.ts';

const LABELS = ['Door County Cherries', 'Wisconsin Ginseng', 'Aged Cheddar', 'Maple Syrup', 'Wild Rice'];

export function sceneSvg(seed: number, width = 640, height = 480): string {
  const r = rng(seed);
  const colour = () =>
    `hsl(${Math.floor(r() * 360)},${40 + Math.floor(r() * 50)}%,${25 + Math.floor(r() * 50)}%)`;
  const at = (n: number) => Math.floor(r() * n);
  const shapes: string[] = [];
  for (let i = 0; i < 7 + at(5); i++) {
    const kind = at(3);
    if (kind === 0)
      shapes.push(`<circle cx="${at(width)}" cy="${at(height)}" r="${20 + at(120)}" fill="${colour()}"/>`);
    else if (kind === 1)
      shapes.push(
        `<rect x="${at(width)}" y="${at(height)}" width="${40 + at(250)}" height="${40 + at(200)}" fill="${colour()}" transform="rotate(${at(90)} ${width / 2} ${height / 2})"/>`,
      );
    else
      shapes.push(
        `<polygon points="${at(width)},${at(height)} ${at(width)},${at(height)} ${at(width)},${at(height)}" fill="${colour()}"/>`,
      );
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
  <defs><linearGradient id="g" x1="0" y1="0" x2="${r().toFixed(2)}" y2="1">
    <stop offset="0" stop-color="${colour()}"/><stop offset="1" stop-color="${colour()}"/></linearGradient></defs>
  <rect width="100%" height="100%" fill="url(#g)"/>
  ${shapes.join('\n  ')}
  <text x="${30 + at(100)}" y="${height - 40 - at(80)}" font-family="DejaVu Sans" font-size="${36 + at(20)}" font-weight="bold" fill="${colour()}">${LABELS[at(LABELS.length)]}</text>
</svg>`;
}

export async function scene(seed: number): Promise<Buffer> {
  return sharp(Buffer.from(sceneSvg(seed)))
    .png()
    .toBuffer();
}

/** A small semi-transparent watermark in the lower right corner, as a reseller would add. */
export async function watermark(image: Buffer, text = '© best-deals-shop'): Promise<Buffer> {
  const { width = 640, height = 480 } = await sharp(image).metadata();
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
  <text x="${width - 12}" y="${height - 14}" text-anchor="end" font-family="DejaVu Sans" font-size="${Math.round(height / 20)}" fill="white" fill-opacity="0.7">${text}</text></svg>`;
  return sharp(image)
    .composite([{ input: Buffer.from(svg) }])
    .png()
    .toBuffer();
}
