import Testing
import VaporTesting
@testable import PodiumApp
