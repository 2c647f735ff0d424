import CMicroHTTPD

/// One scoring request's hold on its client's share of ``AccessPolicy/maxClientConcurrency``.
struct ClientSlot: Sendable {
    let limiter: ClientConcurrencyLimiter?
    let client: String

    /// Gives the slot back (once, when the response is ready or the request is refused).
    func release() { limiter?.release(client) }
}

extension MHDCallbacks {
    /// A slot for the request's client, or `nil` when the client already holds its limit. Requests whose
    /// address MHD does not know, and servers without a limit, always get an (empty) slot.
    static func takeClientSlot(_ state: RequestState, _ context: ServerContext) -> ClientSlot? {
        guard context.clientSlots.limit > 0, let client = state.client else { return ClientSlot(limiter: nil, client: "") }
        return context.clientSlots.acquire(client) ? ClientSlot(limiter: context.clientSlots, client: client) : nil
    }

    /// Answers with an access refusal (401, 429): counted in the handler's request metrics and in
    /// `assay_access_refusals_total{reason}`.
    static func refuse(
        _ connection: OpaquePointer, _ state: RequestState, _ context: ServerContext, _ response: HTTPResponse, reason: String
    ) -> MHD_Result {
        context.metrics?.recordAccessRefusal(reason: reason)
        context.handler.observe(
            frontEndResponse: response,
            for: HTTPRequest(method: state.method, path: state.path, peer: state.peer, requestID: state.requestID))
        return queue(connection, response, state)
    }
}
