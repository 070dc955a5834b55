// Processor time of the calling thread, for the benchmarks in tools/: the machine may be shared
// (CI, other builds), and wall time then measures the neighbours; one thread does the measured
// work, so its CPU time is the cost.
#pragma once
#include <ctime>

namespace nastavnik::bench {

inline double thread_cpu_ms() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) * 1e3 + static_cast<double>(ts.tv_nsec) / 1e6;
}

inline double ms_since(double t0) { return thread_cpu_ms() - t0; }

}  // namespace nastavnik::bench
