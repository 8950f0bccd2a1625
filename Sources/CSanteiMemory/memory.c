/* The target's functions are inline in include/csantei_memory.h; SwiftPM needs one source file. */
#include "csantei_memory.h"
