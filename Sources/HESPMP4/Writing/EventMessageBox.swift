/// `emsg` version 0 (ISO/IEC 23009-1 §5.10.3.3): a DASH event message at the top level.
enum EventMessageBox {
  static func writeVersion0(
    schemeIdURI: String, value: String, timescale: UInt32, presentationTimeDeltaTicks: UInt32,
    eventDurationTicks: UInt32, id: UInt32, messageData: [UInt8], to writer: inout ByteWriter
  ) {
    writer.fullBox("emsg", version: 0, flags: 0) { box in
      box.nullTerminated(schemeIdURI)
      box.nullTerminated(value)
      box.u32(timescale)
      box.u32(presentationTimeDeltaTicks)
      box.u32(eventDurationTicks)
      box.u32(id)
      box.bytes(messageData)
    }
  }
}
