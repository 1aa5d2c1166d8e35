/// Serialises a handler's `HTTPResponse` into the bytes of an HTTP/1.1 response
/// (RFC 9112 §4, §6), adding what the server owns: Date, Content-Length, Connection,
/// the security headers, gzip and HEAD handling. Kept apart from sockets so it is testable.
struct ResponseEncoder: Sendable {
    /// Pre-rendered security header lines and their lowercase names.
    private let security: [(lowercaseName: String, line: [UInt8])]

    init(securityHeaders: [(String, String)]) {
        security = securityHeaders.compactMap { name, value in
            guard Self.isValidField(name: name, value: value) else { return nil }
            return (name.lowercased(), Array("\(name): \(value)\r\n".utf8))
        }
    }

    /// The response head and the body bytes to send after it (empty for HEAD, 1xx, 204, 304,
    /// and for a streamed body, which the writer pulls itself after the head).
    func encode(_ response: HTTPResponse, requestMethod: HTTPMethod?, acceptEncoding: String?,
                keepAlive: Bool, http10: Bool, dateField: [UInt8]) -> (head: [UInt8], body: [UInt8]) {
        let encoded = encodeForSending(response, requestMethod: requestMethod, acceptEncoding: acceptEncoding,
                                       keepAlive: keepAlive, http10: http10, dateField: dateField)
        return (encoded.head, encoded.body)
    }

    /// `encode`, and the memory file holding the body when it is a kept response's body of
    /// `MemoryFile.threshold` bytes or more sent from its kept head (the writer then sends it with
    /// `sendfile`).
    func encodeForSending(_ response: HTTPResponse, requestMethod: HTTPMethod?, acceptEncoding: String?,
                          keepAlive: Bool, http10: Bool,
                          dateField: [UInt8]) -> (head: [UInt8], body: [UInt8], file: MemoryFile?) {
        let code = response.status.code
        let bodyless = (100..<200).contains(code) || code == 204 || code == 304
        if let encodedHead = response.encodedHead, let kept = encodedHead.value,
           !(kept.compressesForGzip && Gzip.isAccepted(by: acceptEncoding)) {
            var head = kept.beforeDate
            head.reserveCapacity(kept.beforeDate.count + dateField.count + kept.length.count + 30)
            head.append(contentsOf: dateField)
            head.append(contentsOf: kept.length)
            Self.appendConnection(&head, keepAlive: keepAlive, http10: http10)
            return bodyless || requestMethod == .head ? (head, [], nil) : (head, response.body, encodedHead.memoryFile(for: response.body))
        }
        var body = response.stream == nil ? response.body : []
        let streamed = response.stream != nil
        var head: [UInt8] = []
        head.reserveCapacity(512 + security.reduce(0) { $0 + $1.line.count })
        head.append(contentsOf: "HTTP/1.1 \(code) \(response.status.reason)\r\n".utf8)

        var compressesForGzip = false, compressedHere = false
        var contentType: String? = nil
        var hasContentEncoding = false
        var vary: String? = nil
        for (name, value) in response.headers {
            // Framing and connection fields are the server's to decide.
            switch name.utf8.count {
            case 4 where HTTPRequestParser.equalsLowercase(name, "date"): continue
            case 4 where HTTPRequestParser.equalsLowercase(name, "vary"): vary = value; continue
            case 10 where HTTPRequestParser.equalsLowercase(name, "connection"): continue
            case 10 where HTTPRequestParser.equalsLowercase(name, "keep-alive"): continue
            case 12 where HTTPRequestParser.equalsLowercase(name, "content-type"): contentType = value
            case 14 where HTTPRequestParser.equalsLowercase(name, "content-length"): continue
            case 16 where HTTPRequestParser.equalsLowercase(name, "content-encoding"): hasContentEncoding = true
            case 17 where HTTPRequestParser.equalsLowercase(name, "transfer-encoding"): continue
            default: break
            }
            // A CR or LF in a handler's header would let it inject a response: drop the field.
            guard Self.isValidField(name: name, value: value) else {
                logError("dropped invalid response header field \(name.debugDescription)")
                continue
            }
            appendField(&head, name, value)
        }

        // Vary goes on 304s too (RFC 9110 §15.4.5); only bodies are compressed.
        if Gzip.isCompressible(contentType: contentType) {
            // RFC 9110 §12.5.5: caches must know the representation depends on Accept-Encoding.
            if let vary {
                let listed = HTTPRequestParser.listContains(vary, "accept-encoding") || vary.contains("*")
                appendField(&head, "Vary", listed ? vary : vary + ", Accept-Encoding")
            } else {
                head.append(contentsOf: "Vary: Accept-Encoding\r\n".utf8)
            }
            compressesForGzip = !bodyless && !streamed && !hasContentEncoding && body.count >= 256
            if compressesForGzip && Gzip.isAccepted(by: acceptEncoding), let compressed = Gzip.compress(body) {
                body = compressed
                compressedHere = true
                head.append(contentsOf: "Content-Encoding: gzip\r\n".utf8)
            }
        } else if let vary, Self.isValidField(name: "Vary", value: vary) {
            appendField(&head, "Vary", vary)
        }

        for header in security where !response.headers.contains(where: {
            HTTPRequestParser.equalsLowercase($0.name, header.lowercaseName)
        }) {
            head.append(contentsOf: header.line)
        }
        let dateStart = head.count
        head.append(contentsOf: dateField)
        let lengthStart = head.count
        if !((100..<200).contains(code) || code == 204) {
            if code != 304 {
                if let stream = response.stream, !stream.isLengthKnown {
                    // Chunked to HTTP/1.1; to HTTP/1.0 the end is the connection's close (the caller closes).
                    if !http10 { head.append(contentsOf: "Transfer-Encoding: chunked\r\n".utf8) }
                } else {
                    head.append(contentsOf: "Content-Length: \(response.stream?.count ?? body.count)\r\n".utf8)
                }
            }
        }
        if let kept = response.encodedHead, !streamed, !compressedHere {
            kept.value = EncodedHead.Parts(beforeDate: Array(head[..<dateStart]), length: Array(head[lengthStart...]),
                                           compressesForGzip: compressesForGzip)
        }
        Self.appendConnection(&head, keepAlive: keepAlive, http10: http10)
        if bodyless || requestMethod == .head { body = [] }
        return (head, body, nil)
    }

    /// The Connection line where one is due, and the blank line that ends the head.
    private static func appendConnection(_ head: inout [UInt8], keepAlive: Bool, http10: Bool) {
        if !keepAlive {
            head.append(contentsOf: "Connection: close\r\n".utf8)
        } else if http10 {
            head.append(contentsOf: "Connection: keep-alive\r\n".utf8)
        }
        head.append(13); head.append(10)
    }

    private func appendField(_ head: inout [UInt8], _ name: String, _ value: String) {
        head.append(contentsOf: name.utf8)
        head.append(58); head.append(32)
        head.append(contentsOf: value.utf8)
        head.append(13); head.append(10)
    }

    static func isValidField(name: String, value: String) -> Bool {
        !name.isEmpty && name.utf8.allSatisfy { HTTPRequestParser.isTokenByte[Int($0)] }
            && value.utf8.allSatisfy { $0 == 9 || ($0 >= 32 && $0 != 127) }
    }
}
