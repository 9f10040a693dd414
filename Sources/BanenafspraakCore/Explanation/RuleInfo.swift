/// A rule's name and legal source, kept once beside the rule that computes it, so that the explanation, the
/// simulation's catalogue and the Dutch sentences of the pages cite it alike instead of retyping the article.
public struct RuleInfo: Sendable, Equatable {
    /// The rule's name in Dutch, as an explanation shows it.
    public var label: String
    /// The law by article (and the reading, where the law is silent).
    public var source: String

    public init(label: String, source: String) {
        self.label = label
        self.source = source
    }
}
