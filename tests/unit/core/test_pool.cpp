// Pool: an object is lent to one worker at a time and reused after it is given back; the pool
// makes a new one only when all are on loan.
#include <catch2/catch.hpp>

#include <atomic>
#include <set>

#include "core/parallel.h"
#include "core/pool.h"

using nastavnik::Pool;

namespace {
struct Item {
  explicit Item(int n) : id(n) {}
  int id;
  std::atomic<int> users{0};
};
}  // namespace

TEST_CASE("a pool reuses what was given back and makes one more only when all are lent") {
  int made = 0;
  Pool<Item> pool([&] { return std::make_unique<Item>(made++); });
  Item* first = nullptr;
  {
    auto a = pool.acquire();
    first = &*a;
    auto b = pool.acquire();
    CHECK(&*b != first);
    CHECK(made == 2);
  }
  auto c = pool.acquire();
  CHECK(made == 2);  // one of the two, given back
  auto d = pool.acquire();
  auto e = pool.acquire();
  CHECK(made == 3);
  std::set<Item*> distinct{&*c, &*d, &*e};
  CHECK(distinct.size() == 3);
}

TEST_CASE("a pooled object is never used by two workers at once") {
  std::atomic<int> made{0};
  Pool<Item> pool([&] { return std::make_unique<Item>(made++); });
  std::atomic<int> overlaps{0};
  nastavnik::parallel_for(2000, 4, [&](size_t) {
    auto lease = pool.acquire();
    if (++lease->users != 1) ++overlaps;
    --lease->users;
  });
  CHECK(overlaps == 0);
  CHECK(made >= 1);
  CHECK(made <= 4);  // no more than workers ran at once
}
