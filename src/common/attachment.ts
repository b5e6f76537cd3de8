import { StreamableFile } from '@nestjs/common';
import { Readable } from 'node:stream';

/** A file the browser saves rather than shows (matrix exports, documents, CSV reports). */
export function attachment(content: Buffer, contentType: string, fileName: string): StreamableFile {
  return new StreamableFile(content, {
    type: contentType,
    disposition: disposition(fileName),
    length: content.length,
  });
}

/** The same, written as its pieces come (no length known in advance). */
export function attachmentStream(
  chunks: AsyncIterable<string>,
  contentType: string,
  fileName: string,
): StreamableFile {
  return new StreamableFile(Readable.from(chunks), {
    type: contentType,
    disposition: disposition(fileName),
  });
}

function disposition(fileName: string): string {
  return `attachment; filename="${fileName.replace(/[^\w.-]/g, '_')}"`;
}
