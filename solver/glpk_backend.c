/* The one file that includes glpk.h: loads the model into GLPK, solves each objective level with
 * our incumbents and rounding, and turns GLPK's aborts into errors through its error hook. */
#include "mip.h"

#include <glpk.h>
#include <math.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

enum { MAX_ROUNDINGS = 200, TERM_LINE = 512, MAX_DIVE_STEPS = 5000 };

struct mip {
    const model *model;
    glp_prob *prob;
    bool broken; /* GLPK failed: its environment, and prob with it, is gone */
    bool verbose;
    mip_log log;
    void *user;
    jmp_buf *jump;
    char error[256];
    char line[TERM_LINE];
    size_t line_length;
    int level_rows;
};

double mip_clock(void)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (double)now.tv_sec + 1e-9 * (double)now.tv_nsec;
}

const char *mip_solver_version(void)
{
    return glp_version();
}

const char *mip_error(const mip *p)
{
    return p->error;
}

/* GLPK's terminal output, cut into lines: kept as the error message while GLPK is failing,
 * given to the log when verbose, never printed. */
static int on_glpk_output(void *info, const char *text)
{
    mip *p = info;
    for (const char *c = text; *c; c++) {
        if (*c != '\n' && p->line_length + 1 < sizeof p->line) {
            p->line[p->line_length++] = *c;
            continue;
        }
        p->line[p->line_length] = '\0';
        if (glp_at_error() && !p->error[0])
            snprintf(p->error, sizeof p->error, "GLPK: %.200s", p->line);
        else if (p->verbose && p->log)
            p->log(p->user, p->line);
        p->line_length = 0;
    }
    return 1;
}

static void on_glpk_error(void *info)
{
    mip *p = info;
    p->broken = true;
    p->prob = NULL;
    if (!p->error[0])
        snprintf(p->error, sizeof p->error, "GLPK failed");
    glp_free_env();
    longjmp(*p->jump, 1);
}

/* Routes GLPK's output and errors to p for the calls that follow. */
static void arm(mip *p, jmp_buf *jump)
{
    p->jump = jump;
    glp_term_hook(on_glpk_output, p);
    glp_error_hook(on_glpk_error, p);
}

static void disarm(mip *p)
{
    p->jump = NULL;
    glp_error_hook(NULL, NULL);
}

static void load_columns(mip *p)
{
    const model *m = p->model;
    if (m->column_count == 0)
        return;
    glp_add_cols(p->prob, m->column_count);
    for (int j = 0; j < m->column_count; j++) {
        glp_set_col_kind(p->prob, j + 1, GLP_IV);
        glp_set_col_bnds(p->prob, j + 1, GLP_DB, 0.0, m->columns[j].upper);
    }
}

static bool load_rows(mip *p)
{
    const model *m = p->model;
    if (m->row_count == 0)
        return true;
    glp_add_rows(p->prob, m->row_count);
    for (int i = 0; i < m->row_count; i++)
        glp_set_row_bnds(p->prob, i + 1, GLP_UP, 0.0, m->rows[i].upper);
    long count = m->entry_count;
    int *ia = malloc(((size_t)count + 1) * sizeof *ia);
    int *ja = malloc(((size_t)count + 1) * sizeof *ja);
    double *ar = malloc(((size_t)count + 1) * sizeof *ar);
    bool ok = ia && ja && ar && count < 2147483647L;
    for (int j = 0; ok && j < m->column_count; j++)
        for (int e = m->column_start[j]; e < m->column_start[j + 1]; e++) {
            ia[e + 1] = m->entry_row[e] + 1;
            ja[e + 1] = j + 1;
            ar[e + 1] = m->entry_value[e];
        }
    if (ok)
        glp_load_matrix(p->prob, (int)count, ia, ja, ar);
    free(ia);
    free(ja);
    free(ar);
    return ok;
}

static void set_objective(mip *p, int level)
{
    const model *m = p->model;
    glp_set_obj_dir(p->prob, level == 0 ? GLP_MAX : GLP_MIN);
    for (int j = 0; j < m->column_count; j++)
        glp_set_obj_coef(p->prob, j + 1, m->columns[j].cost[level]);
}

/* Loads the model; false when GLPK failed (the reason in p->error) or memory ran out. */
static bool load_model(mip *p)
{
    jmp_buf jump;
    if (setjmp(jump))
        return false;
    arm(p, &jump);
    p->prob = glp_create_prob();
    load_columns(p);
    bool loaded = load_rows(p);
    if (loaded) {
        set_objective(p, 0);
        glp_scale_prob(p->prob, GLP_SF_AUTO);
    } else {
        snprintf(p->error, sizeof p->error, "out of memory loading the model");
    }
    disarm(p);
    return loaded;
}

mip *mip_new(const model *m, bool verbose, mip_log log, void *user, char *error,
             size_t error_size)
{
    mip *p = calloc(1, sizeof *p);
    if (!p) {
        snprintf(error, error_size, "out of memory");
        return NULL;
    }
    *p = (mip){.model = m, .verbose = verbose, .log = log, .user = user};
    if (!load_model(p)) {
        snprintf(error, error_size, "%s", p->error);
        mip_free(p);
        return NULL;
    }
    return p;
}

void mip_free(mip *p)
{
    if (!p)
        return;
    if (!p->broken && p->prob) {
        jmp_buf jump;
        if (!setjmp(jump)) {
            arm(p, &jump);
            glp_delete_prob(p->prob);
            disarm(p);
        }
    }
    free(p);
}

/* ---- branch-and-cut callback ---- */

typedef struct {
    mip *p;
    const mip_params *params;
    int level;
    double *buffer;  /* 1-based, for GLPK */
    double *relaxed; /* 0-based, for the rounding */
    double *found;   /* the neighbourhood search's solution, 0-based, or NULL */
    bool offered, proven, timed_out;
    int roundings;
    double bound, last_progress;
    int nodes;
} search;

static bool maximising(int level)
{
    return level == 0;
}

/* Every cost is an integer, so a bound less than one unit away from the incumbent proves it. */
static bool bound_proves(int level, double bound, double value)
{
    return maximising(level) ? floor(bound + 1e-6) <= value + 1e-6
                             : ceil(bound - 1e-6) >= value - 1e-6;
}

static void offer(glp_tree *tree, search *s, const double *x)
{
    int n = s->p->model->column_count;
    for (int j = 0; j < n; j++)
        s->buffer[j + 1] = x[j];
    glp_ios_heur_sol(tree, s->buffer);
}

static void offer_roundings(glp_tree *tree, search *s)
{
    const mip_params *params = s->params;
    glp_prob *prob = glp_ios_get_prob(tree);
    int n = s->p->model->column_count;
    if (!s->offered) {
        if (params->incumbent)
            offer(tree, s, params->incumbent);
        if (s->found)
            offer(tree, s, s->found);
        s->offered = true;
    }
    if (!params->round || s->roundings >= MAX_ROUNDINGS)
        return;
    s->roundings++;
    for (int j = 0; j < n; j++)
        s->relaxed[j] = glp_get_col_prim(prob, j + 1);
    double *rounded = s->buffer + 1;
    if (params->round(params->context, s->relaxed, rounded))
        glp_ios_heur_sol(tree, s->buffer);
}

static void on_branch_and_cut(glp_tree *tree, void *info)
{
    search *s = info;
    glp_prob *prob = glp_ios_get_prob(tree);
    if (glp_ios_reason(tree) == GLP_IHEUR)
        offer_roundings(tree, s);
    int best = glp_ios_best_node(tree);
    if (best)
        s->bound = glp_ios_node_bound(tree, best);
    glp_ios_tree_size(tree, NULL, NULL, &s->nodes);
    bool has_incumbent = glp_mip_status(prob) == GLP_FEAS || glp_mip_status(prob) == GLP_OPT;
    double value = has_incumbent ? glp_mip_obj_val(prob) : NAN;
    if (has_incumbent && best && bound_proves(s->level, s->bound, value)) {
        s->proven = true;
        glp_ios_terminate(tree);
    }
    double now = mip_clock();
    if (s->params->deadline > 0 && now >= s->params->deadline) {
        s->timed_out = true;
        glp_ios_terminate(tree);
    }
    if (s->params->progress && now - s->last_progress >= 1.0) {
        s->last_progress = now;
        s->params->progress(s->params->context, value, s->bound);
    }
}

/* ---- solving a level ---- */

static int milliseconds_left(const mip_params *params)
{
    if (params->deadline <= 0)
        return 2147483647;
    double left = params->deadline - mip_clock();
    return left <= 0 ? 1 : left > 2e6 ? 2000000000 : (int)(left * 1000.0) + 1;
}

static double objective_of(const model *m, int level, const double *x)
{
    double value = 0;
    for (int j = 0; j < m->column_count; j++)
        value += m->columns[j].cost[level] * x[j];
    return value;
}

static bool relax(mip *p, const mip_params *params)
{
    glp_smcp smcp;
    glp_init_smcp(&smcp);
    smcp.msg_lev = p->verbose ? GLP_MSG_ON : GLP_MSG_ERR;
    smcp.meth = GLP_PRIMAL;
    smcp.tm_lim = milliseconds_left(params);
    if (glp_get_status(p->prob) == GLP_UNDEF)
        glp_adv_basis(p->prob, 0);
    int code = glp_simplex(p->prob, &smcp);
    return code == 0 && glp_get_status(p->prob) == GLP_OPT;
}

/* A neighbourhood search: on a copy of the problem, only the columns used by the relaxed
 * optimum or by the incumbent stay free (the others are fixed at zero), and GLPK's presolver and
 * branch-and-cut solve what remains, a much smaller MIP that holds the incumbent. True with x
 * when it found a solution. */
static bool search_neighbourhood(mip *p, const mip_params *params, double *x)
{
    int n = p->model->column_count;
    glp_prob *copy = glp_create_prob();
    glp_copy_prob(copy, p->prob, GLP_OFF);
    for (int j = 1; j <= n; j++) {
        double value = glp_get_col_prim(p->prob, j);
        bool used = value > 1e-7 || (params->incumbent && params->incumbent[j - 1] > 0);
        if (!used)
            glp_set_col_bnds(copy, j, GLP_FX, 0.0, 0.0);
    }
    glp_iocp iocp;
    glp_init_iocp(&iocp);
    iocp.msg_lev = GLP_MSG_OFF;
    iocp.presolve = GLP_ON;
    iocp.br_tech = GLP_BR_MFV;
    iocp.tm_lim = milliseconds_left(params) / 3 + 1;
    glp_intopt(copy, &iocp);
    int status = glp_mip_status(copy);
    bool found = status == GLP_OPT || status == GLP_FEAS;
    for (int j = 0; found && j < n; j++)
        x[j] = round(glp_mip_col_val(copy, j + 1));
    glp_delete_prob(copy);
    return found;
}

static void branch_and_cut(mip *p, search *s)
{
    glp_iocp iocp;
    glp_init_iocp(&iocp);
    iocp.msg_lev = p->verbose ? GLP_MSG_ON : GLP_MSG_ERR;
    iocp.presolve = GLP_OFF;
    iocp.cb_func = on_branch_and_cut;
    iocp.cb_info = s;
    iocp.mip_gap = s->params->gap;
    iocp.tm_lim = milliseconds_left(s->params);
    iocp.br_tech = GLP_BR_MFV; /* measured: far faster than the default on these models */
    glp_intopt(p->prob, &iocp);
}

/* Keeps candidate in x when it is better than what x holds (value in *best, NaN: nothing). */
static void consider(const search *s, const double *candidate, double *x, double *best)
{
    const model *m = s->p->model;
    double value = objective_of(m, s->level, candidate);
    bool better = isnan(*best) || (maximising(s->level) ? value > *best : value < *best);
    if (!better)
        return;
    if (candidate != x)
        memcpy(x, candidate, (size_t)m->column_count * sizeof *x);
    *best = value;
}

/* The best of branch-and-cut's incumbent (when it ran), the neighbourhood search's solution
 * and the given incumbent. */
static void collect(mip *p, search *s, bool searched, double *x, mip_result *result)
{
    const model *m = p->model;
    int status = glp_mip_status(p->prob);
    double best = NAN;
    if (searched && (status == GLP_OPT || status == GLP_FEAS)) {
        for (int j = 0; j < m->column_count; j++)
            x[j] = round(glp_mip_col_val(p->prob, j + 1));
        consider(s, x, x, &best);
    }
    if (s->found)
        consider(s, s->found, x, &best);
    if (s->params->incumbent)
        consider(s, s->params->incumbent, x, &best);
    bool found = !isnan(best);
    bool exhausted = searched && status == GLP_OPT && !s->timed_out && !s->proven;
    bool optimal = found && (exhausted || bound_proves(s->level, s->bound, best));
    result->value = best;
    result->nodes = s->nodes;
    result->bound = optimal ? best : s->bound;
    result->outcome = optimal ? MIP_OPTIMAL : found ? MIP_STOPPED : MIP_NO_SOLUTION;
}

/* The part of a level's solve that calls GLPK, guarded by its error hook: relaxation,
 * neighbourhood search, then branch-and-cut unless the search already met the bound. */
static bool solve_guarded(mip *p, search *s, double *found, double *x, mip_result *result)
{
    jmp_buf jump;
    if (setjmp(jump))
        return false;
    arm(p, &jump);
    set_objective(p, s->level);
    bool searched = false;
    if (relax(p, s->params)) {
        s->bound = glp_get_obj_val(p->prob);
        s->found = search_neighbourhood(p, s->params, found) ? found : NULL;
        searched = !s->found ||
                   !bound_proves(s->level, s->bound, objective_of(p->model, s->level, s->found));
        if (searched)
            branch_and_cut(p, s);
    } else {
        s->timed_out = true;
    }
    collect(p, s, searched, x, result);
    disarm(p);
    return true;
}

bool mip_solve_level(mip *p, int level, const mip_params *params, double *x,
                     mip_result *result)
{
    int n = p->model->column_count;
    search s = {.p = p, .params = params, .level = level, .bound = NAN};
    s.buffer = malloc(((size_t)n + 1) * sizeof *s.buffer);
    s.relaxed = malloc(((size_t)n + 1) * sizeof *s.relaxed);
    double *found = malloc(((size_t)n + 1) * sizeof *found);
    bool ok = false;
    if (!s.buffer || !s.relaxed || !found || p->broken)
        snprintf(p->error, sizeof p->error, p->broken ? "GLPK is not usable" : "out of memory");
    else
        ok = solve_guarded(p, &s, found, x, result);
    free(s.buffer);
    free(s.relaxed);
    free(found);
    return ok;
}

bool mip_hold_level(mip *p, int level, double value)
{
    const model *m = p->model;
    int n = m->column_count;
    int *index = malloc(((size_t)n + 1) * sizeof *index);
    double *cost = malloc(((size_t)n + 1) * sizeof *cost);
    jmp_buf jump;
    bool ok = false;
    if (!index || !cost || p->broken)
        goto done;
    if (setjmp(jump))
        goto done;
    arm(p, &jump);
    int count = 0;
    for (int j = 0; j < n; j++)
        if (m->columns[j].cost[level] != 0) {
            index[++count] = j + 1;
            cost[count] = m->columns[j].cost[level];
        }
    int r = glp_add_rows(p->prob, 1);
    glp_set_mat_row(p->prob, r, count, index, cost);
    if (maximising(level))
        glp_set_row_bnds(p->prob, r, GLP_LO, value, 0.0);
    else
        glp_set_row_bnds(p->prob, r, GLP_UP, 0.0, value);
    p->level_rows++;
    disarm(p);
    ok = true;
done:
    free(index);
    free(cost);
    return ok;
}

static void name_model(mip *p)
{
    const model *m = p->model;
    char name[64];
    glp_set_prob_name(p->prob, "logis");
    glp_set_obj_name(p->prob, "weighted_persons");
    for (int j = 0; j < m->column_count; j++) {
        const column *c = &m->columns[j];
        snprintf(name, sizeof name, "x_c%d_t%d_d%d", c->class_index, c->type_index, c->start);
        glp_set_col_name(p->prob, j + 1, name);
    }
    static const char *const prefixes[] = {"class", "occupancy", "caseload", "level"};
    for (int i = 0; i < m->row_count; i++) {
        const row *r = &m->rows[i];
        snprintf(name, sizeof name, "%s_%d_d%d", prefixes[r->kind], r->owner, r->day);
        glp_set_row_name(p->prob, i + 1, name);
    }
}

bool mip_write_lp(mip *p, const char *path)
{
    jmp_buf jump;
    if (p->broken)
        return false;
    if (setjmp(jump))
        return false;
    arm(p, &jump);
    name_model(p);
    int code = glp_write_lp(p->prob, NULL, path);
    disarm(p);
    if (code != 0)
        snprintf(p->error, sizeof p->error, "cannot write the LP file");
    return code == 0;
}
