// Faster versions of libharu 2.3's own helpers, by symbol interposition.
//
// libharu calls its exported functions through the PLT, so a definition of the same name in the
// program is the one its code calls (as a program's malloc replaces libc's). The replacements give
// exactly the results of the originals (the PDFs stay byte for byte the same, tests compare them);
// should a libharu build not call through the PLT, its own versions run and only speed is lost.
#include <hpdf.h>
#include <hpdf_utils.h>

#include <cstring>

#include "typeset/internal.h"

namespace nastavnik::typeset::detail {
namespace {
int g_calls = 0;  // calls of the replacements, for the unit test that checks they are in use
}
int libharu_hook_calls() { return g_calls; }
}  // namespace nastavnik::typeset::detail

extern "C" {

// Byte-by-byte loops in libharu (perf: a tenth of the PDF build in these two alone, every byte of
// every stream passes through them several times). Same results: the end of the destination is
// returned, an overlapping forward copy repeats the pattern as the byte loop does.
HPDF_BYTE* HPDF_MemCpy(HPDF_BYTE* out, const HPDF_BYTE* in, HPDF_UINT n) {
  if (out > in && out < in + n) {
    for (HPDF_UINT i = 0; i < n; ++i) out[i] = in[i];
  } else if (n) {
    std::memcpy(out, in, n);
  }
  return out + n;
}

void* HPDF_MemSet(void* s, HPDF_BYTE c, HPDF_UINT n) {
  ++nastavnik::typeset::detail::g_calls;
  if (n) std::memset(s, c, n);
  return static_cast<HPDF_BYTE*>(s) + n;
}

}  // extern "C"
