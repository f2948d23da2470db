import Dispatch

/// Runs a play session's driver on its own serial dispatch queue rather than on Swift's
/// cooperative pool: the player's clock is the wall clock, so a session must not wait for a pool
/// thread while other work in the process (other tests, a busy library) holds them all.
final class PlayerExecutor: TaskExecutor {
  private let queue = DispatchQueue(label: "hesp.play.session", qos: .userInitiated)

  func enqueue(_ job: consuming ExecutorJob) {
    let job = UnownedJob(job)
    let executor = asUnownedTaskExecutor()
    queue.async { job.runSynchronously(on: executor) }
  }
}
