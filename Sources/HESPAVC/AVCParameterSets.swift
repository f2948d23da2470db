/// The parsed SPS and PPS of a stream, by id: what reading a slice header needs.
public struct AVCParameterSets: Sendable, Equatable {
  /// SPS by seq_parameter_set_id.
  public var sequenceParameterSets: [UInt32: SequenceParameterSet]
  /// PPS by pic_parameter_set_id.
  public var pictureParameterSets: [UInt32: PictureParameterSet]

  public init(
    sequenceParameterSets: [SequenceParameterSet], pictureParameterSets: [PictureParameterSet]
  ) {
    var byId: [UInt32: SequenceParameterSet] = [:]
    for sps in sequenceParameterSets { byId[sps.seqParameterSetId] = sps }
    self.sequenceParameterSets = byId
    var picturesById: [UInt32: PictureParameterSet] = [:]
    for pps in pictureParameterSets { picturesById[pps.picParameterSetId] = pps }
    self.pictureParameterSets = picturesById
  }

  /// Parses every SPS and PPS NAL unit (no start codes or length prefixes); a later set with
  /// the same id replaces an earlier one, as in a decoder.
  public init(parsing sequenceParameterSetUnits: [[UInt8]], _ pictureParameterSetUnits: [[UInt8]])
    throws
  {
    self.init(
      sequenceParameterSets: try sequenceParameterSetUnits.map {
        try SequenceParameterSet(nalUnit: $0)
      },
      pictureParameterSets: try pictureParameterSetUnits.map {
        try PictureParameterSet(nalUnit: $0)
      })
  }

  /// The PPS `picParameterSetId` and the SPS it refers to; throws naming the missing one.
  public func active(picParameterSetId: UInt32) throws -> (
    sps: SequenceParameterSet, pps: PictureParameterSet
  ) {
    guard let pps = pictureParameterSets[picParameterSetId] else {
      throw AVCError(
        "slice", byteOffset: 0,
        reason: "refers to PPS \(picParameterSetId), which the stream does not have")
    }
    guard let sps = sequenceParameterSets[pps.seqParameterSetId] else {
      throw AVCError(
        "PPS", byteOffset: 0,
        reason:
          "PPS \(picParameterSetId) refers to SPS \(pps.seqParameterSetId), which the stream does not have"
      )
    }
    return (sps, pps)
  }
}
