import Foundation
import Sim

/// libFuzzer's entry point: one generated input through `InputReaders.read(.auctionInstance, ...)`,
/// the reader `mechsim` uses. An error thrown is the expected answer to bad input; a trap or a
/// sanitizer report is a finding.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ bytes: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let data = bytes.map { Data(bytes: $0, count: count) } ?? Data()
    try? InputReaders.read(.auctionInstance, data, file: "input")
    return 0
}
