import ChatDomain
import Logging
import ServiceLifecycle

/// Deletes the files that no message, avatar or chat refers to once they are older than `FILE_ORPHAN_TTL`:
/// runs `DeleteOrphanFiles` shortly after start, then every `interval`, until graceful shutdown, and logs what
/// each run did.
///
/// It never throws: a database or store failure is logged and the next run tries again, since a service that
/// threw would take the whole server down with it. A graceful shutdown ends the wait at once and a run in
/// progress after the file at hand.
struct FileCleanupService: Service {
    let sweep: DeleteOrphanFiles
    /// How old an unreferenced file must be to go.
    let ttl: Duration
    /// Time between two runs.
    let interval: Duration
    let logger: Logger

    /// The clean-up `configuration` asks for (`fileOrphanTTL`, `fileCleanupInterval`, by default every TTL but at
    /// least hourly) over `files` and `blobs`.
    init(
        _ configuration: AppConfiguration, files: any FileRepository, blobs: any BlobStore,
        clock: any Clock = SystemClock(), logger: Logger
    ) {
        sweep = DeleteOrphanFiles(files: files, blobs: blobs, clock: clock)
        ttl = configuration.fileOrphanTTL
        interval = configuration.fileCleanupInterval ?? min(configuration.fileOrphanTTL, .seconds(3600))
        self.logger = logger
    }

    func run() async {
        // The first run waits a little, so that it does not compete with start-up (or run against a database a
        // start-up check is about to refuse), but not a whole interval: a server restarted more often than
        // that would otherwise never clean up.
        var wait = min(interval, .seconds(60))
        while !Task.isShuttingDownGracefully {
            do {
                try await cancelWhenGracefulShutdown { [wait] in try await Task.sleep(for: wait) }
            } catch {
                return
            }
            await runOnce()
            wait = interval
        }
    }

    /// One run, logged: its counts, and each blob the store failed to delete.
    func runOnce() async {
        let started = ContinuousClock.now
        do {
            let report = try await cancelWhenGracefulShutdown { try await sweep(olderThan: ttl) }
            log(report, took: ContinuousClock.now - started)
        } catch let interrupted as DeleteOrphanFiles.Interrupted {
            log(interrupted.report, took: ContinuousClock.now - started)
            logger.error(
                "file clean-up: the database failed; next run in \(interval)",
                metadata: ["error": "\(String(reflecting: interrupted.cause))"])
        } catch {
            // Cancelled: the server is stopping.
        }
    }

    private func log(_ report: DeleteOrphanFiles.Report, took duration: Duration) {
        for failure in report.blobFailures {
            // The row is gone, so no one can reach these bytes any more; they only take space until removed.
            logger.warning(
                "file clean-up: file row deleted but its blob was not",
                metadata: ["fileId": "\(failure.file)", "key": "\(failure.key)", "error": "\(failure.reason)"])
        }
        let idle = report.deleted == 0 && report.kept == 0 && report.blobFailures.isEmpty
        logger.log(
            level: idle ? .debug : .info,
            "file clean-up: deleted \(report.deleted) unreferenced files older than \(ttl)",
            metadata: [
                "deleted": "\(report.deleted)", "kept": "\(report.kept)", "blobFailures": "\(report.blobFailures.count)",
                "duration": "\(duration)",
            ])
    }
}
