// assay-sandbox: a tiny privilege-dropping exec wrapper for untrusted code.
//
//   assay-sandbox [options] -- /abs/PROGRAM ARGS...
//
// Order of operations (must run as root to do all of them):
//   1. unshare(NET|IPC|UTS|NS): no network interfaces except a down "lo".
//   2. join each --cgroup-procs FILE (writes our pid into it).
//   3. rlimits: --as, --cpu, --fsize, --nofile, --nproc; RLIMIT_CORE = 0.
//   4. setsid() (new session + process group, so the caller can kill(-pgid)).
//   5. setgroups(0), setgid(--gid), setuid(--uid) (default 65534), PR_SET_NO_NEW_PRIVS.
//   6. clear environment; PATH=/usr/bin:/bin HOME=/tmp LANG=C.UTF-8.
//   7. chdir(--workdir) (the caller creates it and chowns it to the uid).
//   8. execv(PROGRAM).
// Any failure before execv exits with status 125 and a message on stderr.
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/types.h>
#include <unistd.h>

#define FAIL_CODE 125
#define MAX_CGROUPS 8

extern char **environ;

static void die(const char *what) {
    fprintf(stderr, "assay-sandbox: %s: %s\n", what, strerror(errno));
    exit(FAIL_CODE);
}

static void usage(const char *msg) {
    fprintf(stderr, "assay-sandbox: %s\n"
            "usage: assay-sandbox [--workdir DIR] [--cgroup-procs FILE]... [--as BYTES] [--cpu SECONDS]\n"
            "                     [--fsize BYTES] [--nofile N] [--nproc N] [--uid UID] [--gid GID] [--no-unshare]\n"
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

int main(int argc, char **argv) {
    const char *workdir = NULL;
    const char *cgroups[MAX_CGROUPS];
    int ncgroups = 0;
    long long as = -1, cpu = -1, fsize = -1, nofile = -1, nproc = -1;
    unsigned long long uid = 65534, gid = 65534;
    int do_unshare = 1;
    int i = 1;

    for (; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--") == 0) { i++; break; }
        if (strcmp(a, "--no-unshare") == 0) { do_unshare = 0; continue; }
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
        else usage("unknown option");
    }
    if (i >= argc) usage("missing PROGRAM after --");
    const char *program = argv[i];
    if (program[0] != '/') usage("PROGRAM must be an absolute path");
    if (uid == 0 || gid == 0) usage("refusing to run as uid/gid 0");

    // 1. Namespaces: no network, private IPC/UTS/mount tables.
    if (do_unshare) {
        if (unshare(CLONE_NEWNET | CLONE_NEWIPC | CLONE_NEWUTS | CLONE_NEWNS) != 0) die("unshare");
        // Keep mount changes (none yet) from propagating back to the host.
        if (mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) != 0) die("mount private /");
        (void)sethostname("sandbox", 7);
    }

    // 2. cgroups (before dropping privileges: cgroup files are root-owned).
    for (int c = 0; c < ncgroups; c++) join_cgroup(cgroups[c]);

    // 3. rlimits.
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

    // 4. New session / process group (the caller may already have done this via posix_spawn).
    if (getsid(0) != getpid()) {
        if (setsid() < 0) die("setsid");
    }

    // 5. Drop privileges.
    if (getuid() == 0) {
        if (setgroups(0, NULL) != 0) die("setgroups");
    }
    if (setgid((gid_t)gid) != 0) die("setgid");
    if (setuid((uid_t)uid) != 0) die("setuid");
    if (setuid(0) == 0) { errno = EPERM; die("privilege drop did not stick"); }
    if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0) die("prctl(NO_NEW_PRIVS)");

    // 6. Minimal environment.
    static char *env[] = { "PATH=/usr/bin:/bin", "HOME=/tmp", "LANG=C.UTF-8", NULL };
    environ = env;

    // 7. Working directory.
    if (workdir != NULL && chdir(workdir) != 0) die("chdir(workdir)");

    // 8. Exec.
    execv(program, &argv[i]);
    die(program);
    return FAIL_CODE;
}
