import CZlib

/// Weak entity tags made from a body's bytes (RFC 9110 §8.8.3). A weak validator only has to
/// change when the content does; it guards no secret, so zlib's CRC-32 and Adler-32 with the
/// length (80 bits, from two unrelated sums) do that at a small fraction of SHA-256's cost — a
/// page rendered for the cache pays for its tag on every render.
public enum Validator {
    /// `W/"…"`: the CRC-32, the Adler-32 and the byte count of `body`, in hex.
    public static func weakETag(_ body: [UInt8]) -> String {
        let (crc, adler) = body.withUnsafeBufferPointer { buffer -> (UInt, UInt) in
            (crc32_z(0, buffer.baseAddress, buffer.count), adler32_z(1, buffer.baseAddress, buffer.count))
        }
        return "W/\"" + hex(UInt64(crc), width: 8) + hex(UInt64(adler), width: 8) + hex(UInt64(body.count), width: 1) + "\""
    }

    private static func hex(_ value: UInt64, width: Int) -> String {
        let digits = String(value, radix: 16)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }
}
