import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// Threads of their own for CPU-heavy work that must never slow real-time delivery (bcrypt: tens of milliseconds
/// each). On Linux they run at a low scheduling priority (nice 10, set per thread), so the event loops and the
/// cooperative pool come first whenever they have work: under load, a login waits; a message does not. Not the
/// lowest (19): there a saturated server starves logins for seconds (about 1.5% of a core against one busy thread,
/// where nice 10 leaves about 10%), and clients time out.
/// Work runs in the order it was submitted, on as many threads as were asked for.
final class LowPriorityWorkers: Sendable {
    private let queue = Mutex<[@Sendable () -> Void]>([])
    private let pending = DispatchSemaphore(value: 0)

    /// Starts `threads` worker threads (at least one); they live as long as the process.
    init(threads: Int, name: String) {
        for index in 0..<max(threads, 1) {
            let thread = Thread { [self] in
                Self.lowerThisThreadsPriority()
                while true {
                    pending.wait()
                    let work = queue.withLock { $0.removeFirst() }
                    work()
                }
            }
            thread.name = "\(name)-\(index)"
            thread.start()
        }
    }

    /// Runs `work` on a worker thread and returns its result.
    func run<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            queue.withLock { $0.append { continuation.resume(returning: work()) } }
            pending.signal()
        }
    }

    /// Nice `niceness` for the calling thread only (on Linux the nice value is per thread, and `who` 0 is the calling
    /// thread); elsewhere, unchanged.
    static let niceness: Int32 = 10

    private static func lowerThisThreadsPriority() {
        #if os(Linux)
        _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, niceness)
        #endif
    }

    /// The calling thread's nice value (for tests); 0 where it cannot be read.
    static func currentThreadNiceness() -> Int32 {
        #if os(Linux)
        errno = 0
        return getpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0)
        #else
        return 0
        #endif
    }
}
