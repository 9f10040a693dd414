import HummingbirdCore
import Logging
import NIOCore
import NIOHTTP1
import NIOHTTPTypesHTTP1
import Synchronization

/// How many connections the server holds (server: docs/contracts-internal.md, "Connections"): in total, and from
/// one client address. One client can no longer use up the server's file descriptors with idle connections.
public struct ConnectionLimitOptions: Sendable {
    /// Connections open at once; at the limit the server accepts no more until one closes (they wait in the
    /// listen backlog), and says so in its log.
    public var total: Int
    /// Connections open at once from one IP address; more are closed at once, with one warning in the log.
    public var perClient: Int
    /// After a response that ends the connection (a 413, `Connection: close`, HTTP/1.0) what the client still
    /// sends is read and thrown away for at most this long, so that it sees the response rather than a reset.
    public var lingerSeconds: Int64

    public init(total: Int = 2048, perClient: Int = 128, lingerSeconds: Int64 = 5) {
        self.total = total
        self.perClient = perClient
        self.lingerSeconds = lingerSeconds
    }
}

/// The server's total cap, as Hummingbird's ``AvailableConnectionsDelegate``: at the limit Hummingbird stops
/// accepting; this one logs when that starts and ends.
struct LoggedConnectionCap: AvailableConnectionsDelegate {
    let maximum: Int
    let logger: Logger
    var count = 0

    mutating func connectionOpened() {
        count += 1
        if count == maximum {
            logger.warning("\(maximum) connections are open, the limit (--max-connections): new connections wait until one closes")
        }
    }

    mutating func connectionClosed() {
        if count == maximum { logger.notice("a connection closed: below the limit of \(maximum) connections again") }
        count -= 1
    }

    func isAcceptingNewConnections() -> Bool { count < maximum }
}

/// Open connections per client address, shared by every event loop.
final class ConnectionsPerClient: Sendable {
    let limit: Int
    private let open = Mutex<[String: (count: Int, warned: Bool)]>([:])

    init(limit: Int) { self.limit = limit }

    enum Admission: Equatable {
        case admitted
        /// Over the limit; `firstTime` until one of the client's connections closes (so one warning, not thousands).
        case refused(firstTime: Bool)
    }

    func admit(_ client: String) -> Admission {
        open.withLock { table in
            var entry = table[client] ?? (0, false)
            defer { table[client] = entry }
            guard entry.count < limit else {
                let first = !entry.warned
                entry.warned = true
                return .refused(firstTime: first)
            }
            entry.count += 1
            return .admitted
        }
    }

    func release(_ client: String) {
        open.withLock { table in
            guard let entry = table[client] else { return }
            if entry.count <= 1 { table[client] = nil } else { table[client] = (entry.count - 1, false) }
        }
    }

    func count(_ client: String) -> Int { open.withLock { $0[client]?.count ?? 0 } }
}

/// First in every connection's pipeline: takes one of the client's slots or closes the connection, and logs a
/// connection the server closed while a request was still incomplete (slow headers or body).
final class ClientSlot: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundIn = IOData

    let clients: ConnectionsPerClient
    let logger: Logger
    private var client: String?
    private var opened = ContinuousClock.now
    /// Bytes read since the last response was written: a request still coming in.
    private var pendingBytes = 0
    private var clientClosed = false

    init(clients: ConnectionsPerClient, logger: Logger) {
        self.clients = clients
        self.logger = logger
    }

    func handlerAdded(context: ChannelHandlerContext) {
        let address = context.channel.remoteAddress?.ipAddress ?? "unknown"
        switch clients.admit(address) {
        case .admitted:
            client = address
            opened = .now
        case .refused(let first):
            if first {
                logger.warning("client \(address) has \(clients.limit) connections open, the limit per client (--max-connections-per-client): closing its new connections until one closes")
            }
            context.close(promise: nil)
        }
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        guard let client else { return }
        clients.release(client)
        self.client = nil
    }

    /// The server closes the connection: with a request still coming in, that is the idle timeout cutting off a
    /// slow sender (of headers, or of a body nobody waits for any more).
    func close(context: ChannelHandlerContext, mode: CloseMode, promise: EventLoopPromise<Void>?) {
        if let client, mode == .all, pendingBytes > 0, !clientClosed {
            let seconds = (ContinuousClock.now - opened).components.seconds
            logger.notice("closed a connection from \(client) after \(seconds) s: its request (\(pendingBytes) bytes so far) did not complete in time")
            pendingBytes = 0
        }
        context.close(mode: mode, promise: promise)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        pendingBytes += unwrapInboundIn(data).readableBytes
        context.fireChannelRead(data)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        pendingBytes = 0
        context.write(data, promise: promise)
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if case ChannelEvent.inputClosed = event { clientClosed = true }
        context.fireUserInboundEventTriggered(event)
    }
}

/// Between the HTTP/1 decoder and Hummingbird: ends the connection after a response when the request asked for
/// that (`Connection: close`, or HTTP/1.0 without keep-alive) or the response says `Connection: close` (a 413,
/// a 408, a body nobody reads). The response goes out whole, the sending side is closed, and what the client
/// still sends is read and dropped until it closes or `linger` passes, so that a client still writing a large
/// body gets to read the 413 instead of a broken pipe.
final class CloseAfterResponse: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias InboundOut = HTTPServerRequestPart
    typealias OutboundIn = HTTPServerResponsePart
    typealias OutboundOut = HTTPServerResponsePart

    let linger: TimeAmount
    private var requestEndsConnection = false
    private var closing = false
    private var draining = false
    private var lingerTask: Scheduled<Void>?

    init(lingerSeconds: Int64) { self.linger = .seconds(lingerSeconds) }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        if draining { return }
        if case .head(var head) = unwrapInboundIn(data), !head.isKeepAlive {
            // Hummingbird ends the connection after a request with exactly `Connection: close`; HTTP/1.0 without
            // keep-alive (and `Connection: Close`) is said to it that way.
            requestEndsConnection = true
            head.headers.replaceOrAdd(name: "connection", value: "close")
            context.fireChannelRead(wrapInboundOut(.head(head)))
            return
        }
        context.fireChannelRead(data)
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        if draining { context.read() } else { context.fireChannelReadComplete() }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        if draining { context.close(promise: nil) } else { context.fireErrorCaught(error) }
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if draining, case ChannelEvent.inputClosed = event {
            context.close(promise: nil)
            return
        }
        context.fireUserInboundEventTriggered(event)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        switch unwrapOutboundIn(data) {
        case .head(var head):
            let saysClose = head.headers["connection"].contains { $0.lowercased().contains("close") }
            guard requestEndsConnection || saysClose else { break }
            closing = true
            head.headers.replaceOrAdd(name: "connection", value: "close")
            context.write(wrapOutboundOut(.head(head)), promise: promise)
            return
        case .end where closing:
            context.writeAndFlush(data, promise: promise)
            startDraining(context)
            return
        default:
            break
        }
        context.write(data, promise: promise)
    }

    private func startDraining(_ context: ChannelHandlerContext) {
        guard !draining else { return }
        draining = true
        context.close(mode: .output, promise: nil)
        lingerTask = context.eventLoop.assumeIsolated().scheduleTask(in: linger) { context.close(promise: nil) }
        context.read()
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        lingerTask?.cancel()
        lingerTask = nil
    }
}

/// Hummingbird's HTTP/1 channel with ``ClientSlot`` first in each connection's pipeline and
/// ``CloseAfterResponse`` after the HTTP/1 decoder.
struct GuardedHTTP1Channel: ServerChildChannel {
    typealias Value = HTTP1Channel.Value
    let base: HTTP1Channel
    let clients: ConnectionsPerClient
    let lingerSeconds: Int64
    let logger: Logger

    func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<Value> {
        base.setup(channel: channel, logger: logger).flatMapThrowing { value in
            let pipeline = channel.pipeline.syncOperations
            let codec = try pipeline.context(handlerType: HTTP1ToHTTPServerCodec.self)
            try pipeline.addHandler(CloseAfterResponse(lingerSeconds: self.lingerSeconds), position: .before(codec.handler))
            try pipeline.addHandler(ClientSlot(clients: self.clients, logger: self.logger), position: .first)
            return value
        }
    }

    func handle(value: Value, logger: Logger) async {
        await base.handle(value: value, logger: logger)
    }
}
