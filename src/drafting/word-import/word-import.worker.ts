import { convertWordFile, WordConversion } from './word-conversion';

/** Worker thread task (word-import-runner.ts): converts one Word file. */
export default function convert(bytes: Uint8Array): Promise<WordConversion> {
  return convertWordFile(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
}
