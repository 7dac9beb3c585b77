import ChatDomain
import Foundation

/// `EventBus` that keeps every published event in memory, in the order published, for whoever wants to read them
/// (tests, a single-process tool). Nothing is delivered anywhere.
public actor MemoryEventBus: EventBus {
    /// Every event published since the bus was made or last cleared, oldest first.
    public private(set) var events: [ChatEvent] = []

    /// An empty bus.
    public init() {}

    /// Appends the event to `events`. Never throws.
    public func publish(_ event: ChatEvent) { events.append(event) }

    /// Forgets every event published so far.
    public func clear() { events.removeAll() }
}
