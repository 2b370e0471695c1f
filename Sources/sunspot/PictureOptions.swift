import ArgumentParser
import Foundation
import Render
import Scene

/// Options every picture-drawing command shares: where to write, format, size, language.
struct PictureOutputOptions: ParsableArguments {
    @Option(name: [.short, .customLong("output")], help: "Picture file to write (.png, .pdf or .svg).")
    var output: String

    @Option(help: "Picture format: png, pdf or svg (default: from the -o extension).")
    var format: String?

    @Option(help: "Size in pixels (points in PDF/SVG), WxH.")
    var size: String = "1080x1080"

    @Option(
        parsing: .unconditional, help: "Pixel density multiplier (2 = sharper PNG on high-density screens).",
        transform: number("2"))
    var scale: Double = 1

    @Option(help: "Label language: zh or en.")
    var lang: LanguageArgument = .init(.zh)

    /// Checks everything about the output before any work is done; nothing is written on error.
    func resolve() throws -> (options: PictureOptions, format: ImageFormat) {
        let byName = ImageFormat(fileName: output)
        let imageFormat: ImageFormat
        if let format {
            guard let f = ImageFormat(rawValue: format.lowercased()) else {
                throw ValidationError("--format must be png, pdf or svg (got '\(format)')")
            }
            imageFormat = f
        } else if let byName {
            imageFormat = byName
        } else {
            throw ValidationError("-o \(output): name the file .png, .pdf or .svg, or give --format")
        }
        guard let wh = PictureOptions.parseSize(size) else {
            throw ValidationError("--size must be WxH in pixels, e.g. 1080x1080 (got '\(size)')")
        }
        let options = PictureOptions(width: wh.width, height: wh.height, scale: scale, language: lang.value)
        do {
            try options.validate()
        } catch {
            throw ValidationError("--\(error.description)")
        }
        let directory = URL(fileURLWithPath: output).deletingLastPathComponent().path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw ValidationError("-o \(output): directory \(directory) does not exist")
        }
        return (options, imageFormat)
    }

    /// Writes the picture atomically and says where it went.
    func write(_ picture: Picture, format: ImageFormat) throws {
        do {
            try picture.write(to: output, format: format)
        } catch {
            throw ValidationError(error.description)
        }
        print("\(output): \(picture.options.width)x\(picture.options.height) \(format.rawValue)")
    }
}
