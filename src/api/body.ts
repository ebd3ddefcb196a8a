/**
 * Reading what the server really sends (browser-safe: web streams and TextDecoder only).
 *
 * The v0.6.1 server gzips list answers itself, and the metrics list twice, under a single
 * `Content-Encoding: gzip`. An HTTP client removes at most one layer (Node's fetch does, a
 * mocked fetch may not), so the rule is: keep gunzipping while the body starts with the
 * gzip magic bytes `1f 8b`, whatever the headers say. A JSON or text body never starts with
 * them (0x1f is a control character), so the rule cannot eat a real body.
 */

/** More layers than any server produces: a bound against a crafted body, not a real limit. */
const MAX_GZIP_LAYERS = 8;

export function startsWithGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/** A gzip layer that does not decompress: truncated or corrupt. */
export class GzipLayerError extends Error {
  override name = "GzipLayerError";
}

/** Removes every gzip layer; throws {@link GzipLayerError} when one cannot be decompressed. */
export async function gunzipLayers(bytes: Uint8Array): Promise<Uint8Array> {
  let current = bytes;
  for (let layer = 1; startsWithGzip(current); layer++) {
    if (layer > MAX_GZIP_LAYERS) throw new GzipLayerError(`more than ${MAX_GZIP_LAYERS} gzip layers`);
    try {
      const stream = new Blob([current]).stream().pipeThrough(new DecompressionStream("gzip"));
      current = new Uint8Array(await new Response(stream).arrayBuffer());
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new GzipLayerError(`gzip layer ${layer} does not decompress (${reason})`);
    }
  }
  return current;
}

const lenient = new TextDecoder("utf-8");
const strict = new TextDecoder("utf-8", { fatal: true });

/** UTF-8 text; invalid sequences become U+FFFD. */
export function utf8(bytes: Uint8Array): string {
  return lenient.decode(bytes);
}

/** UTF-8 text, or undefined when the bytes are not valid UTF-8 (binary content). */
export function strictUtf8(bytes: Uint8Array): string | undefined {
  try {
    return strict.decode(bytes);
  } catch {
    return undefined;
  }
}

/** The first `max` characters of a body, on one line, for error messages. */
export function excerpt(text: string, max = 200): string {
  const line = text.replace(/\s+/g, " ").trim();
  return line.length <= max ? line : `${line.slice(0, max)}…`;
}
