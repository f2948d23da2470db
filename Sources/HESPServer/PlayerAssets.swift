import Foundation

/// The browser player's files (`Sources/HESPServer/Player/`), built into the binary's
/// resources and held in memory: served at `/player/`, never from a CDN.
public struct PlayerAssets: Sendable {
  private let assets: [String: StoredResource]

  /// The page's files from the module's resource bundle.
  public static func bundled() throws -> PlayerAssets {
    guard let folder = Bundle.module.url(forResource: "Player", withExtension: nil) else {
      throw ServeError.missingResources("Player/")
    }
    var assets: [String: StoredResource] = [:]
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
    for name in names where !name.hasPrefix(".") {
      guard let data = try? Data(contentsOf: folder.appendingPathComponent(name)) else { continue }
      assets[name] = .inMemory(
        data, contentType: MediaTypes.forName(name), cachePolicy: .revalidate)
    }
    guard assets["index.html"] != nil else {
      throw ServeError.missingResources("Player/index.html")
    }
    return PlayerAssets(assets: assets)
  }

  init(assets: [String: StoredResource]) {
    self.assets = assets
  }

  /// Names of the page's files.
  public var names: [String] { assets.keys.sorted() }

  func asset(_ name: String) -> StoredResource? { assets[name] }
}
