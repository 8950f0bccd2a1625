#ifndef CSANTEI_MEMORY_H
#define CSANTEI_MEMORY_H

/* Memory hints Swift has no word for. `santei aggregate` finds the cells of a receipt's lines in tables
 * of megabytes: it asks for every line's table entry first and reads them after, so the cache misses
 * overlap instead of coming one after another (Sources/Santei/Aggregate/AggregateAccumulator.swift). */

/* Asks for the cache line holding `p`, for reading and writing soon; no effect on the program's result,
 * whatever `p` is (a prefetch never faults). */
static inline void csantei_prefetch(const void *p) {
#if defined(__GNUC__) || defined(__clang__)
    __builtin_prefetch(p, 1, 3);
#else
    (void)p;
#endif
}

/* Adds `v` to `*p` atomically and returns the value before: the threads of a batch take their next
 * block of receipts from one counter, so none waits at the end of a batch while another still has a
 * long share left (Sources/Santei/Aggregate/Aggregation.swift). */
static inline long csantei_fetch_add(long *p, long v) {
    return __atomic_fetch_add(p, v, __ATOMIC_RELAXED);
}

#endif
