import ArgumentParser

/// One `sunspotd` setting, declared once: the environment variable (`SUNSPOTD_` + `name`),
/// the ``ServerConfiguration`` field it sets, and what it means. The field's initial value in
/// ``ServerConfiguration`` is the default; the help text shows it, so help, environment and
/// default cannot drift apart.
struct ServerSetting<Value: ExpressibleByArgument> {
    static var prefix: String { "SUNSPOTD_" }

    let name: String
    let field: WritableKeyPath<ServerConfiguration, Value>
    let summary: String
    /// Shown instead of the value when the default depends on the machine (e.g. "all cores").
    let defaultText: String?

    init(
        _ name: String, _ field: WritableKeyPath<ServerConfiguration, Value>, _ summary: String,
        defaultText: String? = nil
    ) {
        self.name = name
        self.field = field
        self.summary = summary
        self.defaultText = defaultText
    }

    var environmentName: String { Self.prefix + name }

    /// The default as `--help` and the README show it (`10`, not `10.0`).
    var defaultDescription: String {
        if let defaultText { return defaultText }
        let value = ServerConfiguration()[keyPath: field]
        if let d = value as? Double, d == d.rounded(), abs(d) < 1e15 { return String(Int(d)) }
        return "\(value)"
    }

    var help: ArgumentHelp { "\(summary) (env \(environmentName); default \(defaultDescription))." }

    /// Sets the field from the command-line value, else from the environment, else leaves the default.
    func apply(_ option: Value?, _ environment: [String: String], to c: inout ServerConfiguration) throws {
        if let option {
            c[keyPath: field] = option
            return
        }
        guard let text = environment[environmentName] else { return }
        guard let value = Value(argument: text) else {
            throw ValidationError("environment \(environmentName)='\(text)' is not a valid value")
        }
        c[keyPath: field] = value
    }
}
