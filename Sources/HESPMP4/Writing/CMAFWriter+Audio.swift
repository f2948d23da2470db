extension CMAFWriter {
  /// ftyp + moov (mvhd, trak with `soun` handler, `smhd`, `mp4a` + `esds` and empty sample
  /// tables, mvex/trex) of an AAC track: an audio `header.mp4`. Audio chunks and init packets
  /// use `chunk(...)` and `eventMessage(...)` as video does (every AAC frame is a sync sample).
  public static func header(_ track: AudioTrackDescription) -> [UInt8] {
    var writer = ByteWriter(capacity: 768)
    FileTypeBox.writeHeaderType(&writer)
    writer.box("moov") { moov in
      MovieBox.writeMovieHeader(nextTrackId: track.trackId &+ 1, to: &moov)
      AudioTrackBox.write(track, to: &moov)
      moov.box("mvex") { mvex in
        MovieBox.writeTrackExtends(trackId: track.trackId, to: &mvex)
      }
    }
    return writer.bytes
  }
}
