/**
 * A body as the upload pipeline takes it (src/http/uploads.ts): multipart/form-data whose field
 * names are dotted paths (`rights.kind`, `evidence.0.attachment`). Files (`file(...)`) become file
 * parts; everything else is sent as text.
 */
export function formData(body: Record<string, unknown>): FormData {
  const form = new FormData();
  const add = (name: string, value: unknown) => {
    if (value === undefined || value === null) return;
    if (value instanceof Blob) form.append(name, value);
    else if (Array.isArray(value)) {
      for (const [i, v] of value.entries()) add(`${name}.${i}`, v);
    } else if (typeof value === 'object')
      for (const [k, v] of Object.entries(value)) add(name ? `${name}.${k}` : k, v);
    else form.append(name, String(value));
  };
  add('', body);
  return form;
}

/** A file part: its bytes, the name it is sent under and the type its part claims. */
export const file = (bytes: Uint8Array, name: string, type = 'application/octet-stream') =>
  new File([new Uint8Array(bytes)], name, { type });
