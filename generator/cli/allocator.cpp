// jemalloc's options, read once when the allocator starts (only linked with jemalloc: CMakeLists).
//
// thp:always — the heap in transparent huge pages (madvise MADV_HUGEPAGE; with the kernel's THP
// "never" nothing changes). A build touches fresh memory page after page (the model it loads, the
// pages it renders), and on a virtual machine every 4 KiB page fault is dear: on the generated
// 5,000-page site the html build took 9,000 faults without it and 2,900 with it, and 3-6 % less
// wall time, for 6-10 MiB more peak memory (docs/performance.md).
extern "C" {
extern const char* malloc_conf;
const char* malloc_conf = "thp:always";
}
