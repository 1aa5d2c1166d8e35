import Foundation

/// A file offered as evidence (issue 13), checked and cleaned before anything is stored: its type
/// is read from its first bytes (never from its name or the browser's claim, which a renamed file
/// gets wrong), only PDF, JPEG and PNG are taken, and the location and camera metadata a phone
/// writes into photos is removed — a photo of a finished road must not publish where the focal
/// point lives or which phone they carry. What is refused says why, in words for the form.
struct EvidenceFile: Equatable {
    /// The types taken, by what their bytes say.
    enum Kind: String, CaseIterable {
        case pdf, jpeg, png

        var mediaType: String {
            switch self {
            case .pdf: return "application/pdf"
            case .jpeg: return "image/jpeg"
            case .png: return "image/png"
            }
        }

        /// The extension of a download's name and of the public address.
        var fileExtension: String {
            switch self {
            case .pdf: return "pdf"
            case .jpeg: return "jpg"
            case .png: return "png"
            }
        }

        init?(mediaType: String) {
            guard let kind = Kind.allCases.first(where: { $0.mediaType == mediaType }) else { return nil }
            self = kind
        }

        var isImage: Bool { self != .pdf }
    }

    /// Why a file was refused: a catalog key (`evidence.error.…`) shown next to the file field.
    enum Refusal: String, Error, Equatable {
        case empty, tooLarge = "too_large", heic, unknown, damaged
        var key: String { "evidence.error." + rawValue }
    }

    let kind: Kind
    /// The bytes to store and serve (metadata removed).
    let bytes: [UInt8]

    /// Checks `bytes` and returns the file to store, or why not.
    static func read(_ bytes: [UInt8], maxBytes: Int) -> Result<EvidenceFile, Refusal> {
        guard !bytes.isEmpty else { return .failure(.empty) }
        guard bytes.count <= maxBytes else { return .failure(.tooLarge) }
        switch sniff(bytes) {
        case .pdf?: return .success(EvidenceFile(kind: .pdf, bytes: bytes))
        case .jpeg?:
            guard let clean = stripJPEG(bytes) else { return .failure(.damaged) }
            return .success(EvidenceFile(kind: .jpeg, bytes: clean))
        case .png?:
            guard let clean = stripPNG(bytes) else { return .failure(.damaged) }
            return .success(EvidenceFile(kind: .png, bytes: clean))
        case nil:
            return .failure(isHEIF(bytes) ? .heic : .unknown)
        }
    }

    // MARK: - Sniffing (the signatures of ISO 32000-1 §7.5.2, ITU T.81 Annex B, PNG §5.2)

    static let pngSignature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]

    static func sniff(_ bytes: [UInt8]) -> Kind? {
        if bytes.starts(with: Array("%PDF-".utf8)) { return .pdf }
        if bytes.count >= 3, bytes[0] == 0xFF, bytes[1] == 0xD8, bytes[2] == 0xFF { return .jpeg }
        if bytes.starts(with: pngSignature) { return .png }
        return nil
    }

    /// HEIF/HEIC (ISO/IEC 23008-12), what iPhones save by default: an ISO base media file whose
    /// first box is `ftyp` with a HEIF brand. Refused with a word asking for JPEG, since most
    /// browsers and computers the public uses cannot open it.
    static func isHEIF(_ bytes: [UInt8]) -> Bool {
        guard bytes.count >= 12, Array(bytes[4..<8]) == Array("ftyp".utf8) else { return false }
        let brand = String(decoding: bytes[8..<12], as: UTF8.self)
        return ["heic", "heix", "hevc", "hevx", "heim", "heis", "mif1", "msf1", "avif", "avis"].contains(brand)
    }

    // MARK: - JPEG

    /// The JPEG without its APP1 segments (Exif, with GPS position, camera and owner; XMP) and
    /// APP13 (IPTC, Photoshop), keeping every other segment and the image data as they are. The
    /// orientation an Exif segment gave is kept in a minimal Exif segment of its own (one tag),
    /// so a portrait photo does not turn on its side. Nil when the segments do not add up.
    static func stripJPEG(_ bytes: [UInt8]) -> [UInt8]? {
        guard bytes.count >= 4, bytes[0] == 0xFF, bytes[1] == 0xD8 else { return nil }
        var out: [UInt8] = [0xFF, 0xD8]
        out.reserveCapacity(bytes.count)
        var orientation: UInt16? = nil
        var i = 2
        var wroteOrientation = false
        while i < bytes.count {
            // Markers may be padded with fill bytes 0xFF (T.81 §B.1.1.2).
            guard bytes[i] == 0xFF else { return nil }
            var m = i + 1
            while m < bytes.count, bytes[m] == 0xFF { m += 1 }
            guard m < bytes.count else { return nil }
            let marker = bytes[m]
            if marker == 0xD9 {   // EOI: the end; whatever a camera appended after it is dropped
                out.append(contentsOf: [0xFF, 0xD9])
                return out
            }
            if (0xD0...0xD7).contains(marker) || marker == 0x01 {   // standalone markers
                out.append(contentsOf: [0xFF, marker])
                i = m + 1
                continue
            }
            guard m + 2 < bytes.count else { return nil }
            let length = Int(bytes[m + 1]) << 8 | Int(bytes[m + 2])
            let end = m + 1 + length
            guard length >= 2, end <= bytes.count else { return nil }
            let payload = bytes[(m + 3)..<end]
            switch marker {
            case 0xE1:   // APP1: Exif or XMP
                if orientation == nil, payload.starts(with: Array("Exif\0\0".utf8)) {
                    orientation = exifOrientation(Array(payload.dropFirst(6)))
                }
            case 0xED:   // APP13: IPTC (captions, places, names)
                break
            case 0xFE:   // COM: free text a camera or editor may fill
                break
            default:
                // The orientation goes right after JFIF/APP0 (or first), before the frame.
                if !wroteOrientation, marker != 0xE0, let orientation, orientation != 1 {
                    out.append(contentsOf: orientationSegment(orientation))
                    wroteOrientation = true
                }
                out.append(contentsOf: bytes[i..<end])
            }
            i = end
            if marker == 0xDA {
                // Start of scan: entropy-coded data follows up to the next marker that is not a
                // stuffed 0xFF00 or a restart marker; copied as it is.
                var j = i
                while j + 1 < bytes.count {
                    if bytes[j] == 0xFF, bytes[j + 1] != 0x00, !(0xD0...0xD7).contains(bytes[j + 1]), bytes[j + 1] != 0xFF { break }
                    j += 1
                }
                guard j + 1 < bytes.count else { return nil }
                out.append(contentsOf: bytes[i..<j])
                i = j
            }
        }
        return nil
    }

    /// The Orientation tag (0x0112) of IFD0 of a TIFF structure (Exif 2.3 §4.6.4), if any.
    static func exifOrientation(_ tiff: [UInt8]) -> UInt16? {
        guard tiff.count >= 8 else { return nil }
        let little: Bool
        switch (tiff[0], tiff[1]) {
        case (0x49, 0x49): little = true
        case (0x4D, 0x4D): little = false
        default: return nil
        }
        func u16(_ at: Int) -> UInt16? {
            guard at >= 0, at + 2 <= tiff.count else { return nil }
            return little ? UInt16(tiff[at]) | UInt16(tiff[at + 1]) << 8 : UInt16(tiff[at]) << 8 | UInt16(tiff[at + 1])
        }
        func u32(_ at: Int) -> Int? {
            guard let a = u16(at), let b = u16(at + 2) else { return nil }
            return little ? Int(a) | Int(b) << 16 : Int(a) << 16 | Int(b)
        }
        guard let ifd = u32(4), let entries = u16(ifd) else { return nil }
        for index in 0..<Int(min(entries, 500)) {
            let entry = ifd + 2 + index * 12
            guard let tag = u16(entry) else { return nil }
            if tag == 0x0112, let value = u16(entry + 8), (1...8).contains(value) { return value }
        }
        return nil
    }

    /// An APP1 Exif segment holding only the orientation: a little-endian TIFF header and one
    /// IFD with one SHORT entry, no next IFD.
    static func orientationSegment(_ orientation: UInt16) -> [UInt8] {
        let tiff: [UInt8] = [0x49, 0x49, 0x2A, 0x00, 0x08, 0x00, 0x00, 0x00,   // "II", 42, IFD0 at 8
                             0x01, 0x00,                                          // one entry
                             0x12, 0x01, 0x03, 0x00, 0x01, 0x00, 0x00, 0x00,      // 0x0112, SHORT, count 1
                             UInt8(orientation & 0xFF), UInt8(orientation >> 8), 0x00, 0x00,
                             0x00, 0x00, 0x00, 0x00]                              // no next IFD
        let payload = Array("Exif\0\0".utf8) + tiff
        let length = payload.count + 2
        return [0xFF, 0xE1, UInt8(length >> 8), UInt8(length & 0xFF)] + payload
    }

    // MARK: - PNG

    /// Chunks that carry words or camera data rather than the image (PNG §11.3.4, eXIf from the
    /// PNG extensions 1.5): dropped whole.
    static let droppedChunks: Set<String> = ["eXIf", "tEXt", "zTXt", "iTXt", "tIME"]

    /// The PNG without its metadata chunks, every other chunk kept byte for byte (with its CRC);
    /// nothing after IEND. Nil when the chunks do not add up.
    static func stripPNG(_ bytes: [UInt8]) -> [UInt8]? {
        guard bytes.starts(with: pngSignature) else { return nil }
        var out = pngSignature
        out.reserveCapacity(bytes.count)
        var i = pngSignature.count
        while i + 12 <= bytes.count {
            let length = Int(bytes[i]) << 24 | Int(bytes[i + 1]) << 16 | Int(bytes[i + 2]) << 8 | Int(bytes[i + 3])
            let end = i + 12 + length
            guard length >= 0, length <= Int(Int32.max), end <= bytes.count else { return nil }
            let type = String(decoding: bytes[(i + 4)..<(i + 8)], as: UTF8.self)
            if !droppedChunks.contains(type) { out.append(contentsOf: bytes[i..<end]) }
            if type == "IEND" { return out }
            i = end
        }
        return nil
    }
}
