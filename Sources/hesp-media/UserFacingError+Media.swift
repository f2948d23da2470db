import HESPAVC
import HESPCommandLine
import HESPFFmpeg
import HESPMP4
import HESPPackager

// The errors of the modules only `hesp-media` links reach the user the one way too.
extension PackagingError: UserFacingError {}
extension MP4Error: UserFacingError {}
extension AVCError: UserFacingError {}
extension FFmpegError: UserFacingError {}
