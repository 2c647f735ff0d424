// seccomp_filter.c: a hand-written seccomp-bpf deny list (no libseccomp).
//
// Default action: ALLOW. Then, in order:
//   * wrong architecture (e.g. i386 / arm32 compat syscalls)      -> KILL_PROCESS
//   * x86_64 only: x32 ABI syscalls (nr >= 0x40000000)           -> EPERM
//   * kernel/namespace/debugging syscalls (list below)            -> EPERM
//   * clone3                                                      -> ENOSYS (glibc then falls back to clone)
//   * clone with any CLONE_NEW* flag                              -> EPERM (fork/vfork/threads keep working)
//   * socket with a family other than AF_UNIX                     -> EACCES
//   * personality(x) unless x is 0xffffffff (query) or 0 (PER_LINUX) -> EPERM
#include "seccomp_filter.h"

#include <errno.h>
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <sched.h>
#include <stddef.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/syscall.h>

#if defined(__x86_64__)
#define ASSAY_SECCOMP_ARCH AUDIT_ARCH_X86_64
#elif defined(__aarch64__)
#define ASSAY_SECCOMP_ARCH AUDIT_ARCH_AARCH64
#endif

#ifdef ASSAY_SECCOMP_ARCH

#ifndef SECCOMP_RET_KILL_PROCESS
#define SECCOMP_RET_KILL_PROCESS 0x80000000U
#endif
#ifndef CLONE_NEWCGROUP
#define CLONE_NEWCGROUP 0x02000000
#endif

// Low 32 bits of syscall argument i (both supported architectures are little-endian).
#define ARG_LO(i) ((unsigned)(offsetof(struct seccomp_data, args) + (i) * sizeof(__u64)))

#define RET_ERRNO(e) BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | ((e) & SECCOMP_RET_DATA))
#define RET_ALLOW BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW)
#define LOAD(off) BPF_STMT(BPF_LD | BPF_W | BPF_ABS, (off))
// if (A == nr) return EPERM;
#define DENY(nr) BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, (nr), 0, 1), RET_ERRNO(EPERM)

#define NS_CLONE_FLAGS (CLONE_NEWUSER | CLONE_NEWNS | CLONE_NEWPID | CLONE_NEWNET | CLONE_NEWIPC | CLONE_NEWUTS | CLONE_NEWCGROUP)

int assay_install_seccomp(void) {
    static const struct sock_filter filter[] = {
        // Architecture check.
        LOAD(offsetof(struct seccomp_data, arch)),
        BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, ASSAY_SECCOMP_ARCH, 1, 0),
        BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_KILL_PROCESS),
        LOAD(offsetof(struct seccomp_data, nr)),
#if defined(__x86_64__)
        // x32 ABI: same arch token, syscall numbers with bit 30 set.
        BPF_JUMP(BPF_JMP | BPF_JGE | BPF_K, 0x40000000U, 0, 1),
        RET_ERRNO(EPERM),
#endif
        // Debugging / other processes' memory.
        DENY(__NR_ptrace),
        DENY(__NR_process_vm_readv),
        DENY(__NR_process_vm_writev),
#ifdef __NR_pidfd_getfd
        DENY(__NR_pidfd_getfd),
#endif
        // Mounts, root changes, namespaces.
        DENY(__NR_mount),
        DENY(__NR_umount2),
        DENY(__NR_pivot_root),
        DENY(__NR_chroot),
        DENY(__NR_setns),
        DENY(__NR_unshare),
#ifdef __NR_open_tree
        DENY(__NR_open_tree),
#endif
#ifdef __NR_move_mount
        DENY(__NR_move_mount),
#endif
#ifdef __NR_fsopen
        DENY(__NR_fsopen),
#endif
#ifdef __NR_fsconfig
        DENY(__NR_fsconfig),
#endif
#ifdef __NR_fsmount
        DENY(__NR_fsmount),
#endif
#ifdef __NR_fspick
        DENY(__NR_fspick),
#endif
#ifdef __NR_mount_setattr
        DENY(__NR_mount_setattr),
#endif
        // Kernel code, BPF, perf, keyrings, userfaultfd, io_uring.
        DENY(__NR_kexec_load),
#ifdef __NR_kexec_file_load
        DENY(__NR_kexec_file_load),
#endif
        DENY(__NR_init_module),
        DENY(__NR_finit_module),
        DENY(__NR_delete_module),
        DENY(__NR_bpf),
        DENY(__NR_perf_event_open),
        DENY(__NR_keyctl),
        DENY(__NR_add_key),
        DENY(__NR_request_key),
        DENY(__NR_userfaultfd),
#ifdef __NR_io_uring_setup
        DENY(__NR_io_uring_setup),
        DENY(__NR_io_uring_enter),
        DENY(__NR_io_uring_register),
#endif
        // System administration.
        DENY(__NR_acct),
        DENY(__NR_swapon),
        DENY(__NR_swapoff),
        DENY(__NR_reboot),
        DENY(__NR_settimeofday),
        DENY(__NR_clock_settime),
        DENY(__NR_open_by_handle_at),
        DENY(__NR_name_to_handle_at),
        DENY(__NR_quotactl),
#ifdef __NR_quotactl_fd
        DENY(__NR_quotactl_fd),
#endif
        DENY(__NR_syslog),
#ifdef __NR_iopl
        DENY(__NR_iopl),
#endif
#ifdef __NR_ioperm
        DENY(__NR_ioperm),
#endif
        // clone3: its flags live in a struct BPF cannot read; ENOSYS makes glibc fall back to clone.
        BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, __NR_clone3, 0, 1),
        RET_ERRNO(ENOSYS),
        // clone: flags are argument 0 on x86_64 and aarch64 (the kernel uses only the low 32 bits).
        BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, __NR_clone, 0, 4),
        LOAD(ARG_LO(0)),
        BPF_JUMP(BPF_JMP | BPF_JSET | BPF_K, NS_CLONE_FLAGS, 0, 1),
        RET_ERRNO(EPERM),
        RET_ALLOW,
        // socket: only AF_UNIX (the kernel takes the family as int).
        BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, __NR_socket, 0, 4),
        LOAD(ARG_LO(0)),
        BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, AF_UNIX, 1, 0),
        RET_ERRNO(EACCES),
        RET_ALLOW,
        // personality: only the query (0xffffffff) and PER_LINUX (0); the kernel takes an unsigned int.
        BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, __NR_personality, 0, 5),
        LOAD(ARG_LO(0)),
        BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, 0xffffffffU, 2, 0),
        BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, 0, 1, 0),
        RET_ERRNO(EPERM),
        RET_ALLOW,
        RET_ALLOW,
    };
    struct sock_fprog prog = {
        .len = (unsigned short)(sizeof filter / sizeof filter[0]),
        .filter = (struct sock_filter *)filter,
    };
    return prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &prog, 0, 0);
}

#else // unsupported architecture

int assay_install_seccomp(void) {
    errno = ENOSYS;
    return -1;
}

#endif
