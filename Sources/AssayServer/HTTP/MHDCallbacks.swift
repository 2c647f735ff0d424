import CMicroHTTPD
import Foundation

/// The C callbacks. They live in a type (not at top level of main.swift), so they are nonisolated:
/// top-level closures in main.swift are main-actor isolated and crash when MHD calls them (shared/notes §4.1).
enum MHDCallbacks {
    static let access: MHD_AccessHandlerCallback = { cls, connection, url, method, _, uploadData, uploadDataSize, conCls in
        guard let cls, let connection, let conCls, let uploadDataSize else { return MHD_Result.NO }
        let context = Unmanaged<ServerContext>.fromOpaque(cls).takeUnretainedValue()

        // First call: headers only.
        guard let statePointer = conCls.pointee else {
            let state = RequestState(
                method: method.map { String(cString: $0) } ?? "GET", path: url.map { String(cString: $0) } ?? "/")
            state.headers = headers(connection)
            state.peer = peer(connection)
            state.client = client(connection)
            state.requestID = RequestID.resolve(state.headers["x-request-id"])
            conCls.pointee = Unmanaged.passRetained(state).toOpaque()
            // Before anything of the body is reserved or read.
            if let refusal = context.access.refusal(
                method: state.method, path: state.path, authorization: state.headers["authorization"])
            {
                state.refusal = refusal
                return refuse(connection, state, context, refusal, reason: "unauthorized")
            }
            if let lengthText = header(connection, "Content-Length"), let length = Int(lengthText) {
                if length > context.maxBodyBytes {
                    state.tooLarge = true
                    return reject(connection, state, context, length: length)
                }
                if !state.reserve(length, in: context) {
                    return busy(connection, state, context)
                }
            }
            return MHD_Result.YES
        }
        let state = Unmanaged<RequestState>.fromOpaque(statePointer).takeUnretainedValue()

        // Upload chunks.
        if uploadDataSize.pointee > 0 {
            let count = uploadDataSize.pointee
            if !state.tooLarge && !state.overloaded && state.refusal == nil, let uploadData {
                if state.body.count + count > context.maxBodyBytes {
                    state.tooLarge = true
                    state.body = []
                } else if !state.reserve(state.body.count + count, in: context) {
                    state.overloaded = true
                    state.body = []
                } else {
                    uploadData.withMemoryRebound(to: UInt8.self, capacity: count) { bytes in
                        state.body.append(contentsOf: UnsafeBufferPointer(start: bytes, count: count))
                    }
                }
            }
            uploadDataSize.pointee = 0
            return MHD_Result.YES
        }

        // Final call, or the call after a resume.
        if state.dispatched {
            // The body is gone with the engine task; free its share before the client can see the answer.
            state.releaseReservation(in: context)
            let response =
                state.reply.take()
                ?? .error(500, code: "internal", field: "(server)", message: "the request finished without a response")
            return queue(connection, response, state)
        }
        if let refusal = state.refusal {
            return queue(connection, refusal, state)
        }
        if state.tooLarge {
            return reject(connection, state, context, length: nil)
        }
        if state.overloaded {
            return busy(connection, state, context)
        }
        let request = HTTPRequest(
            method: state.method, path: state.path, headers: state.headers, body: state.body, peer: state.peer,
            requestID: state.requestID)
        state.body = []
        if let inline = context.handler.respondInline(to: request) {
            state.releaseReservation(in: context)
            return queue(connection, inline, state)
        }
        // Scoring requests count against the client's limit until their response is ready.
        guard let slot = takeClientSlot(state, context) else {
            state.releaseReservation(in: context)
            return refuse(connection, state, context, context.access.tooManyRequests(), reason: "client_concurrency")
        }
        // Counted before the stopping check (both sequentially consistent), so a shutdown either sees this
        // request in flight and waits, or this request sees the shutdown and is refused without suspending.
        context.inFlight.add(1, ordering: .sequentiallyConsistent)
        if context.stopping.load(ordering: .sequentiallyConsistent) {
            context.inFlight.subtract(1, ordering: .sequentiallyConsistent)
            slot.release()
            state.releaseReservation(in: context)
            var refused = HTTPResponse.error(503, code: "shutting_down", field: "(server)", message: "the server is shutting down; retry on another replica")
            refused.headers.append(("Connection", "close"))
            context.handler.observe(frontEndResponse: refused, for: request)
            return queue(connection, refused, state)
        }
        state.dispatched = true
        context.suspended.add(1, ordering: .sequentiallyConsistent)
        MHD_suspend_connection(connection)
        let handle = ConnectionHandle(raw: connection)
        let box = state.reply
        Task {
            let response = await context.handler.respond(to: request)
            slot.release()
            box.set(response)
            MHD_resume_connection(handle.raw)
            context.suspended.subtract(1, ordering: .sequentiallyConsistent)
            // inFlight drops in `completed`, once the response has been sent: a shutdown drains until then.
        }
        return MHD_Result.YES
    }

    static let completed: MHD_RequestCompletedCallback = { cls, _, conCls, _ in
        guard let conCls, let pointer = conCls.pointee else { return }
        if let cls {
            let context = Unmanaged<ServerContext>.fromOpaque(cls).takeUnretainedValue()
            let state = Unmanaged<RequestState>.fromOpaque(pointer).takeUnretainedValue()
            state.releaseReservation(in: context)
            if state.dispatched { context.inFlight.subtract(1, ordering: .releasing) }
        }
        Unmanaged<RequestState>.fromOpaque(pointer).release()
        conCls.pointee = nil
    }

    static func header(_ connection: OpaquePointer, _ name: String) -> String? {
        MHD_lookup_connection_value(connection, MHD_ValueKind.HEADER_KIND, name).map { String(cString: $0) }
    }

    /// Every request header, names lower-cased (a repeated header keeps its last value).
    static func headers(_ connection: OpaquePointer) -> [String: String] {
        final class Collected { var headers: [String: String] = [:] }
        let collected = Collected()
        let iterator: MHD_KeyValueIterator = { cls, _, key, value in
            guard let cls, let key else { return MHD_Result.YES }
            let box = Unmanaged<Collected>.fromOpaque(cls).takeUnretainedValue()
            box.headers[String(cString: key).lowercased()] = value.map { String(cString: $0) } ?? ""
            return MHD_Result.YES
        }
        withExtendedLifetime(collected) {
            _ = MHD_get_connection_values(connection, MHD_ValueKind.HEADER_KIND, iterator, Unmanaged.passUnretained(collected).toOpaque())
        }
        return collected.headers
    }

    /// The client's address as `host:port` (`[v6]:port`), or `nil` when MHD does not know it.
    static func peer(_ connection: OpaquePointer) -> String? {
        assay_mhd_client_address(connection).flatMap(SocketAddress.describe)
    }

    /// The client's address without the port (`127.0.0.2`, `::1`), or `nil` when MHD does not know it.
    static func client(_ connection: OpaquePointer) -> String? {
        assay_mhd_client_address(connection).flatMap(SocketAddress.host)
    }

    static func reject(_ connection: OpaquePointer, _ state: RequestState, _ context: ServerContext, length: Int?)
        -> MHD_Result
    {
        let size = length.map { "\($0) bytes" } ?? "more than \(context.maxBodyBytes) bytes"
        let response = HTTPResponse.error(
            413, code: "body_too_large", field: "(body)",
            message: "request body is \(size); the limit is \(context.maxBodyBytes) bytes (server option --max-body-bytes)")
        context.handler.observe(
            frontEndResponse: response,
            for: HTTPRequest(method: state.method, path: state.path, peer: state.peer, requestID: state.requestID))
        return queue(connection, response, state)
    }

    static func busy(_ connection: OpaquePointer, _ state: RequestState, _ context: ServerContext) -> MHD_Result {
        var response = HTTPResponse.error(
            503, code: "server_busy", field: "(body)",
            message: "request bodies in flight exceed \(context.maxInFlightBodyBytes) bytes (server option --max-inflight-bytes); retry shortly")
        response.headers.append(("Retry-After", "1"))
        context.handler.observe(
            frontEndResponse: response,
            for: HTTPRequest(method: state.method, path: state.path, peer: state.peer, requestID: state.requestID))
        return queue(connection, response, state)
    }

    /// Queues `response`, with the request's `X-Request-Id` when `state` is known.
    static func queue(_ connection: OpaquePointer, _ response: HTTPResponse, _ state: RequestState?) -> MHD_Result {
        response.body.withUnsafeBytes { raw -> MHD_Result in
            guard
                let mhdResponse = MHD_create_response_from_buffer(
                    raw.count, UnsafeMutableRawPointer(mutating: raw.baseAddress), MHD_ResponseMemoryMode.RESPMEM_MUST_COPY)
            else { return MHD_Result.NO }
            MHD_add_response_header(mhdResponse, "Content-Type", response.contentType)
            for (name, value) in response.headers { MHD_add_response_header(mhdResponse, name, value) }
            if let state { MHD_add_response_header(mhdResponse, "X-Request-Id", state.requestID) }
            let result = MHD_queue_response(connection, UInt32(response.status), mhdResponse)
            MHD_destroy_response(mhdResponse)
            return result
        }
    }
}
