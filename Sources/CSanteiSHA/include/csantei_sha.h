#ifndef CSANTEI_SHA_H
#define CSANTEI_SHA_H
#include <stddef.h>
#include <stdint.h>

/// The 64 round constants K0…K63 of SHA-256 (FIPS 180-4 §4.2.2).
const uint32_t *csantei_sha256_constants(void);

/// 1 when this CPU has the SHA extensions (x86-64 SHA-NI with SSSE3 and SSE4.1), else 0.
int csantei_sha256_hardware(void);

/// SHA-256 compression (FIPS 180-4 §6.2.2) of `blocks` 64-byte blocks at `data` into `state`
/// (H0…H7) with the SHA-NI instructions. Call only when csantei_sha256_hardware() is 1.
void csantei_sha256_blocks(uint32_t state[8], const uint8_t *data, size_t blocks);

#endif
