/// Text placed into hand-built HTML and SVG (charts, letters, reports): `&`, `<`, `>` and `"` escaped.
/// Mustache templates escape on their own; this is for the markup the code writes itself.
public enum HTMLText {
    public static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.count)
        for ch in s {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.append(ch)
            }
        }
        return out
    }
}
