internal import CGLPK

extension GLPKSolver {
    /// The version of the GLPK library this build links (`glp_version()`), such as "5.0".
    public static var libraryVersion: String { String(cString: glp_version()) }
}
