import Testing
import NIOPosix
