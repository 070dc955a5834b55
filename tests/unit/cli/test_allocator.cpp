// The allocator of the nastavnik binary (generator/cli/allocator.cpp): jemalloc's arenas take their
// memory from ranges of address space aligned and marked for huge pages. Built only where the tool
// links jemalloc (no sanitizer).
#include <jemalloc/jemalloc.h>
#include <sys/mman.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
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

}  // namespace

TEST_CASE("the arenas of the cores grow from an aligned range marked for huge pages") {
  unsigned narenas = 0;
  size_t len = sizeof narenas;
  REQUIRE(mallctl("opt.narenas", &narenas, &len, nullptr, 0) == 0);
  unsigned fresh = 0;
  len = sizeof fresh;
  REQUIRE(mallctl("arenas.create", &fresh, &len, nullptr, 0) == 0);  // jemalloc's default hooks
  extent_hooks_t* defaults = hooks_of(fresh);
  const long cores = sysconf(_SC_NPROCESSORS_ONLN);
  const unsigned hooked = std::min<unsigned>(narenas, static_cast<unsigned>(cores) + 1);
  for (unsigned i = 0; i < hooked; ++i) {
    INFO("arena " << i);
    CHECK(hooks_of(i)->alloc != defaults->alloc);
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
  std::ifstream thp("/sys/kernel/mm/transparent_hugepage/enabled");
  std::string mode((std::istreambuf_iterator<char>(thp)), {});
  if (!mode.empty() && mode.find("[never]") == std::string::npos) CHECK(m.thp_eligible);
  std::free(p);
}

TEST_CASE("memory from the range is zero where calloc promises it and kept apart between threads") {
  // Threads allocate, fill with their own byte, check and free blocks of many sizes (jemalloc
  // reuses freed memory: calloc must still return zeros), over the arenas of the range.
  auto work = [](unsigned seed, bool& ok) {
    std::mt19937 rng(seed);
    std::vector<std::pair<unsigned char*, size_t>> live;
    const auto mark = static_cast<unsigned char>(seed);
    for (int step = 0; step < 3000 && ok; ++step) {
      if (!live.empty() && rng() % 3 == 0) {
        auto [q, n] = live[rng() % live.size()];
        for (size_t i = 0; i < n; i += 1 + n / 64) ok = ok && q[i] == mark;
        std::free(q);
        live.erase(std::find(live.begin(), live.end(), std::pair{q, n}));
        continue;
      }
      size_t n = size_t{1} << (rng() % 23);  // 1 B … 4 MiB
      n += rng() % n;
      auto* q = static_cast<unsigned char*>(std::calloc(1, n));
      ok = ok && q;
      if (!q) break;
      for (size_t i = 0; i < n; i += 1 + n / 64) ok = ok && q[i] == 0;
      ok = ok && q[n - 1] == 0;
      std::memset(q, mark, n);
      live.emplace_back(q, n);
    }
    for (auto [q, n] : live) std::free(q);
  };
  bool ok[3] = {true, true, true};
  std::vector<std::thread> threads;
  for (unsigned t = 0; t < 3; ++t) threads.emplace_back(work, 0x51 + t, std::ref(ok[t]));
  for (auto& t : threads) t.join();
  CHECK(ok[0]);
  CHECK(ok[1]);
  CHECK(ok[2]);
}
