import HESPAVC

extension AVCParameterSets {
  /// Parses every SPS and PPS of `configuration`; a later set with the same id replaces an
  /// earlier one, as in a decoder.
  public init(_ configuration: AVCConfiguration) throws {
    try self.init(
      parsing: configuration.sequenceParameterSets, configuration.pictureParameterSets)
  }
}
