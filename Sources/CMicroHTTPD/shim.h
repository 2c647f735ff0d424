#ifndef ASSAY_CMICROHTTPD_SHIM_H
#define ASSAY_CMICROHTTPD_SHIM_H

#include <stdint.h>
#include <stddef.h>
#include <sys/types.h>
#include <sys/select.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include <microhttpd.h>

/// MHD_start_daemon is C-variadic, which Swift cannot call; this fills an option array instead.
/// `bind_addr` may be NULL (all interfaces, IPv4). `is_ipv6` adds MHD_USE_IPv6.
static inline struct MHD_Daemon *assay_mhd_start(
    unsigned int flags, uint16_t port, const struct sockaddr *bind_addr,
    MHD_AccessHandlerCallback handler, void *handler_cls,
    MHD_RequestCompletedCallback completed, void *completed_cls,
    unsigned int pool_size, size_t conn_memory_limit, unsigned int timeout_s,
    unsigned int conn_limit, unsigned int backlog)
{
    struct MHD_OptionItem ops[9];
    int n = 0;
    ops[n].option = MHD_OPTION_NOTIFY_COMPLETED; ops[n].value = (intptr_t)completed; ops[n].ptr_value = completed_cls; n++;
    if (pool_size > 1) { ops[n].option = MHD_OPTION_THREAD_POOL_SIZE; ops[n].value = pool_size; ops[n].ptr_value = NULL; n++; }
    ops[n].option = MHD_OPTION_CONNECTION_MEMORY_LIMIT; ops[n].value = (intptr_t)conn_memory_limit; ops[n].ptr_value = NULL; n++;
    ops[n].option = MHD_OPTION_CONNECTION_TIMEOUT; ops[n].value = timeout_s; ops[n].ptr_value = NULL; n++;
    ops[n].option = MHD_OPTION_CONNECTION_LIMIT; ops[n].value = conn_limit; ops[n].ptr_value = NULL; n++;
    ops[n].option = MHD_OPTION_LISTEN_BACKLOG_SIZE; ops[n].value = backlog; ops[n].ptr_value = NULL; n++;
    if (bind_addr != NULL) { ops[n].option = MHD_OPTION_SOCK_ADDR; ops[n].value = 0; ops[n].ptr_value = (void *)bind_addr; n++; }
    ops[n].option = MHD_OPTION_END; ops[n].value = 0; ops[n].ptr_value = NULL; n++;
    return MHD_start_daemon(flags, port, NULL, NULL, handler, handler_cls, MHD_OPTION_ARRAY, ops, MHD_OPTION_END);
}

/// The port the daemon is bound to (useful with port 0), or 0 if unknown.
static inline uint16_t assay_mhd_bound_port(struct MHD_Daemon *daemon) {
    const union MHD_DaemonInfo *info = MHD_get_daemon_info(daemon, MHD_DAEMON_INFO_BIND_PORT);
    return info == NULL ? 0 : info->port;
}

/// Number of open connections, or 0 if unknown.
static inline unsigned int assay_mhd_connection_count(struct MHD_Daemon *daemon) {
    const union MHD_DaemonInfo *info = MHD_get_daemon_info(daemon, MHD_DAEMON_INFO_CURRENT_CONNECTIONS);
    return info == NULL ? 0 : info->num_connections;
}

/// The client's socket address, or NULL if unknown (MHD_get_connection_info is C-variadic).
static inline const struct sockaddr *assay_mhd_client_address(struct MHD_Connection *connection) {
    const union MHD_ConnectionInfo *info = MHD_get_connection_info(connection, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    return info == NULL ? NULL : info->client_addr;
}

#endif
