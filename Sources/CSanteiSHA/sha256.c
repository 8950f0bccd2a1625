// SHA-256 block compression with the x86 SHA extensions (SHA-NI). Santei hashes every input file it
// records in a manifest (`santei aggregate`, snapshot sources); the portable Swift compression runs
// at about 250 MB/s, these instructions at well over 1 GB/s. The Swift side (Sources/Santei/Support/
// SHA256.swift) asks csantei_sha256_hardware() once and keeps its own compression otherwise.
#include "csantei_sha.h"

/* The round constants, FIPS 180-4 §4.2.2 (also the portable Swift compression's). */
static const uint32_t K[64] = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

const uint32_t *csantei_sha256_constants(void) { return K; }

#if defined(__x86_64__)
#include <cpuid.h>
#include <immintrin.h>

int csantei_sha256_hardware(void) {
    unsigned a, b, c, d;
    if (!__get_cpuid(1, &a, &b, &c, &d)) return 0;
    int ssse3 = (c >> 9) & 1, sse41 = (c >> 19) & 1;
    if (__get_cpuid_max(0, 0) < 7) return 0;
    __cpuid_count(7, 0, a, b, c, d);
    int sha = (b >> 29) & 1;
    return ssse3 && sse41 && sha;
}


__attribute__((target("sha,sse4.1,ssse3")))
void csantei_sha256_blocks(uint32_t state[8], const uint8_t *data, size_t blocks) {
    const __m128i bswap = _mm_set_epi64x(0x0c0d0e0f08090a0bULL, 0x0405060700010203ULL);
    // The instructions keep the state as ABEF and CDGH.
    __m128i tmp = _mm_loadu_si128((const __m128i *)&state[0]);      // DCBA
    __m128i s1 = _mm_loadu_si128((const __m128i *)&state[4]);       // HGFE
    tmp = _mm_shuffle_epi32(tmp, 0xB1);                              // CDAB
    s1 = _mm_shuffle_epi32(s1, 0x1B);                                // EFGH
    __m128i s0 = _mm_alignr_epi8(tmp, s1, 8);                        // ABEF
    s1 = _mm_blend_epi16(s1, tmp, 0xF0);                             // CDGH
    while (blocks--) {
        __m128i abef = s0, cdgh = s1;
        __m128i m[4];
        for (int i = 0; i < 4; i++) m[i] = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(data + 16 * i)), bswap);
        for (int i = 0; i < 16; i++) {
            __m128i w;
            if (i < 4) {
                w = m[i];
            } else {
                // W[t] for the next four t from W[t-16…t-13] (m[i&3]), W[t-15…] (m[i+1]), W[t-7…] and W[t-2…].
                w = _mm_sha256msg1_epu32(m[i & 3], m[(i + 1) & 3]);
                w = _mm_add_epi32(w, _mm_alignr_epi8(m[(i + 3) & 3], m[(i + 2) & 3], 4));
                w = _mm_sha256msg2_epu32(w, m[(i + 3) & 3]);
                m[i & 3] = w;
            }
            __m128i k = _mm_add_epi32(w, _mm_loadu_si128((const __m128i *)&K[4 * i]));
            s1 = _mm_sha256rnds2_epu32(s1, s0, k);
            k = _mm_shuffle_epi32(k, 0x0E);
            s0 = _mm_sha256rnds2_epu32(s0, s1, k);
        }
        s0 = _mm_add_epi32(s0, abef);
        s1 = _mm_add_epi32(s1, cdgh);
        data += 64;
    }
    tmp = _mm_shuffle_epi32(s0, 0x1B);                               // FEBA
    s1 = _mm_shuffle_epi32(s1, 0xB1);                                // DCHG
    s0 = _mm_blend_epi16(tmp, s1, 0xF0);                             // DCBA
    s1 = _mm_alignr_epi8(s1, tmp, 8);                                // ABEF → HGFE
    _mm_storeu_si128((__m128i *)&state[0], s0);
    _mm_storeu_si128((__m128i *)&state[4], s1);
}

#else

int csantei_sha256_hardware(void) { return 0; }
void csantei_sha256_blocks(uint32_t state[8], const uint8_t *data, size_t blocks) { (void)state; (void)data; (void)blocks; }

#endif
