import NIOCore

extension FastPath {
  /// Writes an answer's head (`head`, complete with its blank line) and body to the socket side
  /// of `context` (below the response encoder), unflushed; returns the body's size. Bodies up
  /// to `copiedBodyBytes` go behind the head in one buffer, larger ones as a second buffer of
  /// the same `writev`; a chunked body in slices of `ResourceResponse.sliceBytes`, as
  /// Hummingbird's path writes them; a file with `sendfile`, closed once written (a shared
  /// file stays open).
  func write(head: ByteBuffer, body: Body?, chunked: Bool, to context: ChannelHandlerContext)
    -> Int
  {
    var out = head
    var bodyBytes = 0
    switch body {
    case nil:
      context.write(NIOAny(IOData.byteBuffer(out)), promise: nil)
    case .memory(let bytes) where !chunked:
      bodyBytes = bytes.readableBytes
      if bytes.readableBytes <= FastPath.copiedBodyBytes {
        out.writeImmutableBuffer(bytes)
        context.write(NIOAny(IOData.byteBuffer(out)), promise: nil)
      } else {
        context.write(NIOAny(IOData.byteBuffer(out)), promise: nil)
        context.write(NIOAny(IOData.byteBuffer(bytes)), promise: nil)
      }
    case .memory(let bytes):
      // Chunks of `ResourceResponse.sliceBytes`, as Hummingbird's path writes them.
      bodyBytes = bytes.readableBytes
      var remaining = bytes
      while let slice = remaining.readSlice(
        length: min(ResourceResponse.sliceBytes, remaining.readableBytes)),
        slice.readableBytes > 0
      {
        out.writeString(String(slice.readableBytes, radix: 16))
        out.writeStaticString("\r\n")
        context.write(NIOAny(IOData.byteBuffer(out)), promise: nil)
        context.write(NIOAny(IOData.byteBuffer(slice)), promise: nil)
        out = context.channel.allocator.buffer(capacity: 16)
        out.writeStaticString("\r\n")
      }
      out.writeStaticString("0\r\n\r\n")
      context.write(NIOAny(IOData.byteBuffer(out)), promise: nil)
    case .sharedFile(let region):
      bodyBytes = region.readableBytes
      context.write(NIOAny(IOData.byteBuffer(out)), promise: nil)
      context.write(NIOAny(IOData.fileRegion(region)), promise: nil)
    case .file(let region):
      bodyBytes = region.readableBytes
      if chunked {
        out.writeString(String(region.readableBytes, radix: 16))
        out.writeStaticString("\r\n")
      }
      context.write(NIOAny(IOData.byteBuffer(out)), promise: nil)
      let written = context.eventLoop.makePromise(of: Void.self)
      let handle = region.fileHandle
      written.futureResult.whenComplete { _ in try? handle.close() }
      context.write(NIOAny(IOData.fileRegion(region)), promise: chunked ? nil : written)
      if chunked {
        context.write(NIOAny(IOData.byteBuffer(lastChunk)), promise: written)
      }
    }
    return bodyBytes
  }
}
