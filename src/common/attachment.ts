import { StreamableFile } from '@nestjs/common';

/** A file the browser saves rather than shows (matrix exports, documents, CSV reports). */
export function attachment(content: Buffer, contentType: string, fileName: string): StreamableFile {
  return new StreamableFile(content, {
    type: contentType,
    disposition: `attachment; filename="${fileName.replace(/[^\w.-]/g, '_')}"`,
    length: content.length,
  });
}
