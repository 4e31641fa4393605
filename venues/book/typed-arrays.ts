/**
 * Growth of the typed arrays the book keeps its orders and levels in: doubling copies, so that the
 * pools allocate only when they grow past their largest size so far.
 */

export function grownInt32(array: Int32Array, capacity: number, fill = 0): Int32Array<ArrayBuffer> {
  const grown = new Int32Array(capacity);
  if (fill !== 0) grown.fill(fill, array.length);
  grown.set(array);
  return grown;
}

export function grownFloat64(array: Float64Array, capacity: number): Float64Array<ArrayBuffer> {
  const grown = new Float64Array(capacity);
  grown.set(array);
  return grown;
}

export function grownUint8(array: Uint8Array, capacity: number): Uint8Array<ArrayBuffer> {
  const grown = new Uint8Array(capacity);
  grown.set(array);
  return grown;
}
