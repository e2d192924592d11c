import { hasImageVariants, IMAGE_VARIANT_FORMATS, imageSrcSet } from '../../common/image-sizes.ts';

/**
 * Listing pictures served by Heartland (/media/…, /demo-images/…) come in widths and in AVIF and
 * WebP (`?w=&format=`, made by the server on first request): a phone downloads the size it shows.
 */
const sourcesOf = (url: string) =>
  hasImageVariants(url)
    ? IMAGE_VARIANT_FORMATS.map((f) => ({ type: `image/${f}`, srcSet: imageSrcSet(url, f) }))
    : [];

/**
 * A picture with its space reserved (width and height give the aspect ratio before it loads).
 * `priority` is for the first picture above the fold, the page's largest paint: fetched first and
 * never lazy. Every other picture loads lazily.
 */
export function Picture({
  src,
  alt,
  width,
  height,
  sizes,
  className,
  priority = false,
}: {
  src: string;
  alt: string;
  width: number;
  height: number;
  sizes: string;
  className?: string;
  priority?: boolean;
}) {
  const sources = sourcesOf(src);
  const img = (
    <img
      className={className}
      src={src}
      alt={alt}
      width={width}
      height={height}
      sizes={sources.length > 0 ? undefined : sizes}
      loading={priority ? 'eager' : 'lazy'}
      fetchPriority={priority ? 'high' : 'auto'}
      decoding="async"
    />
  );
  if (sources.length === 0) return img;
  return (
    <picture>
      {sources.map((s) => (
        <source key={s.type} type={s.type} srcSet={s.srcSet} sizes={sizes} />
      ))}
      {img}
    </picture>
  );
}
