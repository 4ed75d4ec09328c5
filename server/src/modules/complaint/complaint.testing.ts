/**
 * A complaint filing as multipart/form-data, the way the /pengaduan form (or any client with
 * evidence) sends it: the fields as text and each file in `evidence`.
 */
export async function filingForm(
  fields: Record<string, unknown>,
  files: ReadonlyArray<{ name: string; bytes: Buffer; type?: string }>,
): Promise<{ payload: Buffer; headers: Record<string, string> }> {
  const form = new FormData();
  for (const [key, value] of Object.entries(fields)) if (value !== undefined) form.append(key, String(value));
  for (const file of files) {
    form.append('evidence', new Blob([new Uint8Array(file.bytes)], { type: file.type ?? 'application/octet-stream' }), file.name);
  }
  const request = new Request('http://layan.test/api/v1/complaints', { method: 'POST', body: form });
  return {
    payload: Buffer.from(await request.arrayBuffer()),
    headers: { 'content-type': request.headers.get('content-type')! },
  };
}
