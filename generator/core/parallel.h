// Runs f(0) … f(n-1) on up to `jobs` threads (the calling thread is one of them); items are taken
// in order from a shared counter, so a slow item does not hold back the rest. The first exception
// a call throws is rethrown here once every thread has stopped (the other items still run).
#pragma once
#include <algorithm>
#include <atomic>
#include <cstddef>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace nastavnik {

// The number of threads `jobs` asks for: 0 means one per core.
inline unsigned effective_jobs(unsigned jobs) {
  return jobs ? jobs : std::max(1u, std::thread::hardware_concurrency());
}

template <class F>
void parallel_for(size_t n, unsigned jobs, F&& f) {
  jobs = static_cast<unsigned>(std::min<size_t>(std::max(1u, effective_jobs(jobs)), std::max<size_t>(n, 1)));
  std::atomic<size_t> next{0};
  std::exception_ptr failure;
  std::mutex failure_mutex;
  auto worker = [&] {
    for (size_t i; (i = next++) < n;) {
      try {
        f(i);
      } catch (...) {
        std::lock_guard lock(failure_mutex);
        if (!failure) failure = std::current_exception();
      }
    }
  };
  std::vector<std::thread> threads;
  for (unsigned j = 1; j < jobs; ++j) threads.emplace_back(worker);
  worker();
  for (auto& t : threads) t.join();
  if (failure) std::rethrow_exception(failure);
}

}  // namespace nastavnik
