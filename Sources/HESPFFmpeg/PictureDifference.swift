/// Sum of squared differences of two decoded pictures over every plane (Y, Cb, Cr), on the
/// first picture's size: a second picture that is larger (an uncropped reconstruction) is
/// compared on its top-left part.
public enum PictureDifference {
  public static func squaredErrorSum(_ picture: Frame, _ other: Frame) -> UInt64 {
    picture.withPlanes { planes in
      other.withPlanes { otherPlanes in
        var sum: UInt64 = 0
        for (plane, otherPlane) in zip(planes, otherPlanes) {
          let width = min(plane.width, otherPlane.width)
          for row in 0..<min(plane.height, otherPlane.height) {
            sum &+= squaredErrorSum(
              plane.row(row).baseAddress!, otherPlane.row(row).baseAddress!, count: width)
          }
        }
        return sum
      }
    }
  }

  /// The same against packed planes (`Frame.planeBytes()` of a picture of `picture`'s size).
  public static func squaredErrorSum(_ picture: Frame, packed: [UInt8]) -> UInt64 {
    picture.withPlanes { planes in
      packed.withUnsafeBufferPointer { packed in
        var sum: UInt64 = 0
        var offset = 0
        for plane in planes {
          for row in 0..<plane.height {
            guard offset + plane.width <= packed.count else { return sum }
            sum &+= squaredErrorSum(
              plane.row(row).baseAddress!, packed.baseAddress! + offset, count: plane.width)
            offset += plane.width
          }
        }
        return sum
      }
    }
  }

  /// Sum of squared differences of `count` 8-bit samples, in 32-bit partial sums of at most
  /// 16384 samples (16384 x 255² < 2³²), which the compiler vectorizes: the one such loop of the
  /// project (verify's luma comparison and the packager's PSNR-Y call it too).
  public static func squaredErrorSum(
    _ a: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>, count: Int
  ) -> UInt64 {
    var sum: UInt64 = 0
    var start = 0
    while start < count {
      let end = min(start + 16384, count)
      var partial: UInt32 = 0
      for index in start..<end {
        let difference = Int32(a[index]) &- Int32(b[index])
        partial &+= UInt32(bitPattern: difference &* difference)
      }
      sum &+= UInt64(partial)
      start = end
    }
    return sum
  }
}
