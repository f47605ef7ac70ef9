/**
 * A binary min-heap of numbers in a caller-owned `Float64Array`, as two free functions so that
 * hot loops keep `heap` and `size` in locals (no object, no bounds management here: the caller
 * sizes the array for the most entries it can hold).
 *
 * The BPE mergers key entries as `rank * 2^32 + position`: ordering by key is ordering by
 * (rank, position), exact while `rank < 2^21`.
 *
 * @example
 * ```ts
 * const heap = new Float64Array(8);
 * let size = 0;
 * size = heapPush(heap, size, 5);
 * size = heapPush(heap, size, 2);
 * heap[0]; // 2, the minimum
 * size = heapPop(heap, size); // heap[0] is now 5
 * ```
 */

/** Pushes `key` onto the binary min-heap `heap[0, size)`; returns the new size. */
export function heapPush(heap: Float64Array, size: number, key: number): number {
  let i = size;
  while (i > 0) {
    const parent = (i - 1) >> 1;
    const pk = heap[parent];
    if (pk <= key) break;
    heap[i] = pk;
    i = parent;
  }
  heap[i] = key;
  return size + 1;
}

/** Removes the minimum (`heap[0]`) of the binary min-heap `heap[0, size)`; returns the new size. */
export function heapPop(heap: Float64Array, size: number): number {
  const last = heap[--size];
  let i = 0;
  for (;;) {
    let child = 2 * i + 1;
    if (child >= size) break;
    if (child + 1 < size && heap[child + 1] < heap[child]) child++;
    if (heap[child] >= last) break;
    heap[i] = heap[child];
    i = child;
  }
  heap[i] = last;
  return size;
}
