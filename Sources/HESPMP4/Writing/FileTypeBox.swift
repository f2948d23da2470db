/// `ftyp` and `styp` (ISO/IEC 14496-12 §4.3, §8.16.2) with the brands CMAF (ISO/IEC 23000-19
/// §7.2) asks for.
enum FileTypeBox {
  /// CMAF header: major `iso6`, compatible `iso6` (tfdt v1, trun v1) and `cmfc` (CMAF structural brand).
  static func writeHeaderType(_ writer: inout ByteWriter) {
    writer.box("ftyp") { box in
      box.fourCC("iso6")
      box.u32(0)
      box.fourCC("iso6")
      box.fourCC("cmfc")
    }
  }

  /// CMAF segment: major `cmfs`, compatible `cmfs` (CMAF segment) and `msdh` (DASH media segment).
  static func writeSegmentType(_ writer: inout ByteWriter) {
    writer.box("styp") { box in
      box.fourCC("cmfs")
      box.u32(0)
      box.fourCC("cmfs")
      box.fourCC("msdh")
    }
  }
}
