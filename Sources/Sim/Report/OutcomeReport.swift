import Mechanisms

/// What `mechsim outcome` prints for one mechanism on one profile or instance, as text; the
/// JSON objects are `FacilityJSON.outcome` and `AuctionJSON.outcome`.
public enum OutcomeReport {
    /// Facility location: the exact lottery as a table, the expected costs beside their
    /// optima, the expected social welfare and each agent's expected cost. Ends with a newline.
    public static func text(_ m: any FacilityLocationMechanism, _ p: FacilityProfile) -> String {
        let lottery = m.lottery(for: p)
        let costs = m.expectedCosts(for: p)
        var out = "\(m.descriptor.name) [\(m.label)] on \(p.locations.map(NumberFormatting.short).joined(separator: ", "))\n"
        if let r = m.descriptor.reconstruction { out += "  reconstruction: \(r)\n" }
        var rows = [["location", "probability"]]
        for e in lottery.entries { rows.append([NumberFormatting.short(e.outcome), NumberFormatting.short(e.probability)]) }
        out += ScenarioReport.table(rows)
        out += "expected total cost      \(NumberFormatting.short(costs.total))  (optimum \(NumberFormatting.short(p.optimalTotalCost)))\n"
        out += "expected max cost        \(NumberFormatting.short(costs.maximum))  (optimum \(NumberFormatting.short(p.optimalMaxCost)))\n"
        out += "expected social welfare  \(NumberFormatting.short(Double(p.count) - costs.total))\n"
        out += "agent expected costs     \(m.agentExpectedCosts(for: p).map(NumberFormatting.short).joined(separator: ", "))\n"
        return out
    }

    /// Position auctions: one row per advertiser (the shown ones in position order, then the
    /// others) with position, bid, click probability, payment and price per click; then welfare
    /// and revenue; for GSP, its lowest envy-free equilibrium (`GSPEnvyFree`). `path` is the
    /// instance file's, for the heading. Ends with a newline.
    public static func text(_ m: any PositionAuctionMechanism, path: String, _ file: AuctionInstanceFile, _ o: AuctionOutcome) -> String {
        let x = file.instance
        var out = "\(m.descriptor.name) [\(m.label)] on \(path) (\(x.userModel.id), \(x.advertiserCount) advertisers, \(x.positionCount) positions, cap \(x.cap))\n"
        var rows = [["advertiser", "position", "bid", "click probability", "payment", "per click"]]
        let position = Dictionary(uniqueKeysWithValues: o.allocation.placements.map { ($0.advertiser, $0.position) })
        let order = o.allocation.placements.map(\.advertiser) + (0..<x.advertiserCount).filter { position[$0] == nil }
        for i in order {
            rows.append([String(i), position[i].map(String.init) ?? "-", NumberFormatting.short(file.bids[i]),
                         NumberFormatting.short(o.clickProbabilities[i]), NumberFormatting.short(o.payments[i]),
                         NumberFormatting.short(o.perClickPrices[i])])
        }
        out += ScenarioReport.table(rows)
        out += "welfare  \(NumberFormatting.short(o.welfare))\n"
        out += "revenue  \(NumberFormatting.short(o.revenue))\n"
        if let e = GSPEnvyFree(m, x, values: file.bids) {
            out += "lowest envy-free equilibrium (bids read as values): bids \(e.bids.map(NumberFormatting.short).joined(separator: ", ")); "
            out += "payments \(e.outcome.payments.map(NumberFormatting.short).joined(separator: ", ")); revenue \(NumberFormatting.short(e.outcome.revenue))\n"
        }
        return out
    }
}
