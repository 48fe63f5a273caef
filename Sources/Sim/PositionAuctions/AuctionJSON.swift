import Mechanisms

/// JSON shapes of position-auction values. These shapes are a contract with outside tools
/// (`mechsim outcome MECHANISM --instance FILE.json --format json`): add fields, never
/// rename or drop one.
public enum AuctionJSON {
    /// `{"mechanism", "allocation": [{"advertiser", "position"}] (rendering order),
    /// "click_probabilities", "payments", "welfare", "revenue"}` plus the per-click prices, the
    /// user model and the solver work. GSP adds `"lowest_envy_free_bids"` (the bids of the file
    /// read as true values) and `"envy_free_payments"` / `"envy_free_revenue"` (GSP at those
    /// bids), see `GSPEnvyFree`.
    public static func outcome(_ m: any PositionAuctionMechanism, _ x: AuctionInstance, _ o: AuctionOutcome) -> JSONValue {
        var fields: [(String, JSONValue)] = [("mechanism", .string(m.descriptor.id))]
        if !m.parameters.values.isEmpty { fields.append(("parameters", FacilityJSON.parameters(m.parameters))) }
        fields += [
            ("allocation", .array(o.allocation.placements.map {
                .object([("advertiser", .integer($0.advertiser)), ("position", .integer($0.position))])
            })),
            ("click_probabilities", .numbers(o.clickProbabilities)),
            ("payments", .numbers(o.payments)),
            ("welfare", .number(o.welfare)),
            ("revenue", .number(o.revenue)),
            ("per_click_prices", .numbers(o.perClickPrices)),
            ("user_model", .string(x.userModel.id)),
            ("bids", .numbers(o.bids)),
            ("winner_determination_solves", .integer(o.solves)),
            ("lp_solves", .integer(o.lpSolves)),
        ]
        if let e = GSPEnvyFree(m, x, values: o.bids) {
            fields += [
                ("lowest_envy_free_bids", .numbers(e.bids)),
                ("envy_free_payments", .numbers(e.outcome.payments)),
                ("envy_free_revenue", .number(e.outcome.revenue)),
            ]
        }
        return .object(fields)
    }
}

/// GSP's lowest locally envy-free equilibrium for the true values `values` (Edelman, Ostrovsky
/// and Schwarz 2007, Theorem 2; Varian 2007): the bids of `GSP.lowestEnvyFreeBids` and GSP's
/// outcome at them, which has VCG's allocation and payments. `nil` for any other mechanism or
/// when the instance is not separable.
public struct GSPEnvyFree: Sendable {
    public var bids: [Double]
    public var outcome: AuctionOutcome

    public init?(_ m: any PositionAuctionMechanism, _ x: AuctionInstance, values: [Double]) {
        guard m is GSP, case .separable = x.userModel,
              let b = try? GSP.lowestEnvyFreeBids(x, values: values),
              let o = try? m.outcome(x, bids: b) else { return nil }
        bids = b
        outcome = o
    }
}
