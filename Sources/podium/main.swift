import Foundation
import PodiumApp

exit(await PodiumMain.run())
