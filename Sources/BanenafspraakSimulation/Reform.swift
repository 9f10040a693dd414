import BanenafspraakAssessment
import BanenafspraakCore

/// The scheme whose result counts in a comparison (policy simulation: docs/contracts-internal.md, `options.scheme`): the levy of the law of 2015
/// (Wfsv art. 38h) or the net result of the simplified scheme (Kamerbrief vereenvoudiging banenafspraak, 2019).
public enum ResultScheme: String, Sendable, CaseIterable {
    case law2015
    case simplified

    /// What an employer receives under this scheme: the net result, or minus the levy.
    public func received(_ f: EmployerFigures) -> Cents {
        switch self {
        case .simplified: return f.net
        case .law2015: return -f.levy
        }
    }

    /// Dutch name for the report.
    public var dutchName: String {
        switch self {
        case .law2015: return "wet van 2015 (quotumheffing)"
        case .simplified: return "vereenvoudigde regeling (opslag, LKV en bonus)"
        }
    }
}

/// The options of a reform (policy simulation: docs/contracts-internal.md).
public struct ReformOptions: Sendable, Equatable {
    /// `regime_register`: the register regime of the reform; `nil` keeps the baseline's.
    public var regimeRegister: RegisterRegime?
    /// `scheme`: the scheme whose result counts for the reform (default `simplified`).
    public var scheme: ResultScheme = .simplified
    /// `baseline_scheme`: the scheme whose result counts for the baseline; `nil` is the same as ``scheme``.
    /// Comparing the law of 2015 against the simplified scheme sets `law2015` here and `simplified` in ``scheme``.
    public var baselineScheme: ResultScheme?

    public init(regimeRegister: RegisterRegime? = nil, scheme: ResultScheme = .simplified, baselineScheme: ResultScheme? = nil) {
        self.regimeRegister = regimeRegister
        self.scheme = scheme
        self.baselineScheme = baselineScheme
    }

    /// The scheme the baseline is counted under.
    public var effectiveBaselineScheme: ResultScheme { baselineScheme ?? scheme }
}

/// One value a reform sets, as written, with where it was written.
public struct ReformValue: Sendable, Equatable {
    public var parameter: String
    /// JSON path of the value object, e.g. `$.parameters.parameters[0].values[1]`.
    public var path: String
    public var value: ParameterValue
    /// The file gave no `source`: the report marks the value "bron ontbreekt".
    public var sourceMissing: Bool
}

/// A policy reform as data (policy simulation: docs/contracts-internal.md): a name, a description, parameter values in the format of `--params`,
/// and options. Built only by ``ReformLoader``, which checks everything before any work starts.
public struct Reform: Sendable {
    public var name: String
    public var description: String
    /// The reform's own values, to be laid over the baseline's parameter set.
    public var parameters: ParameterSet
    /// Parameter ids in the order the file gives them: the order of the per-parameter split.
    public var parameterOrder: [String]
    /// Every value, in file order.
    public var values: [ReformValue]
    public var options: ReformOptions
    /// The file the reform came from (for messages), and the SHA-256 of its bytes (for the receipt).
    public var file: String
    public var sha256: String
    /// The reform itself, normalised, for the receipt.
    public var json: JSONValue

    /// The source text the loader puts on a value that has none.
    public static let missingSource = "bron ontbreekt"

    /// The values without a source.
    public var valuesWithoutSource: [ReformValue] { values.filter(\.sourceMissing) }

    /// The reform's values only for `ids` (in reform order), for the per-parameter split.
    public func parameters(only ids: Set<String>) -> ParameterSet {
        ParameterSet(parameters.parameters.values.filter { ids.contains($0.id) })
    }

    /// An empty reform (no parameters, default options): the baseline itself, for sweeps without a reform file.
    public static func empty(name: String = "basis") -> Reform {
        Reform(name: name, description: "", parameters: ParameterSet(), parameterOrder: [], values: [], options: ReformOptions(),
               file: "", sha256: "", json: .object([("name", .string(name)), ("parameters", .array([])), ("options", .object([]))]))
    }
}
