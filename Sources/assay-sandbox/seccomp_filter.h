// seccomp_filter.h: the small deny-list seccomp-bpf filter of assay-sandbox (--seccomp).
#ifndef ASSAY_SANDBOX_SECCOMP_FILTER_H
#define ASSAY_SANDBOX_SECCOMP_FILTER_H

// Installs the filter on the calling thread (needs PR_SET_NO_NEW_PRIVS or CAP_SYS_ADMIN first).
// Returns 0 on success, -1 with errno set on failure (ENOSYS: architecture not supported).
int assay_install_seccomp(void);

#endif
