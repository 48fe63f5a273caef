internal import CGLPK

/// GLPK return codes and solution statuses mapped to `LPError` and `LPStatus`.
///
/// References: GLPK Reference Manual (version 5.0), ch. 2: the "Returns" paragraphs of
/// `glp_simplex`, `glp_exact`, `glp_interior` and `glp_intopt`, and the status routines
/// `glp_get_status`, `glp_ipt_status` and `glp_mip_status`.
enum GLPKReturnCode {
    /// The error for a non-zero return code that is not an answer. `GLP_ENOPFS`, `GLP_ENODFS`
    /// and `GLP_ENOFEAS` are answers and are handled by the caller before this is reached.
    static func error(_ code: Int32, routine: LPError.Routine) -> LPError {
        switch code {
        case GLP_EBADB: return .invalidBasis(routine: routine)
        case GLP_ESING: return .singularBasis(routine: routine)
        case GLP_ECOND: return .illConditionedBasis(routine: routine)
        case GLP_EBOUND: return .incorrectBounds(routine: routine)
        case GLP_EFAIL: return .solverFailure(routine: routine)
        case GLP_EOBJLL, GLP_EOBJUL: return .objectiveLimitReached(routine: routine)
        case GLP_EITLIM: return .iterationLimit(routine: routine)
        case GLP_ETMLIM: return .timeLimit(routine: routine)
        case GLP_EROOT: return .rootRelaxationNotOptimal
        case GLP_ENOCVG: return .noConvergence
        case GLP_EINSTAB: return .numericalInstability
        case GLP_EMIPGAP: return .mipGapReached
        case GLP_ESTOP: return .searchStopped
        default: return .unknownReturnCode(routine: routine, code: Int(code))
        }
    }

    /// `LPStatus` for a solution status code of `glp_get_status`, `glp_ipt_status` or
    /// `glp_mip_status` (`GLP_OPT`, `GLP_FEAS`, `GLP_INFEAS`, `GLP_NOFEAS`, `GLP_UNBND`,
    /// `GLP_UNDEF`).
    static func status(_ code: Int32) -> LPStatus {
        switch code {
        case GLP_OPT: return .optimal
        case GLP_FEAS: return .feasible
        case GLP_NOFEAS: return .infeasible
        case GLP_UNBND: return .unbounded
        case GLP_INFEAS: return .noFeasibleSolution
        default: return .undefined
        }
    }
}
