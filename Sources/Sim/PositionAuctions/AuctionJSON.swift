import Mechanisms

/// JSON shapes of position-auction values. These shapes are a contract with outside tools
/// (`mechsim outcome MECHANISM --instance FILE.json --format json`): add fields, never
/// rename or drop one.
public enum AuctionJSON {
    /// `{"mechanism", "allocation": [{"advertiser", "position"}] (rendering order),
    /// "click_probabilities", "payments", "welfare", "revenue"}` plus the per-click prices, the
    /// user model and the solver work.
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
        return .object(fields)
    }
}
