/// How `hesp serve` runs: what it serves, where it listens, its limits.
public struct ServeOptions: Sendable {
  /// Package folders, each served as `/<folder name>/`.
  public var packages: [String]
  public var host: String
  /// 0 picks a free port.
  public var port: Int
  /// A connection that sends nothing for this long is closed (1,000 idle connections then
  /// hold nothing for long).
  public var idleTimeout: Duration
  /// Bytes of package files held in memory (smallest files first).
  public var memoryBudgetBytes: Int
  /// After SIGINT/SIGTERM, requests in flight get this long before they are cut.
  public var shutdownGrace: Duration
  /// Where access-log lines go; nil: no access log.
  public var accessLog: AccessLog?
  /// Header limits: one field, all fields, and how many.
  public var maximumHeaderFieldBytes: Int
  public var maximumHeaderBytes: Int
  public var maximumHeaderFieldCount: Int
  /// Answer GET/HEAD of in-memory VoD resources in the channel pipeline (`FastPathHandler`);
  /// off: every request takes Hummingbird's async path (the tests compare both).
  public var fastPath = true
  /// In-memory bodies of at least this many bytes go out with `sendfile` from their file, open
  /// since start, while it is unchanged (`SharedFile`); nil: always copied from memory.
  public var sendfileMinimumBytes: Int? = 128 << 10

  public init(
    packages: [String], host: String = "127.0.0.1", port: Int = 8080,
    idleTimeout: Duration = .seconds(30),
    memoryBudgetBytes: Int = 1 << 30, shutdownGrace: Duration = .seconds(3),
    accessLog: AccessLog? = .standardError,
    maximumHeaderFieldBytes: Int = 8 << 10, maximumHeaderBytes: Int = 16 << 10,
    maximumHeaderFieldCount: Int = 100
  ) {
    self.packages = packages
    self.host = host
    self.port = port
    self.idleTimeout = idleTimeout
    self.memoryBudgetBytes = memoryBudgetBytes
    self.shutdownGrace = shutdownGrace
    self.accessLog = accessLog
    self.maximumHeaderFieldBytes = maximumHeaderFieldBytes
    self.maximumHeaderBytes = maximumHeaderBytes
    self.maximumHeaderFieldCount = maximumHeaderFieldCount
  }
}
