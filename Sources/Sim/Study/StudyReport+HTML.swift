extension StudyReport {
    /// The HTML page of the run (`--html PATH`): one section per scenario file, in the order of
    /// the files, whatever their families; `commandLine` is shown in the provenance.
    public func html(commandLine: [String]) -> String {
        HTMLReport(provenance: .init(commandLine: commandLine), sections: results.flatMap(\.htmlSections)).render()
    }
}
