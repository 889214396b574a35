// Happens-before edges that ThreadSanitizer cannot see by itself: oneTBB and other libraries from
// Debian are not instrumented, so their own synchronization (the pipeline handing a record from one
// stage to the next) is invisible to it. In a `-fsanitize=thread` build these tell it; otherwise nothing.
#pragma once

#if defined(__SANITIZE_THREAD__)
extern "C" void __tsan_acquire(void* addr);
extern "C" void __tsan_release(void* addr);
namespace missive::util {
/// Everything before the release of `token` happens before everything after an acquire of it.
inline void TsanRelease(const void* token) { __tsan_release(const_cast<void*>(token)); }
inline void TsanAcquire(const void* token) { __tsan_acquire(const_cast<void*>(token)); }
}  // namespace missive::util
#else
namespace missive::util {
inline void TsanRelease(const void*) {}
inline void TsanAcquire(const void*) {}
}  // namespace missive::util
#endif
