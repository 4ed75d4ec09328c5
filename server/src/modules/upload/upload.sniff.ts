/**
 * What a file really is, from its first bytes (magic numbers), never from its name or the
 * Content-Type the client sent: a `.pdf` that is really a Windows program is refused.
 */
export const UPLOAD_MEDIA_TYPES = ['application/pdf', 'image/jpeg', 'image/png', 'image/webp'] as const;
export type UploadMediaType = (typeof UPLOAD_MEDIA_TYPES)[number];

const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

function startsWith(bytes: Uint8Array, prefix: readonly number[], offset = 0): boolean {
  if (bytes.length < offset + prefix.length) return false;
  return prefix.every((b, i) => bytes[offset + i] === b);
}

const ascii = (text: string) => [...text].map((c) => c.charCodeAt(0));

/** The media type the content is, or undefined when it is none of UPLOAD_MEDIA_TYPES. */
export function sniffMediaType(bytes: Uint8Array): UploadMediaType | undefined {
  if (startsWith(bytes, ascii('%PDF-'))) return 'application/pdf';
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(bytes, PNG)) return 'image/png';
  if (startsWith(bytes, ascii('RIFF')) && startsWith(bytes, ascii('WEBP'), 8)) return 'image/webp';
  return undefined;
}

/** True when `mediaType` is allowed by `accept` (exact types or `image/*`). */
export function acceptsMediaType(accept: readonly string[], mediaType: string): boolean {
  return accept.some((a) => a === mediaType || (a.endsWith('/*') && mediaType.startsWith(a.slice(0, -1))));
}

/** A file name safe to store and to echo in a Content-Disposition header. */
export function cleanFileName(name: string | undefined, mediaType: UploadMediaType): string {
  const base = (name ?? '')
    .replace(/^.*[\\/]/, '')
    .replace(/[^\p{L}\p{N} ._()-]/gu, '_')
    .trim()
    .slice(0, 200);
  if (base) return base;
  const ext = { 'application/pdf': 'pdf', 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp' }[mediaType];
  return `berkas.${ext}`;
}
