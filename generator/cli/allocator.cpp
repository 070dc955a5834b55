// jemalloc's options, read once when the allocator starts, and where its arenas take their memory
// (only linked with jemalloc: CMakeLists).
//
// thp:always — the heap in transparent huge pages (madvise MADV_HUGEPAGE; with the kernel's THP
// "never" nothing changes). A build touches fresh memory page after page (the model it loads, the
// pages it renders), and on a virtual machine every 4 KiB page fault is dear: on the generated
// 5,000-page site the html build took 9,000 faults without it and 2,900 with it, and 3-6 % less
// wall time, for 6-10 MiB more peak memory (docs/performance.md).
//
// Huge pages need memory aligned to 2 MiB. jemalloc grows an arena by mappings of 2, 2.5, 3, 3.5,
// 4, 5… MiB where the kernel puts them: the parts of a mapping outside its whole aligned 2 MiB
// blocks (most of a 2.5 MiB one) were faulted in 4 KiB pages, 2,800 of the 3,400 faults of that
// build. So the arenas take their memory from ranges of address space (1 GiB each), aligned and
// marked for huge pages, cut in order (HugeRange): every 2 MiB block is faulted as one huge page.
// Not under a limit of address space (ulimit -v: the reserved range would count against it) nor
// with strict overcommit (vm.overcommit_memory 2: it would be charged whole); jemalloc's own hooks
// then.
#include <jemalloc/jemalloc.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <mutex>
#include <string>

extern "C" {
extern const char* malloc_conf;
const char* malloc_conf = "thp:always";
}

namespace {

constexpr size_t kHuge = size_t{2} << 20;
// Address space reserved at a time (MAP_NORESERVE: memory is taken only where it is touched).
constexpr size_t kReserve = size_t{1} << 30;

// `size` bytes of fresh anonymous memory at an address aligned to `alignment` (a power of two): a
// mapping longer by `alignment`, its head and tail cut off. Null if it cannot be mapped.
void* map_aligned(size_t size, size_t alignment, int flags) {
  void* p = mmap(nullptr, size + alignment, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | flags, -1, 0);
  if (p == MAP_FAILED) return nullptr;
  const uintptr_t start = reinterpret_cast<uintptr_t>(p), at = (start + alignment - 1) & ~(alignment - 1);
  if (at > start) munmap(p, at - start);
  if (const uintptr_t tail = start + alignment - at) munmap(reinterpret_cast<void*>(at + size), tail);
  return reinterpret_cast<void*>(at);
}

// The memory of the arenas: consecutive pieces of reserved ranges. Never returned to the system
// (jemalloc keeps what it frees for reuse, and purges unused pages with madvise as it would).
class HugeRange {
 public:
  void* take(size_t size, size_t alignment) {
    std::lock_guard lock(mutex_);
    uintptr_t at = (next_ + alignment - 1) & ~(alignment - 1);
    if (next_ == 0 || at + size > end_) {
      if (!reserve(size + alignment)) return nullptr;
      at = (next_ + alignment - 1) & ~(alignment - 1);
    }
    next_ = at + size;
    return reinterpret_cast<void*>(at);
  }

 private:
  std::mutex mutex_;
  uintptr_t next_ = 0, end_ = 0;

  bool reserve(size_t at_least) {
    const size_t size = std::max((at_least + kHuge - 1) & ~(kHuge - 1), kReserve);
    void* p = map_aligned(size, kHuge, MAP_NORESERVE);
    if (!p) return false;
    madvise(p, size, MADV_HUGEPAGE);
    next_ = reinterpret_cast<uintptr_t>(p);
    end_ = next_ + size;
    return true;
  }
};

HugeRange g_range;  // process-wide, as the allocator it serves

// Memory asked for with an alignment of 2 MiB or more (in jemalloc 5.3 only the metadata block of
// a new arena is) is mapped apart, in small pages: from the range it took a whole huge page each
// (2 MiB more resident memory an arena).

// jemalloc's extent hooks (`man jemalloc`, arena.<i>.extent_hooks): false is success; a null hook
// opts out (dalloc: the memory is kept and reused, never unmapped; commit and decommit: it is
// always committed).
void* huge_alloc(extent_hooks_t*, void* new_addr, size_t size, size_t alignment, bool* zero, bool* commit,
                 unsigned) {
  if (new_addr) return nullptr;  // growing in place: not offered (jemalloc asks only without retain)
  void* p = alignment >= kHuge ? map_aligned(size, alignment, 0) : g_range.take(size, alignment < 4096 ? 4096 : alignment);
  if (!p) return nullptr;  // jemalloc reports out of memory
  *zero = true;  // never handed out before: fresh pages of an anonymous mapping are zero
  *commit = true;
  return p;
}
void destroy(extent_hooks_t*, void* addr, size_t size, bool, unsigned) { madvise(addr, size, MADV_DONTNEED); }
bool purge_lazy(extent_hooks_t*, void* addr, size_t, size_t offset, size_t length, unsigned) {
  return madvise(static_cast<char*>(addr) + offset, length, MADV_FREE) != 0;
}
bool purge_forced(extent_hooks_t*, void* addr, size_t, size_t offset, size_t length, unsigned) {
  return madvise(static_cast<char*>(addr) + offset, length, MADV_DONTNEED) != 0;
}
// Any two neighbouring extents of an arena may be split and merged: jemalloc never merges across
// what two calls of huge_alloc returned (each is a "head" it does not merge into).
bool split(extent_hooks_t*, void*, size_t, size_t, size_t, bool, unsigned) { return false; }
bool merge(extent_hooks_t*, void*, size_t, void*, size_t, bool, unsigned) { return false; }

extent_hooks_t g_hooks = {huge_alloc, nullptr, destroy, nullptr, nullptr, purge_lazy, purge_forced, split, merge};

bool address_space_limited() {
  rlimit as{};
  if (getrlimit(RLIMIT_AS, &as) == 0 && as.rlim_cur != RLIM_INFINITY) return true;
  int mode = 0;
  if (std::FILE* f = std::fopen("/proc/sys/vm/overcommit_memory", "r")) {
    if (std::fscanf(f, "%d", &mode) != 1) mode = 0;
    std::fclose(f);
  }
  return mode == 2;
}

// Installed before main (a static object of the executable) on the arenas a build's threads take:
// jemalloc gives each new thread the least busy arena, making one while any stands unused, and a
// build runs a thread a core (the main thread among them): cores + 1 arenas (one to spare) are made
// now, with the hooks (all of jemalloc's 4 a core, never used, held 12 MiB more); a thread beyond
// them (--jobs above the cores) gets an arena of jemalloc's own. What was allocated before stays where it is.
struct InstallHooks {
  InstallHooks() {
    unsigned narenas = 0;
    size_t len = sizeof narenas;
    if (address_space_limited() || mallctl("opt.narenas", &narenas, &len, nullptr, 0) != 0) return;
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    unsigned hooked = cores > 0 && static_cast<unsigned long>(cores) < narenas ? static_cast<unsigned>(cores) + 1 : narenas;
    extent_hooks_t* hooks = &g_hooks;
    for (unsigned i = 0; i < hooked; ++i) {
      std::string name = "arena." + std::to_string(i) + ".extent_hooks";
      mallctl(name.c_str(), nullptr, nullptr, &hooks, sizeof hooks);
    }
  }
} g_install;

}  // namespace
