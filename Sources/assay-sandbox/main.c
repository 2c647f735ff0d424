// assay-sandbox: a tiny privilege-dropping exec wrapper for untrusted code.
//
//   assay-sandbox [options] -- /abs/PROGRAM ARGS...
//
// Order of operations (must run as root to do all of them):
//   1. unshare(NET|IPC|UTS|NS): no network interfaces except a down "lo"; mount propagation private.
//   2. join each --cgroup-procs FILE (writes our pid into it).
//   3. --pidns: setsid(), unshare(CLONE_NEWPID), fork. The parent stays outside as a supervisor: it
//      waits for the child and exits with its exit status (128+N if killed by signal N), and
//      passes SIGTERM/SIGINT/SIGHUP on to it. The child (PID 1 of the new namespace, with
//      PR_SET_PDEATHSIG=SIGKILL) does everything below and finally becomes PROGRAM.
//   4. --rootfs DIR: tmpfs on DIR holding read-only binds of /usr (/lib*, /bin, /sbin as binds or
//      the same symlinks), a minimal read-only /etc, a small /dev, a fresh /proc (only with
//      --pidns), a private size-capped /tmp and, with --workdir, the work dir at /work; then
//      pivot_root into it, detach the old root and make the new root read-only.
//   5. rlimits: --as, --cpu, --fsize, --nofile, --nproc; RLIMIT_CORE = 0.
//   6. setsid() (new session + process group, so the caller can kill(-pgid)).
//   7. setgroups(0), setgid(--gid), setuid(--uid) (default 65534), PR_SET_NO_NEW_PRIVS.
//   8. clear environment; PATH=/usr/bin:/bin HOME=/tmp LANG=C.UTF-8.
//   9. chdir(--workdir) (the caller creates it and chowns it to the uid); with --rootfs,
//      chdir("/work") if --workdir was given, else chdir("/tmp").
//  10. --seccomp: install the deny-list filter (seccomp_filter.c).
//  11. execv(PROGRAM). Inherited file descriptors are passed through untouched.
// Any failure before execv exits with status 125 and a message on stderr.
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <limits.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <sys/syscall.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "seccomp_filter.h"

#define FAIL_CODE 125
#define MAX_CGROUPS 8
#define DEFAULT_TMPFS_SIZE (64ULL << 20)
#define OLD_ROOT ".assay-old-root"

extern char **environ;

static void die(const char *what) {
    fprintf(stderr, "assay-sandbox: %s: %s\n", what, strerror(errno));
    exit(FAIL_CODE);
}

static void die2(const char *what, const char *path) {
    int e = errno;
    fprintf(stderr, "assay-sandbox: %s %s: %s\n", what, path, strerror(e));
    exit(FAIL_CODE);
}

static void usage(const char *msg) {
    fprintf(stderr, "assay-sandbox: %s\n"
            "usage: assay-sandbox [--workdir DIR] [--cgroup-procs FILE]... [--as BYTES] [--cpu SECONDS]\n"
            "                     [--fsize BYTES] [--nofile N] [--nproc N] [--uid UID] [--gid GID] [--no-unshare]\n"
            "                     [--close-fds [--keep-fd FD]...]\n"
            "                     [--pidns] [--rootfs DIR [--tmpfs-size BYTES]] [--seccomp]\n"
            "                     -- /abs/PROGRAM [ARGS...]\n", msg);
    exit(FAIL_CODE);
}

static unsigned long long parse_num(const char *s, const char *opt) {
    char *end = NULL;
    errno = 0;
    unsigned long long v = strtoull(s, &end, 10);
    if (errno != 0 || end == s || *end != '\0' || s[0] == '-') {
        fprintf(stderr, "assay-sandbox: invalid number for %s: %s\n", opt, s);
        exit(FAIL_CODE);
    }
    return v;
}

static void set_limit(int resource, unsigned long long value, const char *name) {
    struct rlimit rl = { .rlim_cur = (rlim_t)value, .rlim_max = (rlim_t)value };
    if (setrlimit(resource, &rl) != 0) die(name);
}

static void join_cgroup(const char *path) {
    int fd = open(path, O_WRONLY | O_CLOEXEC);
    if (fd < 0) die(path);
    char buf[32];
    int n = snprintf(buf, sizeof buf, "%d\n", (int)getpid());
    if (write(fd, buf, (size_t)n) != n) die(path);
    close(fd);
}

// ---------------------------------------------------------------------------------------------
// --rootfs

static void join_path(char *out, const char *root, const char *rel) {
    if (snprintf(out, PATH_MAX, "%s/%s", root, rel) >= PATH_MAX) {
        errno = ENAMETOOLONG;
        die2("path", rel);
    }
}

static void make_dir(const char *path, mode_t mode) {
    if (mkdir(path, mode) != 0) die2("mkdir", path);
    if (chmod(path, mode) != 0) die2("chmod", path);  // not subject to the umask
}

static void make_file(const char *path) {
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0644);
    if (fd < 0) die2("create", path);
    close(fd);
}

// Non-recursive bind of src on dst, then remount with `flags` plus whatever restrictions
// (ro/nosuid/nodev/noexec) the source mount already had.
static void bind_mount(const char *src, const char *dst, unsigned long flags) {
    if (mount(src, dst, NULL, MS_BIND, NULL) != 0) die2("bind mount", src);
    struct statvfs sv;
    if (statvfs(dst, &sv) != 0) die2("statvfs", dst);
    if (sv.f_flag & ST_RDONLY) flags |= MS_RDONLY;
    if (sv.f_flag & ST_NOSUID) flags |= MS_NOSUID;
    if (sv.f_flag & ST_NODEV) flags |= MS_NODEV;
    if (sv.f_flag & ST_NOEXEC) flags |= MS_NOEXEC;
    if (mount(NULL, dst, NULL, MS_BIND | MS_REMOUNT | flags, NULL) != 0) die2("remount bind", dst);
}

// Mirrors host path src at dst: a symlink is recreated as the same symlink, a directory or a
// regular file is bind-mounted with `flags`; a missing src (or any other file type) is skipped.
static void mirror(const char *src, const char *dst, unsigned long flags) {
    struct stat st;
    if (lstat(src, &st) != 0) {
        if (errno == ENOENT || errno == ENOTDIR) return;
        die2("lstat", src);
    }
    if (S_ISLNK(st.st_mode)) {
        char target[PATH_MAX];
        ssize_t n = readlink(src, target, sizeof target - 1);
        if (n < 0) die2("readlink", src);
        target[n] = '\0';
        if (symlink(target, dst) != 0) die2("symlink", dst);
    } else if (S_ISDIR(st.st_mode)) {
        make_dir(dst, 0755);
        bind_mount(src, dst, flags);
    } else if (S_ISREG(st.st_mode)) {
        make_file(dst);
        bind_mount(src, dst, flags);
    }
}

static void mount_tmpfs(const char *dst, unsigned long flags, const char *opts) {
    if (mount("tmpfs", dst, "tmpfs", flags, opts) != 0) die2("mount tmpfs on", dst);
}

static void build_rootfs(const char *root, const char *workdir, unsigned long long tmpfs_size, int with_proc) {
    char p[PATH_MAX], src[PATH_MAX], opts[160];
    const unsigned long ro = MS_RDONLY | MS_NOSUID | MS_NODEV;

    // The new root: a tiny tmpfs (only mount points and symlinks), made read-only at the end.
    mount_tmpfs(root, MS_NOSUID | MS_NODEV | MS_NOEXEC, "mode=0755,size=1m,nr_inodes=256");

    static const char *const system_dirs[] = { "usr", "lib", "lib64", "bin", "sbin" };
    for (size_t k = 0; k < sizeof system_dirs / sizeof system_dirs[0]; k++) {
        join_path(src, "", system_dirs[k]);
        join_path(p, root, system_dirs[k]);
        mirror(src, p, ro);
    }

    char etc[PATH_MAX];
    join_path(etc, root, "etc");
    make_dir(etc, 0755);
    static const char *const etc_entries[] = {
        "ld.so.cache", "ld.so.conf", "ld.so.conf.d", "localtime", "alternatives", "passwd", "group", "nsswitch.conf",
    };
    for (size_t k = 0; k < sizeof etc_entries / sizeof etc_entries[0]; k++) {
        join_path(src, "/etc", etc_entries[k]);
        join_path(p, etc, etc_entries[k]);
        mirror(src, p, ro);
    }

    // /dev: a read-only tmpfs with binds of a few harmless character devices and some symlinks.
    char dev[PATH_MAX];
    join_path(dev, root, "dev");
    make_dir(dev, 0755);
    mount_tmpfs(dev, MS_NOSUID | MS_NOEXEC, "mode=0755,size=64k,nr_inodes=64");
    static const char *const devices[] = { "null", "zero", "full", "random", "urandom" };
    for (size_t k = 0; k < sizeof devices / sizeof devices[0]; k++) {
        join_path(src, "/dev", devices[k]);
        join_path(p, dev, devices[k]);
        make_file(p);
        bind_mount(src, p, MS_NOSUID | MS_NOEXEC);
    }
    static const char *const dev_links[][2] = {
        { "fd", "/proc/self/fd" }, { "stdin", "/proc/self/fd/0" }, { "stdout", "/proc/self/fd/1" },
        { "stderr", "/proc/self/fd/2" },
        { "shm", "/tmp" },  // POSIX semaphores / shm_open (Python multiprocessing) share the /tmp cap
    };
    for (size_t k = 0; k < sizeof dev_links / sizeof dev_links[0]; k++) {
        join_path(p, dev, dev_links[k][0]);
        if (symlink(dev_links[k][1], p) != 0) die2("symlink", p);
    }
    if (mount(NULL, dev, NULL, MS_REMOUNT | MS_BIND | MS_RDONLY | MS_NOSUID | MS_NOEXEC, NULL) != 0)
        die2("remount read-only", dev);

    // /proc: only in a new PID namespace (this process is its PID 1), so it shows only the sandbox.
    if (with_proc) {
        join_path(p, root, "proc");
        make_dir(p, 0555);
        if (mount("proc", p, "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL) != 0) die2("mount proc on", p);
    }

    // /tmp: private and size-capped (tmpfs pages are charged to the memory cgroup of the writer).
    join_path(p, root, "tmp");
    make_dir(p, 0755);
    unsigned long long inodes = tmpfs_size / 4096;
    if (inodes < 1024) inodes = 1024;
    snprintf(opts, sizeof opts, "mode=1777,size=%llu,nr_inodes=%llu", tmpfs_size, inodes);
    mount_tmpfs(p, MS_NOSUID | MS_NODEV, opts);

    // /work: the caller's work directory, read-write.
    if (workdir != NULL) {
        join_path(p, root, "work");
        make_dir(p, 0755);
        bind_mount(workdir, p, MS_NOSUID | MS_NODEV);
    }

    // Switch roots and drop every reference to the host's tree.
    join_path(p, root, OLD_ROOT);
    make_dir(p, 0700);
    if (syscall(SYS_pivot_root, root, p) != 0) die("pivot_root");
    if (chdir("/") != 0) die("chdir(/)");
    if (umount2("/" OLD_ROOT, MNT_DETACH) != 0) die("umount old root");
    if (rmdir("/" OLD_ROOT) != 0) die("rmdir old root");
    if (mount(NULL, "/", NULL, MS_REMOUNT | MS_BIND | MS_RDONLY | MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL) != 0)
        die("remount / read-only");
}

// ---------------------------------------------------------------------------------------------
// --pidns supervisor

// Reads the SigIgn and SigCgt masks of pid from /proc (via procfd). Returns 0 on success.
static int signal_masks(int procfd, pid_t pid, uint64_t *ign, uint64_t *cgt) {
    char name[32], buf[4096];
    if (procfd < 0) return -1;
    snprintf(name, sizeof name, "%d/status", (int)pid);
    int fd = openat(procfd, name, O_RDONLY | O_CLOEXEC);
    if (fd < 0) return -1;
    ssize_t n = read(fd, buf, sizeof buf - 1);
    close(fd);
    if (n <= 0) return -1;
    buf[n] = '\0';
    char *i = strstr(buf, "\nSigIgn:"), *c = strstr(buf, "\nSigCgt:");
    if (i == NULL || c == NULL) return -1;
    *ign = strtoull(i + 8, NULL, 16);
    *cgt = strtoull(c + 8, NULL, 16);
    return 0;
}

// The supervisor: the parent outside the PID namespace. Never returns.
//
// The child is PID 1 of its namespace, and the kernel drops signals sent to a namespace's
// init from outside unless init has a handler for them (SIGKILL excepted). So a forwarded
// signal that PROGRAM neither catches nor ignores is turned into SIGKILL (the default action
// of SIGTERM/SIGINT/SIGHUP is to terminate), and the exit status still reports 128+N.
static void supervise(pid_t child, int procfd, const sigset_t *waitset) {
    int emulated = 0;
    for (;;) {
        siginfo_t si;
        int sig = sigwaitinfo(waitset, &si);
        if (sig < 0) {
            if (errno == EINTR) continue;
            kill(child, SIGKILL);
            die("sigwaitinfo");
        }
        if (sig == SIGCHLD) {
            int st;
            pid_t r = waitpid(child, &st, WNOHANG);
            if (r < 0 && errno != EINTR) die("waitpid");
            if (r == child) {
                if (WIFEXITED(st)) _exit(WEXITSTATUS(st));
                if (WIFSIGNALED(st)) {
                    int s = WTERMSIG(st);
                    if (s == SIGKILL && emulated != 0) s = emulated;
                    _exit(128 + s);
                }
            }
            continue;
        }
        uint64_t ign = 0, cgt = 0, bit = 1ULL << (sig - 1);
        if (signal_masks(procfd, child, &ign, &cgt) == 0 && !(cgt & bit) && !(ign & bit)) {
            emulated = sig;
            kill(child, SIGKILL);
        } else {
            kill(child, sig);
        }
    }
}

static void close_fd_range(unsigned lo, unsigned hi) {
#ifdef SYS_close_range
    if (syscall(SYS_close_range, lo, hi, 0U) == 0) return;
#endif
    long max = sysconf(_SC_OPEN_MAX);
    if (max < 0 || max > 65536) max = 65536;
    for (unsigned long fd = lo; fd <= hi && fd < (unsigned long)max; fd++) close((int)fd);
}

// Closes every descriptor >= 3 except a and b (the supervisor does not need the caller's
// pipes; the child keeps all of them).
static void close_other_fds(int a, int b) {
    int keep[2] = { a < b ? a : b, a < b ? b : a };
    unsigned lo = 3;
    for (int k = 0; k < 2; k++) {
        if (keep[k] < (int)lo) continue;
        if ((unsigned)keep[k] > lo) close_fd_range(lo, (unsigned)keep[k] - 1);
        lo = (unsigned)keep[k] + 1;
    }
    close_fd_range(lo, ~0U);
}

// PR_SET_PDEATHSIG, then make sure the supervisor had not already exited (its end of the
// pipe is closed then). setuid/setgid clear the death signal, so this runs again after them.
static void arm_deathsig(int alive_fd) {
    if (prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0) != 0) die("prctl(PDEATHSIG)");
    struct pollfd pfd = { .fd = alive_fd, .events = POLLIN };
    int r = poll(&pfd, 1, 0);
    if (r < 0) die("poll");
    if (r > 0) {
        fprintf(stderr, "assay-sandbox: supervisor exited\n");
        _exit(FAIL_CODE);
    }
}

// ---------------------------------------------------------------------------------------------

#define MAX_KEEP_FDS 8

/// Closes every descriptor from 3 up except those in `keep` (close_range over the gaps).
static void close_all_but(int *keep, int nkeep) {
    for (int a = 0; a < nkeep; a++)  // insertion sort: a handful of entries
        for (int b = a; b > 0 && keep[b - 1] > keep[b]; b--) { int t = keep[b]; keep[b] = keep[b - 1]; keep[b - 1] = t; }
    unsigned int from = 3;
    for (int k = 0; k < nkeep; k++) {
        if ((unsigned int)keep[k] > from && close_range(from, (unsigned int)keep[k] - 1, 0) != 0) die("close_range");
        if ((unsigned int)keep[k] + 1 > from) from = (unsigned int)keep[k] + 1;
    }
    if (close_range(from, ~0U, 0) != 0) die("close_range");
}

int main(int argc, char **argv) {
    const char *workdir = NULL;
    const char *cgroups[MAX_CGROUPS];
    int ncgroups = 0;
    long long as = -1, cpu = -1, fsize = -1, nofile = -1, nproc = -1;
    unsigned long long uid = 65534, gid = 65534;
    int do_unshare = 1, pidns = 0, use_seccomp = 0;
    const char *rootfs = NULL;
    unsigned long long tmpfs_size = 0;
    int keep[MAX_KEEP_FDS];
    int nkeep = 0, close_fds = 0;
    int i = 1;

    for (; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--") == 0) { i++; break; }
        if (strcmp(a, "--no-unshare") == 0) { do_unshare = 0; continue; }
        if (strcmp(a, "--pidns") == 0) { pidns = 1; continue; }
        if (strcmp(a, "--seccomp") == 0) { use_seccomp = 1; continue; }
        if (strcmp(a, "--close-fds") == 0) { close_fds = 1; continue; }
        if (i + 1 >= argc) usage("missing value for option");
        const char *v = argv[++i];
        if (strcmp(a, "--workdir") == 0) workdir = v;
        else if (strcmp(a, "--cgroup-procs") == 0) {
            if (ncgroups >= MAX_CGROUPS) usage("too many --cgroup-procs");
            cgroups[ncgroups++] = v;
        }
        else if (strcmp(a, "--as") == 0) as = (long long)parse_num(v, a);
        else if (strcmp(a, "--cpu") == 0) cpu = (long long)parse_num(v, a);
        else if (strcmp(a, "--fsize") == 0) fsize = (long long)parse_num(v, a);
        else if (strcmp(a, "--nofile") == 0) nofile = (long long)parse_num(v, a);
        else if (strcmp(a, "--nproc") == 0) nproc = (long long)parse_num(v, a);
        else if (strcmp(a, "--uid") == 0) uid = parse_num(v, a);
        else if (strcmp(a, "--gid") == 0) gid = parse_num(v, a);
        else if (strcmp(a, "--rootfs") == 0) rootfs = v;
        else if (strcmp(a, "--keep-fd") == 0) {
            unsigned long long fd = parse_num(v, a);
            if (nkeep >= MAX_KEEP_FDS || fd < 3 || fd > 1024) usage("--keep-fd: at most 8 descriptors, each in 3...1024");
            keep[nkeep++] = (int)fd;
        }
        else if (strcmp(a, "--tmpfs-size") == 0) {
            tmpfs_size = parse_num(v, a);
            if (tmpfs_size == 0) usage("--tmpfs-size must be positive");
        }
        else usage("unknown option");
    }
    if (i >= argc) usage("missing PROGRAM after --");
    // --close-fds: only 0, 1, 2 and the --keep-fd descriptors reach PROGRAM. The caller's other threads may
    // have created descriptors without CLOEXEC just before the spawn; none of them may live on in the jail.
    if (close_fds) close_all_but(keep, nkeep);
    const char *program = argv[i];
    if (program[0] != '/') usage("PROGRAM must be an absolute path");
    if (uid == 0 || gid == 0) usage("refusing to run as uid/gid 0");
    if (rootfs != NULL) {
        if (!do_unshare) usage("--rootfs needs the mount namespace (not with --no-unshare)");
        if (rootfs[0] != '/') usage("--rootfs DIR must be an absolute path");
    }
    if (tmpfs_size != 0 && rootfs == NULL) usage("--tmpfs-size needs --rootfs");
    if (tmpfs_size == 0) tmpfs_size = DEFAULT_TMPFS_SIZE;

    // 1. Namespaces: no network, private IPC/UTS/mount tables.
    if (do_unshare) {
        if (unshare(CLONE_NEWNET | CLONE_NEWIPC | CLONE_NEWUTS | CLONE_NEWNS) != 0) die("unshare");
        // Keep mount changes from propagating back to the host.
        if (mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) != 0) die("mount private /");
        (void)sethostname("sandbox", 7);
    }

    // 2. cgroups (before dropping privileges: cgroup files are root-owned; before the fork and
    //    pivot_root, so the supervisor and everything in the namespace are inside them).
    for (int c = 0; c < ncgroups; c++) join_cgroup(cgroups[c]);

    // 3. PID namespace + supervisor.
    int alive_fd = -1;
    if (pidns) {
        if (getsid(0) != getpid()) {
            if (setsid() < 0) die("setsid");
        }
        // Block the signals the supervisor waits for before the fork, so none is lost, and make
        // sure SIGCHLD is not ignored (that would make the kernel reap the child for us).
        sigset_t waitset, oldmask;
        sigemptyset(&waitset);
        sigaddset(&waitset, SIGCHLD);
        sigaddset(&waitset, SIGTERM);
        sigaddset(&waitset, SIGINT);
        sigaddset(&waitset, SIGHUP);
        struct sigaction dfl = { .sa_handler = SIG_DFL }, oldchld;
        sigemptyset(&dfl.sa_mask);
        if (sigaction(SIGCHLD, &dfl, &oldchld) != 0) die("sigaction(SIGCHLD)");
        if (sigprocmask(SIG_BLOCK, &waitset, &oldmask) != 0) die("sigprocmask");
        int procfd = open("/proc", O_PATH | O_DIRECTORY | O_CLOEXEC);  // -1 is tolerated
        int alive[2];
        if (pipe2(alive, O_CLOEXEC) != 0) die("pipe");
        if (unshare(CLONE_NEWPID) != 0) die("unshare(CLONE_NEWPID)");
        pid_t child = fork();
        if (child < 0) die("fork");
        if (child > 0) {
            close(alive[0]);
            close(STDIN_FILENO);
            close(STDOUT_FILENO);
            close_other_fds(alive[1], procfd);  // alive[1] stays open until the supervisor exits
            supervise(child, procfd, &waitset);
        }
        // Child: PID 1 of the new namespace.
        close(alive[1]);
        if (procfd >= 0) close(procfd);
        alive_fd = alive[0];
        if (sigaction(SIGCHLD, &oldchld, NULL) != 0) die("sigaction(SIGCHLD)");
        if (sigprocmask(SIG_SETMASK, &oldmask, NULL) != 0) die("sigprocmask");
        arm_deathsig(alive_fd);
    }

    // 4. New root.
    if (rootfs != NULL) build_rootfs(rootfs, workdir, tmpfs_size, pidns);

    // 5. rlimits.
    if (as >= 0) set_limit(RLIMIT_AS, (unsigned long long)as, "setrlimit(AS)");
    if (cpu >= 0) {
        // Soft limit sends SIGXCPU; hard limit (one second later) SIGKILL.
        struct rlimit rl = { .rlim_cur = (rlim_t)cpu, .rlim_max = (rlim_t)cpu + 1 };
        if (setrlimit(RLIMIT_CPU, &rl) != 0) die("setrlimit(CPU)");
    }
    if (fsize >= 0) set_limit(RLIMIT_FSIZE, (unsigned long long)fsize, "setrlimit(FSIZE)");
    if (nofile >= 0) set_limit(RLIMIT_NOFILE, (unsigned long long)nofile, "setrlimit(NOFILE)");
    // RLIMIT_NPROC counts every process of the target uid (all sandboxes together) and is
    // ignored for root; it is only a fallback when no pids cgroup is available.
    if (nproc >= 0) set_limit(RLIMIT_NPROC, (unsigned long long)nproc, "setrlimit(NPROC)");
    set_limit(RLIMIT_CORE, 0, "setrlimit(CORE)");

    // 6. New session / process group (the caller may already have done this via posix_spawn).
    //    In a PID namespace the supervisor's session is invisible (getsid returns 0), so PID 1
    //    always starts its own session.
    if (getsid(0) != getpid()) {
        if (setsid() < 0) die("setsid");
    }

    // 7. Drop privileges.
    if (getuid() == 0) {
        if (setgroups(0, NULL) != 0) die("setgroups");
    }
    if (setgid((gid_t)gid) != 0) die("setgid");
    if (setuid((uid_t)uid) != 0) die("setuid");
    if (setuid(0) == 0) { errno = EPERM; die("privilege drop did not stick"); }
    if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0) die("prctl(NO_NEW_PRIVS)");
    if (alive_fd >= 0) {
        arm_deathsig(alive_fd);  // the uid change cleared it
        close(alive_fd);
    }

    // 8. Minimal environment.
    static char *env[] = { "PATH=/usr/bin:/bin", "HOME=/tmp", "LANG=C.UTF-8", NULL };
    environ = env;

    // 9. Working directory.
    if (rootfs != NULL) {
        if (chdir(workdir != NULL ? "/work" : "/tmp") != 0) die("chdir(workdir)");
    } else if (workdir != NULL && chdir(workdir) != 0) {
        die("chdir(workdir)");
    }

    // 10. Seccomp, the very last step.
    if (use_seccomp && assay_install_seccomp() != 0) die("seccomp");

    // 11. Exec.
    execv(program, &argv[i]);
    die(program);
    return FAIL_CODE;
}
