import Foundation

/// Small files built byte by byte for the evidence tests: a JPEG whose Exif segment carries a
/// GPS position, a camera and an orientation; a PNG with eXIf and text chunks; a tiny PDF; an
/// HEIC header; an HTML page. Only their structure matters to the portal (it never decodes the
/// pixels), so each is the least that has the structure.
enum EvidenceFixtures {
    /// A segment: marker, big-endian length (payload + 2), payload.
    static func segment(_ marker: UInt8, _ payload: [UInt8]) -> [UInt8] {
        let length = payload.count + 2
        return [0xFF, marker, UInt8(length >> 8), UInt8(length & 0xFF)] + payload
    }

    static let jfif = segment(0xE0, Array("JFIF\0".utf8) + [1, 1, 0, 0, 1, 0, 1, 0, 0])
    static let quantization = segment(0xDB, [0] + [UInt8](repeating: 1, count: 64))
    static let frame = segment(0xC0, [8, 0, 1, 0, 1, 1, 1, 0x11, 0])
    static let huffman = segment(0xC4, [0] + [1] + [UInt8](repeating: 0, count: 15) + [0])
    static let scanHeader = segment(0xDA, [1, 1, 0, 0, 63, 0])
    /// Entropy-coded bytes with a stuffed 0xFF00 and a restart marker inside, as real scans have.
    static let scanData: [UInt8] = [0x12, 0x34, 0xFF, 0x00, 0x56, 0xFF, 0xD0, 0x78]

    /// A big-endian TIFF with IFD0 holding Make ("PhoneCam"), Orientation (6) and a GPS IFD pointer.
    static func exifPayload(orientation: UInt16 = 6) -> [UInt8] {
        var tiff: [UInt8] = [0x4D, 0x4D, 0x00, 0x2A, 0x00, 0x00, 0x00, 0x08]
        tiff += [0x00, 0x03]                                                       // three entries
        tiff += [0x01, 0x0F, 0x00, 0x02, 0x00, 0x00, 0x00, 0x09, 0x00, 0x00, 0x00, 0x32]  // Make, ASCII, 9 bytes at 50
        tiff += [0x01, 0x12, 0x00, 0x03, 0x00, 0x00, 0x00, 0x01, UInt8(orientation >> 8), UInt8(orientation & 0xFF), 0x00, 0x00]
        tiff += [0x88, 0x25, 0x00, 0x04, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x3C]  // GPS IFD at 60
        tiff += [0x00, 0x00, 0x00, 0x00]                                           // no next IFD
        while tiff.count < 50 { tiff.append(0) }
        tiff += Array("PhoneCam\0".utf8)
        while tiff.count < 60 { tiff.append(0) }
        tiff += Array("GPSLatitude 33.0012 N; GPSLongitude 7.6164 W".utf8)
        return Array("Exif\0\0".utf8) + tiff
    }

    /// SOI, JFIF, Exif (GPS, camera, orientation), XMP, a comment, tables, frame, scan, EOI, then
    /// a camera's trailer after EOI.
    static func jpegWithExif(orientation: UInt16 = 6) -> [UInt8] {
        [0xFF, 0xD8] + jfif + segment(0xE1, exifPayload(orientation: orientation))
            + segment(0xE1, Array("http://ns.adobe.com/xap/1.0/\0<x:xmpmeta>exif:GPSLatitude</x:xmpmeta>".utf8))
            + segment(0xFE, Array("Taken at home".utf8))
            + quantization + frame + huffman + scanHeader + scanData + [0xFF, 0xD9] + Array("TRAILER-GPS".utf8)
    }

    /// What the portal should keep of `jpegWithExif`: every image segment, an orientation-only Exif.
    static func jpegImageParts() -> [[UInt8]] { [jfif, quantization, frame, huffman, scanHeader + scanData] }

    // MARK: PNG

    static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        return ~crc
    }

    static func chunk(_ type: String, _ data: [UInt8]) -> [UInt8] {
        let typeBytes = Array(type.utf8)
        let crc = crc32(typeBytes + data)
        let length = UInt32(data.count)
        return [UInt8(length >> 24), UInt8(length >> 16 & 0xFF), UInt8(length >> 8 & 0xFF), UInt8(length & 0xFF)] + typeBytes + data
            + [UInt8(crc >> 24), UInt8(crc >> 16 & 0xFF), UInt8(crc >> 8 & 0xFF), UInt8(crc & 0xFF)]
    }

    static let pngSignature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
    /// A 1×1 grey pixel: IHDR, one IDAT (zlib, a stored block), IEND.
    static let ihdr = chunk("IHDR", [0, 0, 0, 1, 0, 0, 0, 1, 8, 0, 0, 0, 0])
    static let idat = chunk("IDAT", [0x78, 0x01, 0x01, 0x02, 0x00, 0xFD, 0xFF, 0x00, 0x80, 0x00, 0x82, 0x00, 0x81])
    static let iend = chunk("IEND", [])

    static func png(metadata: Bool) -> [UInt8] {
        guard metadata else { return pngSignature + ihdr + idat + iend }
        return pngSignature + ihdr + chunk("eXIf", Array(exifPayload().dropFirst(6)))
            + chunk("tEXt", Array("Author\0Focal point at 12 Rue X".utf8))
            + chunk("iTXt", Array("Location\0\0\0\0\0GPS 33.0012 N".utf8))
            + chunk("zTXt", Array("Comment\0\0".utf8) + [0x78, 0x01, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01])
            + idat + iend + Array("after-IEND".utf8)
    }

    // MARK: Others

    /// A small PDF (one empty page), valid enough for any reader.
    static func pdf(padding: Int = 0) -> [UInt8] {
        var text = "%PDF-1.4\n1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n2 0 obj <</Type /Pages /Kids [3 0 R] /Count 1>> endobj\n"
        text += "3 0 obj <</Type /Page /Parent 2 0 R /MediaBox [0 0 200 200]>> endobj\n"
        var bytes = Array(text.utf8)
        if padding > 0 { bytes += Array("% ".utf8) + (0..<padding).map { UInt8(truncatingIfNeeded: 65 + $0 % 26) } + [10] }
        bytes += Array("trailer <</Root 1 0 R>>\n%%EOF\n".utf8)
        return bytes
    }

    /// The first box of an iPhone photo: `ftyp` with brand `heic`.
    static let heic: [UInt8] = [0x00, 0x00, 0x00, 0x18] + Array("ftypheic".utf8) + [0, 0, 0, 0] + Array("mif1heic".utf8) + [UInt8](repeating: 0, count: 40)

    static let html = Array("<!doctype html><html><script>alert(document.cookie)</script></html>".utf8)

    /// A `multipart/form-data` body as a browser sends it: the text fields, then `evidence`.
    static func form(_ fields: [(String, String)], file: [UInt8]?, filename: String, contentType: String) -> (body: [UInt8], type: String) {
        let boundary = "----WebKitFormBoundaryEv1d3nc3T3st"
        var body: [UInt8] = []
        for (name, value) in fields {
            body += Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n".utf8)
        }
        body += Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"evidence\"; filename=\"\(filename)\"\r\nContent-Type: \(contentType)\r\n\r\n".utf8)
        body += file ?? []
        body += Array("\r\n--\(boundary)--\r\n".utf8)
        return (body, "multipart/form-data; boundary=\(boundary)")
    }
}
