// Using MechSim as a library: define a facility-location mechanism, register it beside the
// standard ones, check strategyproofness exhaustively on a grid, and run a scenario written as
// YAML text that compares it with Uniform Phantom and the Average.
//
// Run from this folder: swift run PhantomMedianStudy
// Exit code 0 when every expectation of the scenario holds, 1 otherwise.
import Foundation
import Mechanisms
import Sim

do {
    // 1. A registry value: the standard mechanisms plus ours. Factories receive values with the
    //    descriptor's defaults already filled in and read them with the typed accessors.
    var registry = MechanismRegistry.standard
    try registry.register(MechanismEntry(PhantomMedian.descriptor) { values throws(MechanismError) in
        try PhantomMedian(low: values.real("low"), high: values.real("high"))
    })
    print("== Registry")
    let entry = try registry.entry("phantom-median")
    print("registered \(entry.descriptor.id) (\(entry.descriptor.name)), parameters: \(try entry.make().parameters.description)")
    print("the standard registry is a separate value: it knows phantom-median: \(MechanismRegistry.standard.ids.contains("phantom-median"))")
    do {
        try registry.register(MechanismEntry(PhantomMedian.descriptor) { _ throws(MechanismError) in try PhantomMedian() })
    } catch {
        print("registering it twice: \(error)")
    }

    // 2. Strategyproofness, exhaustively on every 3-agent profile of the grid {0, 1/8, ..., 1}.
    //    The Average violates it, and the checker shrinks the witness it reports.
    print("\n== Strategyproofness on the grid (3 agents, step 1/8)")
    for (id, values) in [("phantom-median", ParameterValues()), ("average", ParameterValues())] {
        let mechanism = try registry.makeFacilityLocation(id, values)
        let result = try AxiomChecker.check(mechanism, against: StrategyProofness(), over: .grid(agents: 3, resolution: 8))
        print("\(mechanism.label): \(result.verdict.id) (\(result.profilesChecked) profiles checked)")
        if let w = result.verdict.witness {
            print("  witness\(result.shrunk ? " (shrunk)" : ""): \(w.explanation)")
            print("  profile: \(w.profile.map(NumberFormatting.short).joined(separator: ", "))")
        }
    }

    // 3. A scenario written as text, read by the same front door as `mechsim run`: mechanism ids
    //    resolve in our registry.
    let yaml = """
        title: Phantom Median against Uniform Phantom and the Average
        domain: facility-location
        agents: 5
        profiles: {distribution: uniform, count: 4000, seed: 7}
        mechanisms: [phantom-median, {id: phantom-median, params: {low: 0.4, high: 0.6}}, uniform-phantom, average]
        metrics: [expected-total-cost, expected-max-cost]
        axioms:
          - {id: strategyproofness, agents: 3, grid: 8, expect: {phantom-median: holds, uniform-phantom: holds, average: violated}}
        """
    print("\n== Scenario")
    let study = try ScenarioFile.parse(yaml, file: "phantom-median.yaml", registry: registry)
    let report = StudyReport([try study.run(threads: 2)])
    print(report.text, terminator: "")
    exit(report.failed ? 1 : 0)
} catch {
    FileHandle.standardError.write(Data("error: \(error)\n".utf8))
    exit(2)
}
