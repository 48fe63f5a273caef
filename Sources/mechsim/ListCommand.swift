import ArgumentParser
import Mechanisms
import Sim

struct ListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "List mechanisms, axioms, claims, distributions or metrics.")

    enum What: String, ExpressibleByArgument, CaseIterable {
        case mechanisms, axioms, claims, distributions, metrics
    }

    @Argument(help: "What to list: mechanisms, axioms, claims (each mechanism's claimed verdicts with provenance and check), distributions or metrics.")
    var what: What = .mechanisms

    @Option(help: "text or json.")
    var format: OutputFormat = .text

    func run() throws {
        switch what {
        case .mechanisms:
            let all = MechanismRegistry.all.map(\.descriptor)
            if format == .json {
                print(JSONValue.array(all.map { d in
                    .object([
                        ("id", .string(d.id)), ("name", .string(d.name)), ("domain", .string(d.domain.rawValue)),
                        ("paper", .string(d.paperCitation)), ("randomized", .bool(d.isRandomized)),
                        ("parameters", .array(d.parameters.map { p in
                            .object([("name", .string(p.name)), ("kind", .string(p.kind.rawValue)),
                                     ("default", p.defaultValue.map { .number($0) } ?? .null), ("summary", .string(p.summary))])
                        })),
                        ("claims", .array(d.claims.map { c in
                            let check = ClaimListing.check(domain: d.domain, mechanism: d.id, axiom: c.axiom)
                            let provenance = c.resolvedProvenance(derivedBy: check)
                            return .object([("axiom", .string(c.axiom)), ("verdict", .string(c.verdict.rawValue)), ("source", .string(c.source)),
                                            ("provenance", .string(provenance.id)), ("provenance_detail", .string(provenance.detail)),
                                            ("check", .string(check))])
                        })),
                        ("reconstruction", d.reconstruction.map { .string($0) } ?? .null),
                    ])
                }).pretty())
            } else {
                var rows = [["id", "domain", "name", "paper", "claims", "parameters"]]
                for d in all {
                    // A mechanism whose definition is ours says so beside its paper.
                    let paper = d.paperCitation + (d.reconstruction != nil ? " [reconstruction]" : "")
                    rows.append([d.id, d.domain.rawValue, d.name, paper, ClaimListing.summary(d), d.parameters.map { p in
                        let value = p.kind == .reals ? "[\((p.defaultList ?? []).map(NumberFormatting.short).joined(separator: ","))]" : (p.defaultValue.map(NumberFormatting.short) ?? "?")
                        return "\(p.name)=\(value)"
                    }.joined(separator: " ")])
                }
                print(ScenarioReport.table(rows), terminator: "")
            }
        case .axioms:
            if format == .json {
                print(AxiomRegistry.listingJSON().pretty())
            } else {
                print(AxiomRegistry.listingText(), terminator: "")
            }
        case .claims:
            let rows = ClaimListing.rows()
            if format == .json {
                print(ClaimListing.json(rows).pretty())
            } else {
                print(ClaimListing.text(rows), terminator: "")
            }
        case .distributions:
            if format == .json {
                print(JSONValue.array(ProfileDistribution.catalogue.map { d in
                    .object([("id", .string(d.id)), ("parameters", .string(d.parameters)), ("summary", .string(d.summary))])
                }).pretty())
            } else {
                var rows = [["id", "parameters", "summary"]]
                for d in ProfileDistribution.catalogue { rows.append([d.id, d.parameters, d.summary]) }
                print(ScenarioReport.table(rows), terminator: "")
            }
        case .metrics:
            var rows = [["id", "definition"]]
            for m in FacilityMetric.allCases { rows.append([m.rawValue, m.summary]) }
            print(ScenarioReport.table(rows), terminator: "")
        }
    }
}
