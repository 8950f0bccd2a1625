/* Prices the README's example encounter through libSanteiC (include/santei.h): the window call
 * POST /v1/encounter, as a レセコン written in C would make it at the 会計 desk.
 *
 *   cc -I include Examples/c/price_encounter.c -L .build/release -lSanteiC -Wl,-rpath,.build/release -o price_encounter
 *   ./price_encounter docs/examples/encounter.json
 *
 * Prints the answer (JSON) and, on standard error, the calls per second on one thread. */
#define _POSIX_C_SOURCE 199309L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "santei.h"

static unsigned char *read_file(const char *path, size_t *len) {
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    unsigned char *b = malloc(n > 0 ? (size_t)n : 1);
    *len = fread(b, 1, (size_t)n, f);
    fclose(f);
    return b;
}

int main(int argc, char **argv) {
    const char *claim = argc > 1 ? argv[1] : "docs/examples/encounter.json";
    const char *masters = argc > 2 ? argv[2] : NULL;   /* snapshot file or masters folder; NULL: built-in */
    size_t len = 0;
    unsigned char *body = read_file(claim, &len);
    if (!body) { fprintf(stderr, "cannot read %s\n", claim); return 1; }

    char *error = NULL;
    santei_engine *engine = santei_open(masters, &error);
    if (!engine) { fprintf(stderr, "santei_open: %s\n", error); santei_free(error); return 1; }

    uint8_t *out = NULL;
    size_t out_len = 0;
    int status = santei_call(engine, "POST", "/v1/encounter", body, len, &out, &out_len);
    printf("%.*s\n", (int)out_len, (const char *)out);
    santei_free(out);
    if (status != 200) { fprintf(stderr, "status %d\n", status); return 1; }

    /* Calls per second on one thread. */
    struct timespec t0, t1;
    int calls = 20000;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    for (int i = 0; i < calls; i++) {
        santei_call(engine, "POST", "/v1/encounter", body, len, &out, &out_len);
        santei_free(out);
    }
    clock_gettime(CLOCK_MONOTONIC, &t1);
    double s = (t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9;
    fprintf(stderr, "libSanteiC %s: %d calls of POST /v1/encounter in %.2f s on one thread: %.0f calls/s\n",
            santei_version(), calls, s, calls / s);

    santei_close(engine);
    free(body);
    return 0;
}
