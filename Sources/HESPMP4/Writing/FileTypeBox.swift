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

  /// A segment that starts with a sync sample is a CMAF segment: major `cmfs`, compatible
  /// `cmfs` (CMAF segment) and `msdh` (DASH media segment). One that starts with a non-sync
  /// sample (a continuation segment cut inside a GOP) is not a CMAF segment (ISO/IEC 23000-19
  /// §7.3.2: a CMAF fragment starts with an SAP of type 1-3), so it claims only what it is:
  /// major `msdh`, compatible `msdh` and `iso6` (same 24 bytes).
  static func writeSegmentType(_ writer: inout ByteWriter, startsWithSyncSample: Bool = true) {
    writer.box("styp") { box in
      if startsWithSyncSample {
        box.fourCC("cmfs")
        box.u32(0)
        box.fourCC("cmfs")
        box.fourCC("msdh")
      } else {
        box.fourCC("msdh")
        box.u32(0)
        box.fourCC("msdh")
        box.fourCC("iso6")
      }
    }
  }
}
