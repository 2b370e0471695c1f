/// How a command prints its data: `table` for people, `json` for programs.
public enum OutputFormat: String, CaseIterable, Sendable {
    case table, csv, json, md
}
