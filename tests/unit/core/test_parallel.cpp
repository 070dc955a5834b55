// parallel_for: every item once, whatever the number of threads; the first exception is rethrown
// after all threads stopped, and the other items still run.
#include <catch2/catch.hpp>

#include <atomic>
#include <stdexcept>
#include <vector>

#include "core/parallel.h"

using nastavnik::parallel_for;

TEST_CASE("parallel_for runs every item exactly once") {
  for (unsigned jobs : {0u, 1u, 2u, 7u, 64u}) {
    for (size_t n : {size_t(0), size_t(1), size_t(5), size_t(1000)}) {
      std::vector<std::atomic<int>> seen(n);
      parallel_for(n, jobs, [&](size_t i) { ++seen[i]; });
      for (size_t i = 0; i < n; ++i) CHECK(seen[i] == 1);
    }
  }
}

TEST_CASE("parallel_for rethrows the first exception once every item ran") {
  std::atomic<int> ran{0};
  auto run = [&] {
    parallel_for(100, 4, [&](size_t i) {
      ++ran;
      if (i % 10 == 3) throw std::runtime_error("item " + std::to_string(i));
    });
  };
  CHECK_THROWS_AS(run(), std::runtime_error);
  CHECK(ran == 100);
}
