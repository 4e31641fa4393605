// Reads what a PNG says about itself: its 8-byte signature and the width and height in its IHDR chunk.
const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

export function pngHeader(bytes: Buffer): { signatureOk: boolean; chunk: string; widthPx: number; heightPx: number } {
  return {
    signatureOk: bytes.subarray(0, 8).equals(SIGNATURE),
    chunk: bytes.subarray(12, 16).toString('ascii'),
    widthPx: bytes.readUInt32BE(16),
    heightPx: bytes.readUInt32BE(20),
  };
}
