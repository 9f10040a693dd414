import Foundation

/// A bounded blocking queue between the two payroll stages, on threads we own (not the async pool).
final class BatchQueue<Item>: @unchecked Sendable {
    enum Message { case item(Item), end, failure(any Error) }
    private let condition = NSCondition()
    private var items: [Message] = []
    private let capacity: Int

    init(capacity: Int) { self.capacity = capacity }

    func put(_ m: Message) {
        condition.lock()
        while items.count >= capacity { condition.wait() }
        items.append(m)
        condition.broadcast()
        condition.unlock()
    }

    func take() -> Message {
        condition.lock()
        while items.isEmpty { condition.wait() }
        let m = items.removeFirst()
        condition.broadcast()
        condition.unlock()
        return m
    }
}
