import Foundation
import Portal

exit(Launcher.run(Array(CommandLine.arguments.dropFirst()), environment: ProcessInfo.processInfo.environment))
