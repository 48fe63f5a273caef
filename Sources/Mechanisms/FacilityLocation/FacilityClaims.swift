/// The mechanism x axiom matrix (docs/reconstructions.md#facility-axiom-matrix) as data: the claims each
/// descriptor carries. Axiom ids: the plain id is the ex-post version (for a lottery: the
/// property holds at every outcome in its support), `<id>-in-expectation` the in-expectation
/// one; `strategyproofness` is in expectation for lotteries. `minimalAgents` on a "violates"
/// claim is the smallest n with a violation (below it the property holds).
enum FacilityClaims {
    /// The test that checks every facility claim on the grids.
    static let gridCheck = "test AxiomTests \"every registered mechanism's claims hold on the grids, n = 2..5\""

    static let fairness = ["individual-fair-share", "unanimous-fair-share", "proportionality", "proportional-fairness", "strong-proportionality"]

    /// Both versions of every fairness axiom with the same verdict.
    static func allFairness(_ verdict: Claim.Verdict, source: String, minimalAgents: Int? = nil) -> [Claim] {
        fairness.flatMap { id in
            [Claim(id, verdict, source: source, minimalAgents: minimalAgents),
             Claim(id + "-in-expectation", verdict, source: source, minimalAgents: minimalAgents)]
        }
    }

    /// Strategyproof, anonymous, unanimous, Pareto efficient and continuous deterministic
    /// mechanisms (generalized medians).
    static func strategyproofCore(source: String) -> [Claim] {
        [
            Claim("strategyproofness", .satisfies, source: source),
            Claim("strategyproofness-in-expectation", .satisfies, source: source),
            Claim("universal-truthfulness", .satisfies, source: source),
            Claim("anonymity", .satisfies, source: source),
            Claim("universal-anonymity", .satisfies, source: source),
            Claim("unanimity", .satisfies, source: source),
            Claim("pareto-efficiency", .satisfies, source: source),
            Claim("continuity", .satisfies, source: source),
            Claim("strict-monotonicity", .violates, source: source, minimalAgents: 2, provenance: .derived(gridCheck)),
        ]
    }

    /// Median, Leftmost, Rightmost: strategyproof and unfair (n = 2, x = (0, 1) already).
    static func orderStatistic(source: String) -> [Claim] {
        strategyproofCore(source: source) + allFairness(.violates, source: source, minimalAgents: 2)
    }

    /// Random Rank and Random Dictatorship: fair in expectation, not ex post.
    static func randomRankLike(universallyAnonymous: Bool, source: String) -> [Claim] {
        [
            Claim("strategyproofness", .satisfies, source: source),
            Claim("strategyproofness-in-expectation", .satisfies, source: source),
            Claim("universal-truthfulness", .satisfies, source: source),
            Claim("anonymity", .satisfies, source: source),
            universallyAnonymous
                ? Claim("universal-anonymity", .satisfies, source: source)
                : Claim("universal-anonymity", .violates, source: source + " (under its own decomposition)", minimalAgents: 2),
            Claim("unanimity", .satisfies, source: source),
            Claim("pareto-efficiency", .satisfies, source: source),
        ] + fairness.flatMap { id in
            [Claim(id, .violates, source: source + " (a realisation at an extreme agent)", minimalAgents: 2, provenance: .derived(gridCheck)),
             Claim(id + "-in-expectation", .satisfies, source: source)]
        }
    }

    static let leftRightMiddle: [Claim] = {
        let source = "derived: LRM's lottery (exact grid check)"
        return [
            Claim("strategyproofness", .satisfies, source: "Procaccia and Tennenholtz (2013)"),
            Claim("strategyproofness-in-expectation", .satisfies, source: "Procaccia and Tennenholtz (2013)"),
            Claim("universal-truthfulness", .violates, source: source + " (the Midpoint component)", minimalAgents: 2),
            Claim("anonymity", .satisfies, source: source),
            Claim("universal-anonymity", .satisfies, source: source),
            Claim("unanimity", .satisfies, source: source),
            Claim("pareto-efficiency", .satisfies, source: source),
            Claim("individual-fair-share", .violates, source: source, minimalAgents: 2),
            Claim("individual-fair-share-in-expectation", .satisfies, source: source),
        ] + ["unanimous-fair-share", "proportionality", "proportional-fairness", "strong-proportionality"].flatMap { id in
            [Claim(id, .violates, source: source, minimalAgents: 2),
             Claim(id + "-in-expectation", .violates, source: source + " (holds for n = 2)", minimalAgents: 3)]
        }
    }()

    static let averageOrRandomRank: [Claim] = {
        let source = "derived for our reconstruction (docs/reconstructions.md#averageorrandomrank)"
        let ours = ClaimProvenance.reconstruction("the mechanism's definition (a fair coin between the Average and Random Rank) is ours; checked by " + gridCheck)
        let claims: [Claim] = [
            Claim("strategyproofness", .satisfies, source: "Aziz et al. (2022), abstract: SP in expectation"),
            Claim("strategyproofness-in-expectation", .satisfies, source: "Aziz et al. (2022), abstract"),
            Claim("universal-truthfulness", .violates, source: "Aziz et al. (2022), abstract; the Average component", minimalAgents: 2),
            Claim("anonymity", .satisfies, source: source),
            Claim("universal-anonymity", .satisfies, source: source),
            Claim("unanimity", .satisfies, source: source),
            Claim("pareto-efficiency", .satisfies, source: source),
        ] + fairness.map { Claim($0 + "-in-expectation", .satisfies, source: source) }
        return claims.map { var c = $0; c.provenance = ours; return c }
    }()
}
