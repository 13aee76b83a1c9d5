// What both of the console server's HTTP fronts (the demo backend's adapter and the gateway) need of a
// request: its body, read up to a limit, and a refusal that carries the status and IoT Central's error code.

/** A request refused before any handler: answered in IoT Central's error envelope. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

/** The request body; a 413 HttpError once it passes `maxBytes` (declared or sent). */
export async function readBody(req: AsyncIterable<Buffer> & { headers: Record<string, unknown> }, maxBytes: number): Promise<Buffer> {
  const tooLarge = () =>
    new HttpError(413, 'PayloadTooLarge', `The request body is larger than ${maxBytes / 1024 / 1024} MB. Send it in smaller parts.`);
  if (Number(req.headers['content-length'] ?? 0) > maxBytes) throw tooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += chunk.length;
    if (size > maxBytes) throw tooLarge();
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}
