import ChatDomain
import CoreMetrics

/// An `EventBus` that counts each committed message, then hands every event on, unchanged, to `base`.
struct MessageCountingEventBus: EventBus {
    let base: any EventBus
    let counter: Counter

    init(_ base: any EventBus, counter: Counter) {
        self.base = base
        self.counter = counter
    }

    func publish(_ event: ChatEvent) async {
        if case .messageCreated = event { counter.increment() }
        await base.publish(event)
    }
}
