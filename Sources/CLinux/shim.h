// Linux calls Swift's Glibc module leaves out: memfd_create (an anonymous file in memory), the
// seals that make such a file's contents final, and naming the calling thread.
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>
#include <fcntl.h>

#define INFITAH_MFD_CLOEXEC 0x0001U
#define INFITAH_MFD_ALLOW_SEALING 0x0002U
#define INFITAH_F_ADD_SEALS 1033
#define INFITAH_F_SEAL_SEAL 0x0001
#define INFITAH_F_SEAL_SHRINK 0x0002
#define INFITAH_F_SEAL_GROW 0x0004
#define INFITAH_F_SEAL_WRITE 0x0008

/// An anonymous file in memory (memfd_create(2)), by its system call number: glibc declares it
/// only under _GNU_SOURCE, which a module's headers cannot count on.
static inline int infitah_memfd_create(const char *name, unsigned int flags) {
    return (int)syscall(SYS_memfd_create, name, flags);
}

/// fcntl(fd, F_ADD_SEALS, seals): fcntl is variadic, which Swift cannot call.
static inline int infitah_add_seals(int fd, int seals) {
    return fcntl(fd, INFITAH_F_ADD_SEALS, seals);
}

/// Names the calling thread as the kernel shows it (top -H, perf, /proc/thread-self/comm; 15
/// bytes at most): prctl is variadic, and Foundation's Thread.name does not reach the kernel.
static inline int infitah_name_thread(const char *name) {
    return prctl(PR_SET_NAME, (unsigned long)name, 0UL, 0UL, 0UL);
}
