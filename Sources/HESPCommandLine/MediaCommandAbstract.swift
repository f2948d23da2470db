/// The one-line summaries of the commands `hesp-media` runs: its commands use them, and `hesp`
/// lists them (`MediaCommandListing`) without linking those commands.
package enum MediaCommandAbstract {
  package static let demoCommand =
    "Run the switch-latency study on bundled defaults and write the report."
  package static let packageCommand =
    "Package a video file into HESP dual streams (continuation + initialization) per rendition."
  package static let liveCommand =
    "Encode a live source into a HESP ladder in real time; serve it and/or write it."
  package static let verifyCommand =
    "Check a HESP package: box conformance of every file, and decode every splice through libavcodec."
}
