import Mechanisms

/// Which anonymous unanimous phantom mechanisms satisfy UFS and IFS, by exhaustive checks.
///
/// Aziz, Lam, Lee, Walsh (2021) characterize Uniform Phantom as the unique strategyproof UFS
/// mechanism. Within phantom mechanisms with p_0 = 0 and p_n = 1 (anonymous, unanimous), our derived
/// statement (docs/reconstructions.md#phantom-characterisations) is: UFS holds iff p_k = k/n for every k, and IFS holds
/// iff p_1, ..., p_{n-1} all lie in [1/n, 1 - 1/n]. This enumerates every non-decreasing
/// interior phantom vector on the grid 1/`phantomGrid` and checks both axioms on every profile
/// of the grid 1/`profileGrid` (exhaustive, exact up to `FacilityTolerance`).
public enum PhantomCharacterization {
    public struct Row: Sendable, Hashable {
        public var phantoms: [Double]
        public var unanimousFairShare: Bool
        public var individualFairShare: Bool
    }

    public static func classify(agents n: Int, phantomGrid: Int, profileGrid: Int) throws -> [Row] {
        var rows: [Row] = []
        var failure: Error?
        NondecreasingGrid.forEach(length: n - 1, maximum: phantomGrid) { interior in
            guard failure == nil else { return }
            do {
                let phantoms = [0.0] + interior.map { Double($0) / Double(phantomGrid) } + [1.0]
                let m = try Phantom(phantoms: phantoms)
                let space = SearchSpace.grid(agents: n, resolution: profileGrid)
                let ufs = try AxiomChecker.check(m, against: UnanimousFairShare(.exPost), over: space, shrink: false).verdict == .holds
                let ifs = try AxiomChecker.check(m, against: IndividualFairShare(.exPost), over: space, shrink: false).verdict == .holds
                rows.append(Row(phantoms: phantoms, unanimousFairShare: ufs, individualFairShare: ifs))
            } catch {
                failure = error
            }
        }
        if let failure { throw failure }
        return rows
    }
}
