#!/usr/bin/env python3
"""Prices the README's example encounter through libSanteiC with ctypes (include/santei.h):
the window call POST /v1/encounter, as receipt software written in Python would make it.

    python3 Examples/python/price_encounter.py [.build/release/libSanteiC.so] [docs/examples/encounter.json]
"""
import ctypes
import json
import sys

lib_path = sys.argv[1] if len(sys.argv) > 1 else ".build/release/libSanteiC.so"
claim_path = sys.argv[2] if len(sys.argv) > 2 else "docs/examples/encounter.json"

lib = ctypes.CDLL(lib_path)
lib.santei_open.argtypes = [ctypes.c_char_p, ctypes.POINTER(ctypes.c_void_p)]
lib.santei_open.restype = ctypes.c_void_p
lib.santei_call.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_char_p, ctypes.c_char_p, ctypes.c_size_t,
                            ctypes.POINTER(ctypes.c_void_p), ctypes.POINTER(ctypes.c_size_t)]
lib.santei_call.restype = ctypes.c_int
lib.santei_free.argtypes = [ctypes.c_void_p]
lib.santei_close.argtypes = [ctypes.c_void_p]
lib.santei_version.restype = ctypes.c_char_p


def call(engine, method, target, body=b""):
    out = ctypes.c_void_p()
    out_len = ctypes.c_size_t()
    status = lib.santei_call(engine, method.encode(), target.encode(), body, len(body), ctypes.byref(out), ctypes.byref(out_len))
    try:
        return status, ctypes.string_at(out, out_len.value)
    finally:
        lib.santei_free(out)


error = ctypes.c_void_p()
engine = lib.santei_open(None, ctypes.byref(error))   # None: the built-in masters; or a snapshot / folder path
if not engine:
    message = ctypes.string_at(error).decode()
    lib.santei_free(error)
    sys.exit("santei_open: " + message)

with open(claim_path, "rb") as f:
    body = f.read()
status, answer = call(engine, "POST", "/v1/encounter", body)
print(answer.decode())
if status != 200:
    sys.exit(f"status {status}")
result = json.loads(answer)
window = result["window"]
print(f"encounter {result['encounter']} on {result['date']}: {result['points']} 点, "
      f"window payment {window['window_yen']} 円 ({window['rounding']})", file=sys.stderr)
lib.santei_close(engine)
