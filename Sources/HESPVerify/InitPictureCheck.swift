import Foundation
import HESPAVC
import HESPFFmpeg
import HESPMP4

/// Does the init packet's picture match the continuation's frame at its position? A lossy init
/// IDR differs from the frame it was encoded from evenly, by its quantiser; bytes changed inside
/// the IDR that still decode (e.g. near its end) leave a region that does not resemble the frame
/// at all. So the worst 16x16 luma block is held against the picture as a whole, and a lossless
/// init picture (High 4:4:4, transform bypass) must be identical.
enum InitPictureCheck {
  /// A block this much worse than the whole picture (63x the mean squared error, 18 dB) and
  /// below 30 dB PSNR-Y (MSE 65) is not quantisation. Measured on default packages: the worst
  /// block of an init picture at QP 16 is 2-10x its picture's MSE.
  static let blockToPictureRatio = 63.0
  static let blockFloorMeanSquaredError = 65.0

  /// Mean squared luma error of the worst 16x16 block (smaller at the right and bottom edges) of
  /// `frame` against packed planes `reference`, and that block's top-left corner.
  static func worstBlock(_ frame: Frame, against reference: [UInt8]) -> (
    meanSquaredError: Double, x: Int, y: Int
  ) {
    frame.withPlanes { planes in
      guard let luma = planes.first, luma.width > 0, reference.count >= luma.width * luma.height
      else { return (0, 0, 0) }
      let columns = (luma.width + 15) / 16
      var sums = [UInt64](repeating: 0, count: columns * ((luma.height + 15) / 16))
      reference.withUnsafeBufferPointer { packed in
        for row in 0..<luma.height {
          let bytes = luma.row(row)
          let base = (row / 16) * columns
          for column in 0..<columns {
            let start = column * 16
            let end = min(start + 16, luma.width)
            sums[base + column] &+= PictureComparison.squaredErrorSum(
              UnsafeBufferPointer(rebasing: bytes[start..<end]),
              UnsafeBufferPointer(
                rebasing: packed[(row * luma.width + start)..<(row * luma.width + end)]))
          }
        }
      }
      var worst = (meanSquaredError: 0.0, x: 0, y: 0)
      for (position, sum) in sums.enumerated() {
        let x = (position % columns) * 16
        let y = (position / columns) * 16
        let area = Double((min(x + 16, luma.width) - x) * (min(y + 16, luma.height) - y))
        let value = Double(sum) / area
        if value > worst.meanSquaredError { worst = (value, x, y) }
      }
      return worst
    }
  }

  /// Why the init picture does not match the continuation's frame; nil when it does.
  static func problem(
    worst: (meanSquaredError: Double, x: Int, y: Int), pictureMeanSquaredError: Double
  ) -> String? {
    guard worst.meanSquaredError > blockFloorMeanSquaredError,
      worst.meanSquaredError > blockToPictureRatio * pictureMeanSquaredError
    else { return nil }
    let block = PictureComparison.psnr(worst.meanSquaredError) ?? 0
    let picture =
      PictureComparison.psnr(pictureMeanSquaredError).map { String(format: "%.2f dB", $0) }
      ?? "identical"
    return String(
      format:
        "the init picture does not match the continuation's frame: the 16x16 block at (%d, %d) is at %.2f dB PSNR-Y against it, the picture as a whole at %@ (damaged IDR data that still decodes)",
      worst.x, worst.y, block, picture)
  }

  /// True when the packet's parameter sets include a lossless (High 4:4:4 Predictive) SPS.
  static func isLossless(_ configuration: AVCConfiguration) -> Bool {
    configuration.sequenceParameterSets.contains {
      (try? SequenceParameterSet(nalUnit: $0).profileIndication) == 244
    }
  }
}
