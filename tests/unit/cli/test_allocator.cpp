// The allocator of the nastavnik binary (generator/cli/allocator.cpp): jemalloc's arenas take their
// memory from ranges of address space aligned and marked for huge pages. Built only where the tool
// links jemalloc (no sanitizer).
#include <jemalloc/jemalloc.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iterator>
#include <random>
#include <string>
#include <thread>
#include <vector>

namespace {

extent_hooks_t* hooks_of(unsigned arena) {
  extent_hooks_t* hooks = nullptr;
  size_t len = sizeof hooks;
  std::string name = "arena." + std::to_string(arena) + ".extent_hooks";
  REQUIRE(mallctl(name.c_str(), &hooks, &len, nullptr, 0) == 0);
  return hooks;
}

// The mapping of /proc/self/smaps that holds `p`: its size and whether huge pages may back it.
struct Mapping {
  uintptr_t begin = 0, end = 0;
  bool thp_eligible = false;
};
Mapping mapping_of(const void* p) {
  const auto at = reinterpret_cast<uintptr_t>(p);
  std::ifstream smaps("/proc/self/smaps");
  Mapping found;
  bool in_found = false;
  for (std::string line; std::getline(smaps, line);) {
    std::string first = line.substr(0, line.find(' '));
    if (!first.empty() && first.back() != ':') {  // "begin-end perms …" opens a mapping
      if (in_found) break;
      unsigned long long b = 0, e = 0;
      if (std::sscanf(first.c_str(), "%llx-%llx", &b, &e) == 2 && b <= at && at < e) {
        found = {static_cast<uintptr_t>(b), static_cast<uintptr_t>(e), false};
        in_found = true;
      }
    } else if (in_found && first == "THPeligible:") {
      found.thp_eligible = line.find('1') != std::string::npos;
    }
  }
  return found;
}

bool address_space_limited() {  // as allocator.cpp decides: then jemalloc keeps its own hooks
  rlimit as{};
  if (getrlimit(RLIMIT_AS, &as) == 0 && as.rlim_cur != RLIM_INFINITY) return true;
  std::ifstream f("/proc/sys/vm/overcommit_memory");
  int mode = 0;
  return f >> mode && mode == 2;
}

// Whether the kernel gives huge pages to memory marked MADV_HUGEPAGE: the global setting and the
// one of 2 MiB pages ("inherit" follows the global one).
bool huge_pages_on_madvise() {
  auto setting = [](const char* path) {
    std::ifstream f(path);
    std::string s((std::istreambuf_iterator<char>(f)), {});
    auto open = s.find('['), close = s.find(']');
    return open == std::string::npos || close == std::string::npos ? std::string() : s.substr(open + 1, close - open - 1);
  };
  std::string global = setting("/sys/kernel/mm/transparent_hugepage/enabled");
  std::string size2m = setting("/sys/kernel/mm/transparent_hugepage/hugepages-2048kB/enabled");
  if (size2m.empty() || size2m == "inherit") size2m = global;
  return (global == "always" || global == "madvise") && (size2m == "always" || size2m == "madvise");
}

extent_hooks_t* default_hooks() {
  static extent_hooks_t* hooks = [] {
    unsigned fresh = 0;
    size_t len = sizeof fresh;
    REQUIRE(mallctl("arenas.create", &fresh, &len, nullptr, 0) == 0);  // with jemalloc's own hooks
    return hooks_of(fresh);
  }();
  return hooks;
}

unsigned hooked_arenas() {
  unsigned narenas = 0;
  size_t len = sizeof narenas;
  REQUIRE(mallctl("opt.narenas", &narenas, &len, nullptr, 0) == 0);
  const long cores = sysconf(_SC_NPROCESSORS_ONLN);
  return std::min<unsigned>(narenas, static_cast<unsigned>(std::max(cores, 1L)) + 1);
}

}  // namespace

TEST_CASE("the arenas of the cores grow from an aligned range marked for huge pages") {
  if (address_space_limited()) {  // jemalloc's own hooks everywhere
    CHECK(hooks_of(0)->alloc == default_hooks()->alloc);
    return;
  }
  for (unsigned i = 0; i < hooked_arenas(); ++i) {
    INFO("arena " << i);
    CHECK(hooks_of(i)->alloc != default_hooks()->alloc);
  }
  // 6 MiB (below jemalloc's 8 MiB threshold of its separate arena for huge allocations): from the
  // range, a mapping of at least 1 GiB aligned to 2 MiB, marked for huge pages.
  void* p = std::malloc(6 << 20);
  REQUIRE(p);
  std::memset(p, 1, 6 << 20);
  Mapping m = mapping_of(p);
  REQUIRE(m.end > m.begin);
  CHECK(m.end - m.begin >= (size_t{1} << 30));
  CHECK(m.begin % (size_t{2} << 20) == 0);
  if (huge_pages_on_madvise()) CHECK(m.thp_eligible);
  std::free(p);
}

TEST_CASE("memory from the range is zero where calloc promises it, after purges too") {
  // Worker threads (each on an arena of its own, one of the hooked ones) allocate, fill with their
  // own byte, check and free blocks of many sizes, at most 32 MiB live each; every 1,000 steps a
  // thread purges its arena (the pages go back to the system), and calloc must still return zeros.
  const unsigned workers = hooked_arenas() - 1;  // the main thread holds arena 0
  std::vector<unsigned> arena_of(workers, ~0u);
  std::vector<char> ok(workers, 1);
  auto work = [&](unsigned t) {
    unsigned arena = 0;
    size_t len = sizeof arena;
    if (mallctl("thread.arena", &arena, &len, nullptr, 0) == 0) arena_of[t] = arena;
    std::mt19937 rng(0x51 + t);
    const auto mark = static_cast<unsigned char>(0x51 + t);
    std::vector<std::pair<unsigned char*, size_t>> live;
    size_t live_bytes = 0;
    auto release = [&](size_t k) {
      auto [q, n] = live[k];
      for (size_t i = 0; i < n; i += 1 + n / 64) ok[t] = ok[t] && q[i] == mark;
      std::free(q);
      live_bytes -= n;
      live.erase(live.begin() + static_cast<long>(k));
    };
    for (int step = 0; step < 4000 && ok[t]; ++step) {
      size_t n = size_t{1} << (rng() % 23);  // 1 B … 8 MiB
      n += rng() % n;
      while (!live.empty() && (live_bytes + n > (size_t{32} << 20) || rng() % 3 == 0)) release(rng() % live.size());
      auto* q = static_cast<unsigned char*>(std::calloc(1, n));
      if (!q) {
        ok[t] = 0;
        break;
      }
      for (size_t i = 0; i < n; i += 1 + n / 64) ok[t] = ok[t] && q[i] == 0;
      ok[t] = ok[t] && q[n - 1] == 0;
      std::memset(q, mark, n);
      live.emplace_back(q, n);
      live_bytes += n;
      if (step % 1000 == 999) {
        std::string purge = "arena." + std::to_string(arena_of[t]) + ".purge";
        mallctl(purge.c_str(), nullptr, nullptr, nullptr, 0);
      }
    }
    while (!live.empty()) release(live.size() - 1);
  };
  std::vector<std::thread> threads;
  for (unsigned t = 0; t < workers; ++t) threads.emplace_back(work, t);
  for (auto& th : threads) th.join();
  for (unsigned t = 0; t < workers; ++t) {
    INFO("thread " << t << ", arena " << arena_of[t]);
    CHECK(ok[t]);
    if (!address_space_limited()) {
      REQUIRE(arena_of[t] != ~0u);
      CHECK(hooks_of(arena_of[t])->alloc != default_hooks()->alloc);
    }
  }
}
