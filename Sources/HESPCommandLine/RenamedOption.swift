import ArgumentParser

/// An option renamed so that each quantity has one spelling across commands, with its unit in
/// the name where it is not seconds (issue 13: `--rtt` -> `--rtt-ms`, `--buffer-s` ->
/// `--buffer-size`). The old spelling stays accepted as a hidden alias: a second optional
/// `@Option(help: .hidden)` property next to the current one. `init` takes whichever was given
/// and keeps the spelling the user typed, so messages name the option as typed.
struct RenamedOption<Value> {
  /// The spelling the user typed (the current one when neither was given).
  var name: String
  var value: Value?

  /// - Throws: `ValidationError` when both spellings are given.
  init(_ current: String, _ currentValue: Value?, old: String, _ oldValue: Value?) throws {
    switch (currentValue, oldValue) {
    case (.some, .some):
      throw ValidationError("\(current): also given as \(old), its old spelling; give it once")
    case (nil, .some(let value)):
      name = old
      self.value = value
    default:
      name = current
      value = currentValue
    }
  }
}
