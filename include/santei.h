/* santei.h — the C ABI of libSanteiC.so (SwiftPM product "SanteiC"): Santei's 診療報酬 engine for
 * receipt software written in C, C#, Java, Delphi, VB, COBOL or Python (ctypes). See docs/embedding.md.
 *
 * One engine serves many threads at once. Requests and answers are the JSON of the HTTP service
 * (docs/api/openapi.json): santei_call("POST", "/v1/encounter", body, …) answers exactly the bytes
 * `POST /v1/encounter` answers. Every buffer the library returns is malloc'ed: free it with santei_free.
 */
#ifndef SANTEI_H
#define SANTEI_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct santei_engine santei_engine;

/* Opens an engine. path: a compiled snapshot file, a folder of official master files, or NULL for the
 * built-in default set. On failure returns NULL and, when error is not NULL, sets *error to a message
 * (free it with santei_free). */
santei_engine *santei_open(const char *path, char **error);

/* Answers one request: method "GET" or "POST", target a path with its query (e.g.
 * "/v1/masters/111000110?date=2024-06-01"), body the JSON request bytes (may be NULL when body_len is 0).
 * Returns the HTTP status (200, 400, 404, 422, …) and sets *out / *out_len to the answer body (JSON,
 * UTF-8; a NUL byte follows it, not counted). Free *out with santei_free. Returns -1 when an argument
 * is missing or the engine is closed. Thread-safe. */
int santei_call(santei_engine *engine, const char *method, const char *target,
                const uint8_t *body, size_t body_len, uint8_t **out, size_t *out_len);

/* Loads a new snapshot or masters folder (path, or NULL for the engine's own source) beside the running
 * one and swaps it in atomically; calls in flight finish on the set they started with. Returns 0, or -1
 * with *error set (the running set keeps serving). */
int santei_reload(santei_engine *engine, const char *path, char **error);

/* Closes the engine. A call still running on it finishes first; a call on it afterwards returns -1
 * (santei_reload: -1 with *error set) and a second santei_close does nothing. */
void santei_close(santei_engine *engine);

/* Frees a buffer or message the library returned. */
void santei_free(void *p);

/* The library's version, e.g. "0.10.0" (static; do not free). */
const char *santei_version(void);

#ifdef __cplusplus
}
#endif

#endif
