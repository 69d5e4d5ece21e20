/** Reads a JSON request body with a size cap: 413 above it, 400 for bytes that are not JSON. */
import { ApiProblem } from '../problem.js';

export const DEFAULT_BODY_LIMIT = 16 * 1024;

export async function readJsonBody(request: Request, limit: number): Promise<unknown> {
  const declared = Number(request.headers.get('Content-Length') ?? NaN);
  if (Number.isFinite(declared) && declared > limit) throw tooLarge(limit);
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (request.body) {
    const reader = request.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > limit) {
        await reader.cancel().catch(() => {});
        throw tooLarge(limit);
      }
      chunks.push(value);
    }
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(chunks));
  } catch {
    throw ApiProblem.validation([{ field: '', code: 'invalid-json' }]);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw ApiProblem.validation([{ field: '', code: 'invalid-json' }]);
  }
}

function tooLarge(limit: number): ApiProblem {
  return ApiProblem.http(413, 'Request body too large', `The limit is ${limit} bytes.`);
}

/** `application/json`, optionally with parameters (`; charset=utf-8`). */
export function isJsonContentType(value: string | undefined): boolean {
  if (!value) return false;
  return /^application\/json\s*(;|$)/i.test(value.trim());
}
