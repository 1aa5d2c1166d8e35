import CZlib

/// gzip (RFC 1952) through zlib, for the `gzip` content coding (RFC 9110 §8.4.1.3).
/// Compression is one call on a whole body: our bodies are small and already in memory.
public enum Gzip {
    /// Types worth compressing: text and the structured text formats we serve.
    public static func isCompressible(contentType: String?) -> Bool {
        guard let type = contentType?.lowercased() else { return false }
        return type.hasPrefix("text/") || type.hasPrefix("application/json")
            || type.hasPrefix("application/javascript") || type.hasPrefix("image/svg+xml")
            || type.hasPrefix("application/xml") || type.hasPrefix("application/atom+xml")
    }

    /// Whether an Accept-Encoding field value (RFC 9110 §12.5.3) allows gzip: listed, or
    /// covered by "*", with a non-zero weight.
    public static func isAccepted(by acceptEncoding: String?) -> Bool {
        guard let acceptEncoding else { return false }
        var star: Bool? = nil
        for item in acceptEncoding.split(separator: ",") {
            let parts = item.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
            guard let coding = parts.first else { continue }
            var weight = 1.0
            for parameter in parts.dropFirst() where parameter.hasPrefix("q=") {
                weight = Double(parameter.dropFirst(2)) ?? 0
            }
            if coding == "gzip" || coding == "x-gzip" { return weight > 0 }
            if coding == "*" { star = weight > 0 }
        }
        return star ?? false
    }

    /// The gzip member holding `bytes`, or nil when zlib cannot make it (out of memory): the
    /// caller then sends the bytes as they are, which is always a correct answer.
    public static func compress(_ bytes: [UInt8], level: Int32 = 6) -> [UInt8]? {
        var stream = z_stream()
        // windowBits 15 + 16 asks zlib for a gzip header and trailer instead of zlib's.
        guard czlib_deflate_init2(&stream, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) == Z_OK else { return nil }
        defer { deflateEnd(&stream) }
        var output = [UInt8](repeating: 0, count: Int(deflateBound(&stream, uLong(bytes.count))) + 32)
        var input = bytes
        let produced: Int? = input.withUnsafeMutableBufferPointer { inBuf in
            output.withUnsafeMutableBufferPointer { outBuf in
                stream.next_in = inBuf.baseAddress
                stream.avail_in = uInt(inBuf.count)
                stream.next_out = outBuf.baseAddress
                stream.avail_out = uInt(outBuf.count)
                // A deflateBound buffer always finishes; anything else is zlib failing, not us.
                guard deflate(&stream, Z_FINISH) == Z_STREAM_END else { return nil }
                return outBuf.count - Int(stream.avail_out)
            }
        }
        guard let produced else { return nil }
        output.removeSubrange(produced...)
        return output
    }

    /// Why a gzip body could not be read back.
    public struct DecompressionError: Error { public let zlibCode: Int32 }

    /// The bytes inside a gzip member (used by tests and by nothing that faces clients).
    public static func decompress(_ bytes: [UInt8]) throws -> [UInt8] {
        var stream = z_stream()
        guard czlib_inflate_init2(&stream, 15 + 16) == Z_OK else { throw DecompressionError(zlibCode: Z_MEM_ERROR) }
        defer { inflateEnd(&stream) }
        var input = bytes
        var result: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        try input.withUnsafeMutableBufferPointer { inBuf in
            stream.next_in = inBuf.baseAddress
            stream.avail_in = uInt(inBuf.count)
            while true {
                let (code, produced): (Int32, Int) = chunk.withUnsafeMutableBufferPointer { outBuf in
                    stream.next_out = outBuf.baseAddress
                    stream.avail_out = uInt(outBuf.count)
                    let code = inflate(&stream, Z_NO_FLUSH)
                    return (code, outBuf.count - Int(stream.avail_out))
                }
                result.append(contentsOf: chunk[0..<produced])
                if code == Z_STREAM_END { return }
                if code != Z_OK { throw DecompressionError(zlibCode: code) }
            }
        }
        return result
    }
}
