/// What a path below a store names: its manifest, an init packet (by number or `now`), a
/// continuation segment, or another file. Decided from the store's tracks alone, the same way
/// for every store and both answering paths.
public enum StoreRoute: Equatable, Sendable {
  case manifest
  case initPacket(track: String, number: InitPacketNumber)
  case segment(track: String, id: Int)
  case file([String])

  public init(_ inside: [String], tracks: [StoreTrack]) {
    let name = inside[inside.count - 1]
    if inside.count == 1, name == PackageStore.manifestName {
      self = .manifest
      return
    }
    let folder = inside.dropLast()
    if let track = tracks.first(where: { $0.folder.elementsEqual(folder) }) {
      if track.initialization.isNow(name) {
        self = .initPacket(track: track.id, number: .now)
        return
      }
      // Only the canonical spelling (`init-7.m4s`, not `init-07.m4s`) is the packet.
      if let number = track.initialization.number(in: name),
        track.initialization.name(number) == name
      {
        self = .initPacket(track: track.id, number: .number(number))
        return
      }
      if let id = track.continuation.number(in: name), track.continuation.name(id) == name {
        self = .segment(track: track.id, id: id)
        return
      }
    }
    self = .file(inside)
  }
}
