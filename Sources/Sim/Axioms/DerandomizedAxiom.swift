/// The properties shared by the derandomized mechanisms (Walsh 2024), judged exactly on one
/// instance (reports) by `DerandomizedAxiomCheck`.
public enum DerandomizedAxiom: String, Sendable, Hashable, CaseIterable {
    case lotteryEquivalence = "lottery-equivalence"
    case uniformPlayEquilibrium = "uniform-play-equilibrium"
    case quasiStrategyproofness = "quasi-strategyproofness"
    case moveResponsiveness = "move-responsiveness"

    public var id: String { rawValue }

    public var name: String {
        switch self {
        case .lotteryEquivalence: "Lottery equivalence"
        case .uniformPlayEquilibrium: "Uniform play is an equilibrium"
        case .quasiStrategyproofness: "Quasi-strategyproofness"
        case .moveResponsiveness: "Move-responsiveness"
        }
    }

    public var definition: String {
        switch self {
        case .lotteryEquivalence:
            "Under uniform play the outcome distribution equals the original mechanism's lottery, for every method that applies."
        case .uniformPlayEquilibrium:
            "At sincere reports, every agent playing a uniform move is a Nash equilibrium of the move game: no move gives an agent more than uniform play."
        case .quasiStrategyproofness:
            "With the others sincere and playing uniformly, no agent gains by any misreport combined with any move: sincere reports with uniform play are an equilibrium of the game of reports and moves."
        case .moveResponsiveness:
            "When the outcome is not constant in the seed, every agent, whatever the others' moves, has two moves giving different outcomes."
        }
    }

    public var source: String {
        switch self {
        case .lotteryEquivalence: "derived: one uniform player makes the seed uniform (Lemma U; docs/reconstructions.md#derandomization-methods)"
        case .uniformPlayEquilibrium: "Walsh (2024), arXiv 2308.10413, abstract"
        case .quasiStrategyproofness: "Walsh (2024), arXiv 2308.10413, abstract; definition: docs/reconstructions.md#quasi-strategyproofness"
        case .moveResponsiveness: "our proxy for the paper's 'responsiveness' (docs/reconstructions.md#move-responsiveness)"
        }
    }
}
