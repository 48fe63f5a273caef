/* Build: cc -O2 -o /tmp/assignment_glpk bench/baselines/assignment_glpk.c -lglpk
 *
 * Workload W2 baseline, outside Swift: N solves of random n x n assignment LPs with raw GLPK
 * calls. Usage: assignment_glpk [N=10000] [n=10] [seed=2024]
 * Prints "solves: N seconds: S per_second: R" on stdout (S covers the solves only; the costs are
 * generated before timing starts) and the mean optimal objective on stderr, which must match
 * the Swift side (W2BenchmarkTests, RawGLPKBaseline) for the same N, n and seed.
 *
 * Same LP as Assignment.linearProgram(cost:) for a square matrix: variables
 * x[i*n + j] in [0, 1] with objective cost[i][j]; rows 1..n: sum_j x[i*n + j] = 1; rows
 * n+1..2n: sum_i x[i*n + j] = 1; matrix entries loaded row by row in that order. Same settings
 * as GLPKSolver() on it: dual simplex falling back to primal (GLP_DUALP), presolver off,
 * messages off (msg_lev = GLP_MSG_OFF, glp_term_out(GLP_OFF)).
 *
 * Costs: SplitMix64 (Steele, Lea & Flood 2014) from the seed, uniform in [0, 1) from the top
 * 53 bits, row-major, one matrix after another, exactly as the Swift test generates them.
 */
#include <glpk.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static uint64_t splitmix64(uint64_t *state) {
    uint64_t z = (*state += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

static double unit(uint64_t *state) {
    return (double)(splitmix64(state) >> 11) * 0x1.0p-53;
}

/* One solve; returns the optimal objective, or -1 when GLPK does not report an optimum. */
static double solve(const double *cost, int n, int *ia, int *ja, double *ar) {
    glp_prob *P = glp_create_prob();
    int columns = n * n, count = 2 * columns, k = 1;
    glp_set_obj_dir(P, GLP_MIN);
    glp_add_rows(P, 2 * n);
    glp_add_cols(P, columns);
    for (int row = 1; row <= 2 * n; row++) glp_set_row_bnds(P, row, GLP_FX, 1.0, 1.0);
    for (int column = 1; column <= columns; column++) {
        glp_set_col_bnds(P, column, GLP_DB, 0.0, 1.0);
        if (cost[column - 1] != 0.0) glp_set_obj_coef(P, column, cost[column - 1]);
    }
    for (int i = 0; i < n; i++)
        for (int j = 0; j < n; j++) { ia[k] = i + 1; ja[k] = i * n + j + 1; ar[k] = 1.0; k++; }
    for (int j = 0; j < n; j++)
        for (int i = 0; i < n; i++) { ia[k] = n + j + 1; ja[k] = i * n + j + 1; ar[k] = 1.0; k++; }
    glp_load_matrix(P, count, ia, ja, ar);
    glp_smcp parm;
    glp_init_smcp(&parm);
    parm.msg_lev = GLP_MSG_OFF;
    parm.meth = GLP_DUALP;
    parm.presolve = GLP_OFF;
    double objective = -1.0;
    if (glp_simplex(P, &parm) == 0 && glp_get_status(P) == GLP_OPT) objective = glp_get_obj_val(P);
    glp_delete_prob(P);
    return objective;
}

int main(int argc, char **argv) {
    long solves = argc > 1 ? atol(argv[1]) : 10000;
    int n = argc > 2 ? atoi(argv[2]) : 10;
    uint64_t state = argc > 3 ? strtoull(argv[3], NULL, 10) : 2024;
    if (solves < 1 || n < 1 || n > 1000) {
        fprintf(stderr, "usage: %s [N>=1] [1<=n<=1000] [seed]\n", argv[0]);
        return 2;
    }
    size_t entries = (size_t)n * (size_t)n;
    double *costs = malloc(sizeof(double) * entries * (size_t)solves);
    int *ia = malloc(sizeof(int) * (2 * entries + 1));
    int *ja = malloc(sizeof(int) * (2 * entries + 1));
    double *ar = malloc(sizeof(double) * (2 * entries + 1));
    if (!costs || !ia || !ja || !ar) {
        fprintf(stderr, "out of memory\n");
        return 1;
    }
    for (size_t k = 0; k < entries * (size_t)solves; k++) costs[k] = unit(&state);
    glp_term_out(GLP_OFF);

    struct timespec start, end;
    double sum = 0.0;
    clock_gettime(CLOCK_MONOTONIC, &start);
    for (long s = 0; s < solves; s++) sum += solve(costs + (size_t)s * entries, n, ia, ja, ar);
    clock_gettime(CLOCK_MONOTONIC, &end);
    double seconds = (double)(end.tv_sec - start.tv_sec) + (double)(end.tv_nsec - start.tv_nsec) * 1e-9;

    printf("solves: %ld seconds: %.6f per_second: %.1f\n", solves, seconds, (double)solves / seconds);
    fprintf(stderr, "mean objective: %.12f\n", sum / (double)solves);
    free(costs);
    free(ia);
    free(ja);
    free(ar);
    return 0;
}
