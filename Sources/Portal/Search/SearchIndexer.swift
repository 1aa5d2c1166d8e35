import Foundation

/// Folds the changes the triggers noted into the search index in the background, a batch per
/// write, so a bulk load (the demo, a national import, the benchmark's generator) becomes
/// searchable without any one search paying for it. Errors are logged and retried; `stop`
/// waits for a batch in progress so the store is never closed under it.
final class SearchIndexer: @unchecked Sendable {
    private let site: Site
    private let wake = DispatchSemaphore(value: 0)
    private let finished = DispatchSemaphore(value: 0)
    private let lock = NSLock()
    private var stopping = false   // guarded by lock

    init(site: Site) { self.site = site }

    func start() {
        let thread = Thread { [self] in
            while !isStopping {
                do {
                    // Batches of 500: each write is short, so visitors' writes are not held up.
                    while !isStopping, try site.database.write({ try SearchStore.refresh($0, limit: 500) }) > 0 {}
                } catch {
                    site.log("search index: \(error)")
                }
                _ = wake.wait(timeout: .now() + 1)
            }
            finished.signal()
        }
        thread.name = "search-indexer"
        thread.start()
    }

    private var isStopping: Bool {
        lock.lock()
        defer { lock.unlock() }
        return stopping
    }

    func stop() {
        lock.lock()
        stopping = true
        lock.unlock()
        wake.signal()
        finished.wait()
    }
}
