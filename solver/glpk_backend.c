/* The one file that includes glpk.h: solves each objective level with GLPK by column generation
 * (only the columns that can matter are loaded), our incumbents, a neighbourhood search and
 * branch-and-cut, and turns GLPK's aborts into errors through its error hook. */
#include "solver/mip.h"

#include "base/parallel.h"
#include "solver/lagrangian.h"

#include <float.h>
#include <glpk.h>
#include <limits.h>
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* COLUMNS_PER_LOAD: columns loaded into GLPK between two looks at the limits (GLPK takes about
 * 1 s for 10^5 columns of 50 entries on the machine of the bench). */
enum { MAX_ROUNDINGS = 200, TERM_LINE = 512, COLUMNS_PER_LOAD = 20000 };

/* A simplex reports its progress every SIMPLEX_REPORT_MS (measured: at most 0.21 s between two
 * reports at ×10), the log keeps one report in SIMPLEX_LOG_SECONDS. */
enum { SIMPLEX_REPORT_MS = 100, SIMPLEX_LOG_SECONDS = 5 };

struct mip {
    const model *model;
    glp_prob *prob;
    bool broken; /* GLPK failed: its environment, and prob with it, is gone */
    bool out_of_memory; /* the last failure was an allocation of logis's own */
    bool owns_environment; /* this thread had no GLPK environment before: free it with p */
    bool stopped; /* a stop request ended GLPK in a simplex: broken too, the plans are ours */
    const mip_params *polling; /* during glp_simplex: whose stop request its output looks at */
    double next_progress_line; /* mip_clock() from which a simplex progress line is logged */
    char held_line[TERM_LINE]; /* the simplex's latest progress line not logged, or "" */
    bool verbose;
    mip_log log;
    void *user;
    jmp_buf *jump;
    int memory_limit; /* MiB GLPK may hold; 0: none */
    char error[256];
    char line[TERM_LINE];
    size_t line_length;
    int *glpk_column;  /* per model column: its GLPK column, 0 while not loaded */
    int *model_column; /* per GLPK column (from 1): the model column */
    bool *loaded;      /* per model column */
    int loaded_count;
    int level_row[OBJECTIVE_LEVELS]; /* the GLPK row holding each earlier level, 0 when none */
    int level;             /* the level whose objective is set */
    double started;        /* mip_clock() when it was made, for the log */
    double simplex_seconds_per_column; /* of the last call of glp_simplex */
    /* per model column: its upper bound, which holding a level may lower (reduced-cost fixing) */
    double *upper;
    /* from the last level's optimal relaxation, for holding it: a Lagrangian bound on the level
     * (as when maximising) and, per model column, how much each unit of it lowers that bound */
    int fixing_level; /* -1: none */
    double fixing_bound;
    double *fixing_cost;
    /* pricing work space, per model column */
    double *gain;
    int *candidates;
    /* one column's entries, per GLPK row (from 1): kept here, since GLPK failing inside
     * glp_set_mat_col jumps out of the function that fills them */
    int *entry_index;
    double *entry_value;
    /* the relaxation's basis, kept while a neighbourhood search works in place: per GLPK row
     * and per model column (GLPK's columns are at most the model's) */
    int *row_status, *column_status;
    /* level 1's Lagrangian bound, lowered on another thread while the relaxation is unsolved */
    lagrangian *bounding;
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

bool mip_out_of_memory(const mip *p)
{
    return p->out_of_memory;
}

/* Notes a failed allocation of logis's own: the search ends, not as the limits end it. */
static void ran_out_of_memory(mip *p)
{
    p->out_of_memory = true;
    snprintf(p->error, sizeof p->error, "out of memory");
}

/* Leaves GLPK for good, from inside one of its calls: what an error does, and the only way out
 * of a simplex that GLPK offers. */
static void abandon_glpk(mip *p)
{
    p->broken = true;
    p->prob = NULL;
    glp_free_env();
    longjmp(*p->jump, 1);
}

static void log_held_line(mip *p)
{
    if (p->held_line[0])
        p->log(p->user, p->held_line);
    p->held_line[0] = '\0';
}

/* A line of GLPK's output for the log. The simplex reports its progress far more often than
 * GLPK's default, so that a stop request is seen: of those lines (GLPK starts them with '*',
 * or ' ' before a feasible basis) the log keeps, as by default, the first of a call, one every
 * SIMPLEX_LOG_SECONDS and the last (logged when the call ends or another line comes). */
static void log_glpk_line(mip *p, const char *line)
{
    bool progress = p->polling && (line[0] == '*' || line[0] == ' ');
    double now = mip_clock();
    if (progress && now < p->next_progress_line) {
        snprintf(p->held_line, sizeof p->held_line, "%s", line);
        return;
    }
    if (progress)
        p->held_line[0] = '\0';
    else
        log_held_line(p);
    p->next_progress_line = progress ? now + SIMPLEX_LOG_SECONDS : p->next_progress_line;
    p->log(p->user, line);
}

/* GLPK's terminal output, cut into lines: kept as the error message while GLPK is failing,
 * given to the log when verbose, never printed. A simplex reports every SIMPLEX_REPORT_MS
 * milliseconds: when the caller asked to stop, GLPK is left there and then. */
static int on_glpk_output(void *info, const char *text)
{
    mip *p = info;
    /* a host's own GLPK environment on this thread is not logis's to free: its stops wait for
     * the chunk to end */
    if (p->polling && p->owns_environment && p->polling->stop && *p->polling->stop) {
        p->stopped = true;
        abandon_glpk(p);
    }
    for (const char *c = text; *c; c++) {
        if (*c != '\n' && p->line_length + 1 < sizeof p->line) {
            p->line[p->line_length++] = *c;
            continue;
        }
        p->line[p->line_length] = '\0';
        if (glp_at_error() && !p->error[0])
            snprintf(p->error, sizeof p->error, "GLPK: %.200s", p->line);
        else if (p->verbose && p->log)
            log_glpk_line(p, p->line);
        p->line_length = 0;
    }
    return 1;
}

static void on_glpk_error(void *info)
{
    mip *p = info;
    if (!p->error[0])
        snprintf(p->error, sizeof p->error, "GLPK failed");
    abandon_glpk(p);
}

/* Routes GLPK's output and errors to p for the calls that follow, under p's memory limit (set
 * each time: the limit lives in GLPK's environment, which an error frees and other solves
 * share). */
static void arm(mip *p, jmp_buf *jump)
{
    p->jump = jump;
    glp_term_hook(on_glpk_output, p);
    glp_error_hook(on_glpk_error, p);
    glp_mem_limit(p->memory_limit > 0 ? p->memory_limit : INT_MAX);
}

/* A line for the log in verbose mode. */
static void note(mip *p, const char *format, ...) __attribute__((format(printf, 2, 3)));

static void note(mip *p, const char *format, ...)
{
    if (!p->verbose || !p->log)
        return;
    char line[200];
    va_list args;
    va_start(args, format);
    vsnprintf(line, sizeof line, format, args);
    va_end(args);
    p->log(p->user, line);
}

static void disarm(mip *p)
{
    p->jump = NULL;
    glp_error_hook(NULL, NULL);
}

/* ---- loading columns ---- */

/* GLPK column g's bounds: from 0 to its model column's upper bound, which may be 0. */
static void set_column_bounds(mip *p, int g)
{
    double upper = p->upper[p->model_column[g]];
    glp_set_col_bnds(p->prob, g, upper > 0 ? GLP_DB : GLP_FX, 0.0, upper);
}

/* Adds the listed model columns to the GLPK problem, with their entries in the model's rows and
 * in the rows that hold earlier levels. */
static void add_columns(mip *p, const int *list, int count)
{
    const model *m = p->model;
    int *index = p->entry_index;
    double *value = p->entry_value;
    int first = count > 0 ? glp_add_cols(p->prob, count) : 0;
    for (int k = 0; k < count; k++) {
        int j = list[k], g = first + k, length = 0;
        const column *c = &m->columns[j];
        for (int e = m->column_start[j]; e < m->column_start[j + 1]; e++) {
            index[++length] = m->entry_row[e] + 1;
            value[length] = m->entry_value[e];
        }
        for (int level = 0; level < OBJECTIVE_LEVELS; level++)
            if (p->level_row[level] && c->cost[level] != 0) {
                index[++length] = p->level_row[level];
                value[length] = c->cost[level];
            }
        p->glpk_column[j] = g;
        p->model_column[g] = j;
        glp_set_mat_col(p->prob, g, length, index, value);
        glp_set_col_kind(p->prob, g, GLP_IV);
        set_column_bounds(p, g);
        glp_set_obj_coef(p->prob, g, c->cost[p->level]);
        p->loaded[j] = true;
    }
    p->loaded_count += count;
}

/* The first columns: for each class its cheapest column, and every column the first incumbent
 * uses; pricing brings the others when they can matter (fewer first columns measured faster). */
static int initial_columns(const mip *p, const double *incumbent, int *list)
{
    const model *m = p->model;
    int count = 0;
    for (int c = 0; c < m->class_count; c++) {
        int first = m->class_first_column[c], last = m->class_first_column[c + 1];
        int cheapest = first;
        for (int j = first; j < last; j++)
            if (m->columns[j].cost[LEVEL_EMPTY] < m->columns[cheapest].cost[LEVEL_EMPTY])
                cheapest = j;
        for (int j = first; j < last; j++)
            if (j == cheapest || (incumbent && incumbent[j] > 0))
                list[count++] = j;
    }
    return count;
}

static void set_row_bounds(glp_prob *prob, int glpk_row, const row *r)
{
    if (r->kind == ROW_LINK)
        glp_set_row_bnds(prob, glpk_row, GLP_FX, r->upper, r->upper);
    else
        glp_set_row_bnds(prob, glpk_row, GLP_UP, 0.0, r->upper);
}

static void load_rows(mip *p)
{
    const model *m = p->model;
    if (m->row_count == 0)
        return;
    glp_add_rows(p->prob, m->row_count);
    for (int i = 0; i < m->row_count; i++)
        set_row_bounds(p->prob, i + 1, &m->rows[i]);
}

static void set_objective(mip *p, int level)
{
    p->level = level;
    glp_set_obj_dir(p->prob, level == 0 ? GLP_MAX : GLP_MIN);
    for (int g = 1; g <= p->loaded_count; g++)
        glp_set_obj_coef(p->prob, g, p->model->columns[p->model_column[g]].cost[level]);
}

/* Loads the rows and the first columns; false when GLPK failed (the reason in p->error). */
static bool load_model(mip *p, const double *incumbent)
{
    jmp_buf jump;
    if (setjmp(jump))
        return false;
    arm(p, &jump);
    p->prob = glp_create_prob();
    load_rows(p);
    add_columns(p, p->candidates, initial_columns(p, incumbent, p->candidates));
    set_objective(p, 0);
    disarm(p);
    return true;
}

mip *mip_new(const model *m, const double *incumbent, bool verbose, int memory_limit,
             mip_log log, void *user, char *error, size_t error_size, bool *out_of_memory)
{
    mip *p = calloc(1, sizeof *p);
    size_t n = (size_t)m->column_count + 1;
    if (p) {
        *p = (mip){.model = m, .verbose = verbose, .log = log, .user = user,
                   .memory_limit = memory_limit, .started = mip_clock()};
        p->glpk_column = calloc(n, sizeof *p->glpk_column);
        p->model_column = calloc(n + 1, sizeof *p->model_column);
        p->loaded = calloc(n, sizeof *p->loaded);
        p->upper = malloc(n * sizeof *p->upper);
        p->fixing_cost = malloc(n * sizeof *p->fixing_cost);
        p->fixing_level = -1;
        for (int j = 0; p->upper && j < m->column_count; j++)
            p->upper[j] = m->columns[j].upper;
        p->gain = calloc(n, sizeof *p->gain);
        p->candidates = calloc(n, sizeof *p->candidates);
        size_t rows = (size_t)m->row_count + OBJECTIVE_LEVELS + 2;
        p->entry_index = malloc(rows * sizeof *p->entry_index);
        p->entry_value = malloc(rows * sizeof *p->entry_value);
        p->row_status = malloc(rows * sizeof *p->row_status);
        p->column_status = malloc((n + 1) * sizeof *p->column_status);
    }
    /* GLPK's environment is per thread: the one made here goes with the mip, so that a thread
     * that solved and ended leaves nothing behind, and a host's own environment is kept. */
    int environment = p ? glp_init_env() : 0;
    if (p)
        p->owns_environment = environment == 0;
    *out_of_memory = !p || !p->glpk_column || !p->model_column || !p->loaded || !p->upper ||
                     !p->fixing_cost || !p->gain ||
                     !p->candidates || !p->entry_index || !p->entry_value || !p->row_status ||
                     !p->column_status;
    if (*out_of_memory || environment > 1) {
        snprintf(error, error_size, *out_of_memory ? "out of memory"
                                                   : "GLPK cannot make its environment");
        mip_free(p);
        return NULL;
    }
    if (!load_model(p, incumbent)) {
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
    if (!p->broken && p->owns_environment)
        glp_free_env();
    lagrangian_finish(p->bounding);
    free(p->glpk_column);
    free(p->model_column);
    free(p->loaded);
    free(p->upper);
    free(p->fixing_cost);
    free(p->gain);
    free(p->candidates);
    free(p->entry_index);
    free(p->entry_value);
    free(p->row_status);
    free(p->column_status);
    free(p);
}

const bool *mip_loaded_columns(const mip *p)
{
    return p->loaded;
}

/* ---- pricing ---- */

static bool maximising(int level)
{
    return level == 0;
}

/* The reduced cost of model column j at the row duals dual (1-based, GLPK's rows), whether it is
 * loaded or not: the level rows count it as if it were. */
static double reduced_cost(const mip *p, int j, const double *dual)
{
    const model *m = p->model;
    const column *c = &m->columns[j];
    double reduced = c->cost[p->level];
    for (int e = m->column_start[j]; e < m->column_start[j + 1]; e++)
        reduced -= dual[m->entry_row[e] + 1] * m->entry_value[e];
    for (int level = 0; level < OBJECTIVE_LEVELS; level++)
        if (p->level_row[level])
            reduced -= dual[p->level_row[level]] * c->cost[level];
    return reduced;
}

/* The duals of GLPK's current basis, optimal or not, turned to the signs their rows allow, into
 * dual (1-based); returns Σ rhs × dual over the rows that are not a class's, whose duals are set
 * to 0: each class's choice stays a constraint of the Lagrangian problem. */
static double signed_duals(const mip *p, double *dual)
{
    double sign = maximising(p->level) ? 1.0 : -1.0, total = 0.0;
    int rows = glp_get_num_rows(p->prob);
    for (int i = 1; i <= rows; i++) {
        int type = glp_get_row_type(p->prob, i);
        double y = sign * glp_get_row_dual(p->prob, i); /* as when maximising */
        y = type == GLP_UP ? fmax(y, 0.0) : type == GLP_LO ? fmin(y, 0.0) : y;
        bool class_row = i <= p->model->row_count && p->model->rows[i - 1].kind == ROW_CLASS;
        dual[i] = class_row ? 0.0 : sign * y;
        if (!class_row)
            total += y * (type == GLP_LO ? glp_get_row_lb(p->prob, i) : glp_get_row_ub(p->prob, i));
    }
    return total;
}

/* The Lagrangian bound on the level (as when maximising) at the row duals dual, whose rows
 * other than the classes' give rhs (signed_duals): each class houses at most its count at the
 * best gain one of its columns not fixed at zero offers. With fixing_cost, also how much each
 * unit of each column lowers the bound: in its class a unit there takes one from the best. */
static double lagrangian_bound(mip *p, const double *dual, double rhs, double *fixing_cost)
{
    const model *m = p->model;
    double sign = maximising(p->level) ? 1.0 : -1.0, bound = rhs;
    for (int c = 0; c < m->class_count; c++) {
        int first = m->class_first_column[c], last = m->class_first_column[c + 1];
        double best = 0.0;
        for (int j = first; j < last; j++) {
            p->gain[j] = sign * reduced_cost(p, j, dual);
            best = p->upper[j] > 0 ? fmax(best, p->gain[j]) : best;
        }
        for (int j = first; fixing_cost && j < last; j++)
            fixing_cost[j] = best - p->gain[j];
        bound += m->classes[c].count * best;
    }
    for (int j = m->class_first_column[m->class_count]; j < m->column_count; j++) {
        double gain = sign * reduced_cost(p, j, dual);
        bound += p->upper[j] * fmax(gain, 0.0);
        if (fixing_cost)
            fixing_cost[j] = fmax(-gain, 0.0);
    }
    return bound;
}

/* A bound on the level over every column, loaded or not, from the duals of GLPK's current basis
 * (Lagrangian duality, the class rows kept). It holds whether the basis is optimal or not, so a
 * limit that ends the relaxation early still leaves a true bound. NaN when out of memory. */
static double dual_bound(mip *p)
{
    double *dual = malloc(((size_t)glp_get_num_rows(p->prob) + 1) * sizeof *dual);
    if (!dual)
        return NAN;
    double bound = lagrangian_bound(p, dual, signed_duals(p, dual), NULL);
    free(dual);
    return maximising(p->level) ? bound : -bound;
}

/* Prepares reduced-cost fixing at the level's optimal relaxation: its Lagrangian bound, less
 * fixing_cost[j] for each unit of column j, bounds every solution that uses column j. False
 * when out of memory. */
static bool note_fixing_costs(mip *p)
{
    double *dual = malloc(((size_t)glp_get_num_rows(p->prob) + 1) * sizeof *dual);
    if (!dual) {
        ran_out_of_memory(p);
        return false;
    }
    p->fixing_bound = lagrangian_bound(p, dual, signed_duals(p, dual), p->fixing_cost);
    p->fixing_level = p->level;
    free(dual);
    return true;
}

/* Lowers the upper bound of every column that a solution holding level at least at least
 * (as when maximising) cannot use as much: a unit more would take the level's Lagrangian bound
 * below it. Exact for every solution, whole or not, so the later levels lose nothing. */
static int fix_by_reduced_costs(mip *p, int level, double at_least)
{
    if (p->fixing_level != level)
        return 0;
    int fixed = 0;
    double room = p->fixing_bound - at_least;
    for (int j = 0; j < p->model->column_count; j++) {
        double cost = p->fixing_cost[j];
        if (cost <= 1e-9 || p->upper[j] <= 0 || room >= cost * p->upper[j])
            continue;
        p->upper[j] = room < 0 ? 0.0 : floor(room / cost + 1e-9);
        fixed += p->upper[j] == 0;
        if (p->loaded[j])
            set_column_bounds(p, p->glpk_column[j]);
    }
    p->fixing_level = -1;
    return fixed;
}

/* What one unit of each column not loaded would add to the objective at the current duals
 * (its reduced cost, negated when minimising) into p->gain; the columns whose gain exceeds
 * threshold go into p->candidates. Returns how many, or -1 when out of memory. */
static int price(mip *p, double threshold)
{
    const model *m = p->model;
    int rows = glp_get_num_rows(p->prob), count = 0;
    double *dual = malloc(((size_t)rows + 1) * sizeof *dual);
    if (!dual) {
        ran_out_of_memory(p);
        return -1;
    }
    for (int i = 1; i <= rows; i++)
        dual[i] = glp_get_row_dual(p->prob, i);
    double sign = maximising(p->level) ? 1.0 : -1.0;
    for (int j = 0; j < m->column_count; j++) {
        if (p->loaded[j] || p->upper[j] <= 0)
            continue;
        p->gain[j] = sign * reduced_cost(p, j, dual);
        if (p->gain[j] > threshold)
            p->candidates[count++] = j;
    }
    free(dual);
    return count;
}

static int compare_gains(const void *a, const void *b, void *context)
{
    const double *gain = context;
    double x = gain[*(const int *)a], y = gain[*(const int *)b];
    if (x != y)
        return x > y ? -1 : 1;
    return (*(const int *)a > *(const int *)b) - (*(const int *)a < *(const int *)b);
}

/* ---- branch-and-cut callback ---- */

typedef struct {
    mip *p;
    const mip_params *params;
    int level;
    double *buffer;  /* 1-based, in GLPK's columns */
    double *relaxed; /* in the model's columns, for the rounding */
    double *rounded; /* in the model's columns */
    double *found;   /* the neighbourhood search's solution, model columns, or NULL */
    double *spare;   /* in the model's columns */
    bool offered, proven, timed_out;
    int roundings;
    double bound, last_progress;
    double started; /* mip_clock() when the level's solve began */
    int nodes;
} search;

/* Has the deadline passed, or has the caller asked to stop? */
static bool must_stop(const mip_params *params)
{
    return work_limits_reached(&(work_limits){params->deadline, params->stop});
}

/* The least improvement a better plan brings: one unit where every cost is an integer, a
 * rounding error's worth for the scores (fractions). */
static double improvement_unit(int level, double value)
{
    return level == LEVEL_SCORE ? level_slack(level, value) : 1.0;
}

/* A bound less than one improvement away from the incumbent proves it. */
static bool bound_proves(int level, double bound, double value)
{
    if (level == LEVEL_SCORE)
        return fabs(bound - value) <= improvement_unit(level, value);
    return maximising(level) ? floor(bound + 1e-6) <= value + 1e-6
                             : ceil(bound - 1e-6) >= value - 1e-6;
}

/* Offers a solution given in model columns; one that uses a column not loaded cannot be. */
/* Is the plan good enough to stop: proven, or within the level's accepted relative gap? */
static bool close_enough(const search *s, double value)
{
    double gap = s->params->gap;
    return bound_proves(s->level, s->bound, value) ||
           (gap > 0 && fabs(s->bound - value) <= gap * fmax(fabs(s->bound), 1.0));
}

static void offer(glp_tree *tree, search *s, const double *x)
{
    const mip *p = s->p;
    for (int j = 0; j < p->model->column_count; j++)
        if (x[j] > 0 && !p->loaded[j])
            return;
    for (int g = 1; g <= p->loaded_count; g++)
        s->buffer[g] = x[p->model_column[g]];
    glp_ios_heur_sol(tree, s->buffer);
}

/* The solution of prob's current basis in the model's columns, 0 for those not loaded. */
static void read_relaxed(const mip *p, glp_prob *prob, double *relaxed)
{
    memset(relaxed, 0, (size_t)p->model->column_count * sizeof *relaxed);
    for (int g = 1; g <= p->loaded_count; g++)
        relaxed[p->model_column[g]] = glp_get_col_prim(prob, g);
}

/* Is value better for the level than than (NaN: nothing yet, which any value is)? */
static bool improves(int level, double value, double than)
{
    return isnan(than) || (maximising(level) ? value > than : value < than);
}

static void offer_roundings(glp_tree *tree, search *s)
{
    const mip_params *params = s->params;
    const mip *p = s->p;
    glp_prob *prob = glp_ios_get_prob(tree);
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
    read_relaxed(p, prob, s->relaxed);
    if (params->round(params->context, s->relaxed, s->rounded))
        offer(tree, s, s->rounded);
}

/* The tighter of two bounds; a node whose relaxation is not solved yet bounds nothing (GLPK
 * reports it as ±DBL_MAX). */
static double tighter_bound(int level, double bound, double node_bound)
{
    if (!isfinite(node_bound) || fabs(node_bound) >= DBL_MAX / 2 || isnan(bound))
        return isfinite(node_bound) && fabs(node_bound) < DBL_MAX / 2 ? node_bound : bound;
    return maximising(level) ? fmin(bound, node_bound) : fmax(bound, node_bound);
}

static void on_branch_and_cut(glp_tree *tree, void *info)
{
    search *s = info;
    glp_prob *prob = glp_ios_get_prob(tree);
    if (glp_ios_reason(tree) == GLP_IHEUR)
        offer_roundings(tree, s);
    int best = glp_ios_best_node(tree);
    if (best)
        s->bound = tighter_bound(s->level, s->bound, glp_ios_node_bound(tree, best));
    glp_ios_tree_size(tree, NULL, NULL, &s->nodes);
    bool has_incumbent = glp_mip_status(prob) == GLP_FEAS || glp_mip_status(prob) == GLP_OPT;
    double value = has_incumbent ? glp_mip_obj_val(prob) : NAN;
    if (has_incumbent && best && bound_proves(s->level, s->bound, value)) {
        s->proven = true;
        glp_ios_terminate(tree);
    }
    double now = mip_clock();
    if (must_stop(s->params)) {
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

/* The relaxation of p->prob by the primal simplex from its last basis, two thousand iterations
 * at a time (counted in iterations, not seconds, so that the path, and the plan, do not depend
 * on the machine's speed); true when optimal. A stop request ends GLPK at its next progress
 * report (on_glpk_output); the time limit ends a call by GLPK's own, and its last solution is
 * kept for rounding. Each call of GLPK first copies the whole problem into its own arrays,
 * which no limit interrupts (seconds at ×5 with a 365-day wait): a call that the last one, per
 * column, says would end after the deadline is not started. */
static bool solve_relaxation(mip *p, const mip_params *params)
{
    glp_smcp smcp;
    glp_init_smcp(&smcp);
    smcp.msg_lev = GLP_MSG_ON;
    smcp.out_frq = SIMPLEX_REPORT_MS;
    smcp.meth = GLP_PRIMAL;
    smcp.it_lim = 2000;
    if (glp_get_status(p->prob) == GLP_UNDEF)
        glp_adv_basis(p->prob, 0);
    for (;;) {
        double started = mip_clock(), columns = glp_get_num_cols(p->prob) + 1.0;
        if (must_stop(params) || (params->deadline > 0 &&
                                  started + p->simplex_seconds_per_column * columns >=
                                      params->deadline))
            return false;
        smcp.tm_lim = milliseconds_left(params);
        p->polling = params;
        p->next_progress_line = 0.0;
        int code = glp_simplex(p->prob, &smcp);
        p->polling = NULL;
        if (p->verbose && p->log)
            log_held_line(p);
        p->simplex_seconds_per_column = (mip_clock() - started) / columns;
        if (code == 0 && glp_get_status(p->prob) == GLP_OPT)
            return true;
        if (code != GLP_EITLIM || must_stop(params))
            return false;
        if (params->progress) /* still working: no new plan, no new bound */
            params->progress(params->context, NAN, NAN);
    }
}

/* Adds the candidates that price out, best first, at most limit of them. */
static void add_priced(mip *p, int count, int limit)
{
    qsort_r(p->candidates, (size_t)count, sizeof *p->candidates, compare_gains, p->gain);
    add_columns(p, p->candidates, count < limit ? count : limit);
}

/* Models this large may outlast their relaxation (×5 over three years: 60 s were not enough):
 * once a quarter of the level's time has gone into it, another thread lowers level 1's
 * Lagrangian bound from the latest duals, which then stands in for the relaxation's. Its steps
 * stop when the relaxation is solved. (Started at once, they slowed ×20's relaxation by 3 %,
 * which ended in 35 s of 60.) */
enum { LAGRANGIAN_COLUMNS = 100000, LAGRANGIAN_STEPS = 100000 };

static bool outlasting(const search *s)
{
    double deadline = s->params->deadline, now = mip_clock();
    return deadline > 0 && now - s->started >= 0.25 * (deadline - s->started);
}

static void start_bounding(mip *p, const search *s)
{
    const mip_params *params = s->params;
    if (s->level != LEVEL_PERSONS || p->bounding || !params->incumbent ||
        p->model->column_count < LAGRANGIAN_COLUMNS || !outlasting(s) ||
        parallel_processors() < 2)
        return;
    double *dual = malloc(((size_t)glp_get_num_rows(p->prob) + 1) * sizeof *dual);
    if (!dual) /* the level goes without this bound */
        return;
    signed_duals(p, dual);
    work_limits limits = {params->deadline, params->stop};
    double target = model_objective(p->model, LEVEL_PERSONS, params->incumbent);
    p->bounding = lagrangian_start(p->model, dual + 1, target, LAGRANGIAN_STEPS, &limits);
    free(dual);
}

/* Ends the Lagrangian steps; their bound tightens the search's when there is one. */
static void finish_bounding(mip *p, search *s)
{
    if (!p->bounding)
        return;
    double bound = lagrangian_finish(p->bounding);
    p->bounding = NULL;
    if (isnan(bound))
        return;
    s->bound = tighter_bound(s->level, s->bound, bound);
    note(p, "logis: Lagrangian bound %.1f, %.2f s", bound, mip_clock() - p->started);
}

/* The current basis into status (room for the model's rows and twice the loaded columns). */
static mip_basis read_basis(const mip *p, int *status)
{
    int rows = p->model->row_count, loaded = p->loaded_count;
    for (int i = 1; i <= rows; i++)
        status[i - 1] = glp_get_row_stat(p->prob, i);
    for (int g = 1; g <= loaded; g++) {
        status[rows + g - 1] = p->model_column[g];
        status[rows + loaded + g - 1] = glp_get_col_stat(p->prob, g);
    }
    return (mip_basis){status, loaded, status + rows, status + rows + loaded};
}

/* Passes the solved level-1 relaxation's duals and basis on to whoever asked for them. */
static void tell_relaxed(mip *p, const search *s)
{
    const mip_params *params = s->params;
    if (s->level != LEVEL_PERSONS || !params->relaxed)
        return;
    double *dual = malloc(((size_t)glp_get_num_rows(p->prob) + 1) * sizeof *dual);
    int *status = malloc(((size_t)p->model->row_count + 2 * (size_t)p->loaded_count + 1) *
                         sizeof *status);
    if (dual && status) { /* else nobody hears of it: a bound goes missing, the plan does not */
        signed_duals(p, dual);
        mip_basis basis = read_basis(p, status);
        params->relaxed(params->context, dual + 1, &basis);
    }
    free(status);
    free(dual);
}

/* The relaxation over every column, by column generation: solve over the loaded columns, load
 * those whose reduced cost says they would improve it, until none would. Each round's duals
 * tighten s->bound, which thus holds when the limits end the rounds first (they are checked
 * between rounds too: a large model may take many short ones). */
static bool relax(mip *p, search *s)
{
    const mip_params *params = s->params;
    for (int round = 1;; round++) {
        bool solved = solve_relaxation(p, params);
        if (glp_get_status(p->prob) != GLP_UNDEF) {
            s->bound = tighter_bound(s->level, s->bound, dual_bound(p));
            note(p, "logis: pricing round %d: relaxation %.1f%s, bound %.1f, %.2f s", round,
                 glp_get_obj_val(p->prob), solved ? "" : " (unfinished)", s->bound,
                 mip_clock() - p->started);
        }
        if (!solved || must_stop(params))
            return false;
        int count = price(p, 1e-7);
        if (count < 0)
            return false;
        if (count == 0) {
            finish_bounding(p, s); /* the relaxation's bound, set next, is at least as tight */
            tell_relaxed(p, s);
            note(p, "logis: relaxation %.1f after %d pricing rounds, %d of %d columns loaded, "
                    "%.2f s", glp_get_obj_val(p->prob), round, p->loaded_count,
                 p->model->column_count, mip_clock() - p->started);
            return true;
        }
        start_bounding(p, s);
        add_priced(p, count, p->loaded_count / 2 + 1000);
    }
}

/* A search over the columns within the gap is exact, but when they outnumber the loaded ones
 * many times over it neither ends in time nor fits in memory: ×5 with a 28-day wait on a 2-day
 * grid, 1.19 million of them against 115,000 loaded, held 4.4 GiB and found nothing in 26 s. */
enum { GAP_COLUMNS_PER_LOADED = 2, GAP_COLUMNS_FEW = 100000 };

typedef enum { GAP_LOADED, GAP_TOO_WIDE, GAP_STOPPED } gap_outcome;

/* Loads every column that could be positive in a solution better than value by at least one
 * improvement: with the relaxation's duals, a column whose reduced cost loses more than the gap
 * between the relaxation and value cannot. Branch-and-cut over the loaded columns is then
 * exact. GAP_TOO_WIDE, loading none, when they are too many (above). */
static gap_outcome load_columns_within_gap(mip *p, const mip_params *params, double bound,
                                           double value)
{
    double gap = fabs(bound - value);
    int count = price(p, improvement_unit(p->level, value) - gap - 1e-6);
    if (count <= 0)
        return count == 0 ? GAP_LOADED : GAP_STOPPED;
    note(p, "logis: %d more columns within the gap, %.2f s", count, mip_clock() - p->started);
    if (count > GAP_COLUMNS_FEW && count > GAP_COLUMNS_PER_LOADED * p->loaded_count)
        return GAP_TOO_WIDE;
    qsort_r(p->candidates, (size_t)count, sizeof *p->candidates, compare_gains, p->gain);
    for (int done = 0; done < count; done += COLUMNS_PER_LOAD) {
        if (must_stop(params))
            return GAP_STOPPED;
        int chunk = count - done < COLUMNS_PER_LOAD ? count - done : COLUMNS_PER_LOAD;
        add_columns(p, p->candidates + done, chunk);
    }
    return solve_relaxation(p, params) ? GAP_LOADED : GAP_STOPPED;
}

/* Fixes at zero every loaded column outside the neighbourhood: those neither used by the relaxed
 * optimum or by the incumbent, nor with a reduced cost within slack of zero. */
static void fix_outside(mip *p, const double *incumbent, double slack)
{
    for (int g = 1; g <= p->loaded_count; g++) {
        int j = p->model_column[g];
        bool used = glp_get_col_prim(p->prob, g) > 1e-7 || (incumbent && incumbent[j] > 0) ||
                    fabs(glp_get_col_dual(p->prob, g)) <= slack;
        if (!used)
            glp_set_col_bnds(p->prob, g, GLP_FX, 0.0, 0.0);
    }
}

static void keep_basis(mip *p)
{
    int rows = glp_get_num_rows(p->prob);
    for (int i = 1; i <= rows; i++)
        p->row_status[i] = glp_get_row_stat(p->prob, i);
    for (int g = 1; g <= p->loaded_count; g++)
        p->column_status[g] = glp_get_col_stat(p->prob, g);
}

/* Frees every column again and puts back the relaxation's optimal basis, so that solving the
 * relaxation again only refactorises it. */
static void release_all(mip *p)
{
    for (int g = 1; g <= p->loaded_count; g++)
        set_column_bounds(p, g);
    int rows = glp_get_num_rows(p->prob);
    for (int i = 1; i <= rows; i++)
        glp_set_row_stat(p->prob, i, p->row_status[i]);
    for (int g = 1; g <= p->loaded_count; g++)
        glp_set_col_stat(p->prob, g, p->column_status[g]);
}

/* Does the model have quota rows (rule 8)? */
static bool has_quota_rows(const model *m)
{
    for (int i = 0; i < m->row_count; i++)
        if (m->rows[i].kind == ROW_QUOTA_PERSONS || m->rows[i].kind == ROW_QUOTA_HOUSEHOLDS)
            return true;
    return false;
}

/* Does a shared dwelling count places in the model's rows? Its rows are knapsacks then. */
static bool has_shared_dwellings(const model *m)
{
    for (int t = 0; t < m->type_count; t++)
        if (m->scenario->dwellings[m->types[t].members[0]].shared)
            return true;
    return false;
}

/* Mixed-integer rounding cuts where knapsack rows weaken the relaxation: the score level once
 * the persons are held (MIR cuts proved tests/matching's HIAS-shaped sample in 7.8 s, which 60
 * s did not without them), and shared dwellings, whose places households of several sizes fill
 * (30 households, 14 dwellings, two of them shared under two tight caseloads: 0.09 s, where
 * 2,000 nodes in 10 s did not close a gap of one person). */
static int mir_cuts(const mip *p, int level)
{
    return level == LEVEL_SCORE || has_shared_dwellings(p->model) ? GLP_ON : GLP_OFF;
}

/* A neighbourhood search: only the columns used by the relaxed optimum or by the incumbent, or
 * whose reduced cost is within slack of zero, stay free (the others are fixed at zero, in place:
 * a copy of a large problem would cost seconds that no limit sees); branch-and-cut, started
 * from the incumbent, solves that much smaller MIP within a third of the time left. The
 * relaxation is then solved again over every column. True with x (model columns) when it found
 * a solution; s->timed_out when the limits ended the search or the relaxation after it. */
static bool search_neighbourhood(mip *p, search *s, const double *incumbent, double slack,
                                 bool presolve, double *x)
{
    double now = mip_clock();
    mip_params local = *s->params;
    local.incumbent = incumbent;
    local.progress = NULL;
    local.deadline = now + (local.deadline > 0 ? (local.deadline - now) / 3 : 60.0);
    search sub = {.p = p, .params = &local, .level = s->level, .buffer = s->buffer,
                  .relaxed = s->relaxed, .rounded = s->rounded, .bound = NAN};
    keep_basis(p);
    fix_outside(p, incumbent, slack);
    if (presolve) {
        local.incumbent = NULL; /* GLPK's presolver renumbers the columns: nothing to offer */
        local.round = NULL;
    }
    glp_iocp iocp;
    glp_init_iocp(&iocp);
    iocp.msg_lev = GLP_MSG_OFF;
    iocp.presolve = presolve ? GLP_ON : GLP_OFF;
    iocp.cb_func = on_branch_and_cut;
    iocp.cb_info = &sub;
    iocp.br_tech = GLP_BR_MFV;
    iocp.mir_cuts = mir_cuts(p, s->level);                         /* as in branch_and_cut */
    iocp.gmi_cuts = has_quota_rows(p->model) ? GLP_ON : GLP_OFF; /* as in branch_and_cut */
    iocp.tm_lim = milliseconds_left(&local);
    if (presolve || solve_relaxation(p, &local))
        glp_intopt(p->prob, &iocp);
    int status = glp_mip_status(p->prob);
    bool found = status == GLP_OPT || status == GLP_FEAS;
    note(p, "logis: neighbourhood search%s: %s %.0f, %.2f s", presolve ? " (presolved)" : "",
         found ? "found" : "found nothing", found ? glp_mip_obj_val(p->prob) : 0.0,
         mip_clock() - p->started);
    if (found) {
        memset(x, 0, (size_t)p->model->column_count * sizeof *x);
        for (int g = 1; g <= p->loaded_count; g++)
            x[p->model_column[g]] = round(glp_mip_col_val(p->prob, g));
    }
    release_all(p);
    if (must_stop(s->params) || !solve_relaxation(p, s->params))
        s->timed_out = true;
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
    iocp.mir_cuts = mir_cuts(p, s->level);
    /* Binding quotas leave the later levels a gap that Gomory's cuts close: x1-quotas' fewest
     * waiting proved in 2 s of branch-and-cut (43.5 s in all), not in 59 s without. Not on
     * every model: at ×20 they held 1.9 GiB where the search holds 0.55. */
    iocp.gmi_cuts = has_quota_rows(p->model) ? GLP_ON : GLP_OFF;
    glp_intopt(p->prob, &iocp);
}

/* Keeps candidate in x when it is better than what x holds (value in *best, NaN: nothing). */
static void consider(const search *s, const double *candidate, double *x, double *best)
{
    const model *m = s->p->model;
    double value = model_objective(m, s->level, candidate);
    if (!improves(s->level, value, *best))
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
    int status = searched ? glp_mip_status(p->prob) : GLP_UNDEF;
    double best = NAN;
    if (searched && (status == GLP_OPT || status == GLP_FEAS)) {
        memset(x, 0, (size_t)m->column_count * sizeof *x);
        for (int g = 1; g <= p->loaded_count; g++)
            x[p->model_column[g]] = round(glp_mip_col_val(p->prob, g));
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

static double best_known(const search *s)
{
    if (s->found)
        return model_objective(s->p->model, s->level, s->found);
    return s->params->incumbent ? model_objective(s->p->model, s->level, s->params->incumbent)
                                : NAN;
}

/* Keeps candidate (model columns) in found when it beats every plan known, or, when on_tie,
 * matches the best. */
static void keep_plan(search *s, const double *candidate, double *found, bool on_tie)
{
    double value = model_objective(s->p->model, s->level, candidate), best = best_known(s);
    if (!improves(s->level, value, best) && !(on_tie && value == best))
        return;
    if (candidate != found)
        memcpy(found, candidate, (size_t)s->p->model->column_count * sizeof *found);
    s->found = found;
}

/* The relaxation's basic solution, feasible whether optimal or not (the primal simplex keeps it
 * so), rounded and kept when it beats every plan known. When the limits end the relaxation this
 * is the plan (×40, 300 s: the relaxation had reached 117,111 where the plan by windows housed
 * 107,873); at its optimum it is tried before any search (×5 with a 28-day wait: the searches
 * found nothing in the 40 s they had, and the plan was first come's). */
static void round_relaxed(mip *p, search *s, double *found)
{
    const mip_params *params = s->params;
    if (!params->round || glp_get_status(p->prob) == GLP_UNDEF ||
        glp_get_prim_stat(p->prob) != GLP_FEAS)
        return;
    read_relaxed(p, p->prob, s->relaxed);
    if (!params->round(params->context, s->relaxed, s->rounded))
        return;
    note(p, "logis: the %s relaxation rounded: %.1f, %.2f s",
         glp_get_status(p->prob) == GLP_OPT ? "optimal" : "unfinished",
         model_objective(p->model, s->level, s->rounded), mip_clock() - p->started);
    keep_plan(s, s->rounded, found, false);
}

/* Link rows come last (formulation.c): does the model have any? */
static bool has_link_rows(const model *m)
{
    return m->row_count > 0 && m->rows[m->row_count - 1].kind == ROW_LINK;
}

/* Neighbourhood searches around the relaxed optimum until one meets the bound: first with GLPK's
 * presolver; then, after loading the columns within the gap, with the columns of zero reduced
 * cost free too (other optima of the relaxation), presolved again on small models, and last
 * without the presolver from the better plan found, which branch-and-cut is then offered. (Without those
 * columns the second search was measured useless: with binding quotas it spent 13 s of
 * x1-quotas' 42 s to find what the first had; started from the incumbent without the presolver
 * it took 1.3 s to find what the presolved one finds in 0.4 s.) True when the best plan found
 * meets the bound. */
/* GLPK's presolver works on a copy of the problem, and no time limit stops it: the search over
 * the columns within the gap is presolved only on models this small (×5 with a 28-day wait on
 * a 2-day grid: that search held 7 GiB and ended 10 s past the limit). */
enum { PRESOLVED_SEARCH_COLUMNS = 50000 };

/* Without the columns within the gap no search is exact, and the level ends unproved (as
 * though stopped); when they were too many to load, one more presolved search takes their
 * place, around a plan the first search was not centred on (×5, 28-day wait: around the rounded
 * plan, 14,960 of the relaxation's 14,965 in 8 s, where the first search, around the incumbent,
 * had found nothing). True when the best plan meets the bound. */
static bool search_without_the_gap(mip *p, search *s, bool too_wide, const double *searched,
                                   bool presolve, double *found)
{
    const double *incumbent = s->params->incumbent;
    const double *around = s->found && s->found != searched ? s->found
                           : incumbent != searched          ? incumbent
                                                            : NULL;
    if (too_wide && around && search_neighbourhood(p, s, around, -1.0, presolve, s->spare))
        keep_plan(s, s->spare, found, false);
    s->timed_out = true;
    return close_enough(s, best_known(s));
}

/* On smaller models the first search is quick, and the rounding, or the incumbent, would only
 * stand for another of equal plans, which moved the replays' results by the forecast's vote
 * (x1, lead 21: 0.967 instead of 0.977): there the search comes first, as it did. */
enum { ROUND_FIRST_COLUMNS = 100000 };

static bool improve_by_neighbourhoods(mip *p, search *s, double *found)
{
    const mip_params *params = s->params;
    /* GLPK's presolver renumbers the columns, so that our rounding cannot help it: the linked
     * households' equalities then take GLPK's own search a long time */
    bool presolve = !has_link_rows(p->model);
    if (p->model->column_count >= ROUND_FIRST_COLUMNS) {
        round_relaxed(p, s, found);
        double rounded = best_known(s);
        if (!isnan(rounded) && close_enough(s, rounded))
            return true;
    }
    /* around the rounded plan when it is the best known (x40: it found 117,964 of 117,965 in
     * 27 s where around the incumbent 40 s found nothing); the search's plan wins a tie with
     * the incumbent: small models' plans (and the replays, through the forecast's vote) are
     * those measured before the rounding came first */
    const double *center = s->found ? s->found : params->incumbent;
    if (search_neighbourhood(p, s, center, -1.0, presolve, s->spare))
        keep_plan(s, s->spare, found, true);
    double value = best_known(s);
    if (!isnan(value) && close_enough(s, value))
        return true;
    if (s->timed_out)
        return false;
    if (isnan(value)) {
        int count = price(p, -INFINITY);
        if (count > 0)
            add_priced(p, count, count);
        s->timed_out = count < 0;
        return false;
    }
    gap_outcome loaded = load_columns_within_gap(p, params, s->bound, value);
    if (loaded != GAP_LOADED)
        return search_without_the_gap(p, s, loaded == GAP_TOO_WIDE, center, presolve, found);
    for (int round = 0; round < 2 && !close_enough(s, value) && !s->timed_out; round++) {
        const double *around = round == 0 || !s->found ? params->incumbent : s->found;
        bool presolved = presolve && round == 0 && p->loaded_count <= PRESOLVED_SEARCH_COLUMNS;
        if (search_neighbourhood(p, s, around, 1e-7, presolved, s->spare))
            keep_plan(s, s->spare, found, false);
        value = best_known(s);
    }
    return close_enough(s, value);
}

/* A stop request ended GLPK in a simplex: the level's plan is the best one known. */
static bool stopped_in_simplex(mip *p, search *s, double *x, mip_result *result)
{
    s->timed_out = true;
    finish_bounding(p, s);
    collect(p, s, false, x, result);
    return true;
}

/* The part of a level's solve that calls GLPK, guarded by its error hook: relaxation by column
 * generation, neighbourhood search, the columns within the gap, then branch-and-cut unless the
 * search already met the bound. A lack of memory (pricing) ends it as a failure: the phases
 * that stop early take it for the limits, which would hand out a worse plan. */
static bool solve_guarded(mip *p, search *s, double *found, double *x, mip_result *result)
{
    jmp_buf jump;
    if (setjmp(jump))
        return p->stopped && stopped_in_simplex(p, s, x, result);
    arm(p, &jump);
    set_objective(p, s->level);
    bool searched = false;
    if (relax(p, s) && note_fixing_costs(p)) {
        s->bound = glp_get_obj_val(p->prob);
        searched = !improve_by_neighbourhoods(p, s, found);
        if (searched && !s->timed_out)
            branch_and_cut(p, s);
    } else {
        s->timed_out = true;
        round_relaxed(p, s, found);
    }
    finish_bounding(p, s);
    if (!p->out_of_memory)
        collect(p, s, searched, x, result);
    disarm(p);
    return !p->out_of_memory;
}

bool mip_solve_level(mip *p, int level, const mip_params *params, double *x,
                     mip_result *result)
{
    size_t n = (size_t)p->model->column_count + 1;
    search s = {.p = p, .params = params, .level = level, .bound = NAN, .started = mip_clock()};
    s.buffer = malloc((n + 1) * sizeof *s.buffer);
    s.relaxed = malloc(n * sizeof *s.relaxed);
    s.rounded = malloc(n * sizeof *s.rounded);
    s.spare = malloc(n * sizeof *s.spare);
    double *found = malloc(n * sizeof *found);
    bool ok = false;
    if (p->broken)
        snprintf(p->error, sizeof p->error, "GLPK is not usable");
    else if (!s.buffer || !s.relaxed || !s.rounded || !s.spare || !found)
        ran_out_of_memory(p);
    else
        ok = solve_guarded(p, &s, found, x, result);
    free(s.buffer);
    free(s.relaxed);
    free(s.rounded);
    free(s.spare);
    free(found);
    return ok;
}

bool mip_relaxation_duals(mip *p, const mip_params *params, double *dual)
{
    search s = {.p = p, .params = params, .level = LEVEL_PERSONS, .bound = NAN,
                .started = mip_clock()};
    jmp_buf jump;
    if (p->broken)
        return false;
    if (setjmp(jump))
        return false;
    arm(p, &jump);
    set_objective(p, LEVEL_PERSONS);
    bool solved = relax(p, &s);
    for (int i = 0; solved && i < p->model->row_count; i++)
        dual[i] = glp_get_row_dual(p->prob, i + 1);
    finish_bounding(p, &s);
    disarm(p);
    return solved;
}

bool mip_hold_level(mip *p, int level, double value)
{
    int n = p->loaded_count;
    int *index = malloc(((size_t)n + 1) * sizeof *index);
    double *cost = malloc(((size_t)n + 1) * sizeof *cost);
    jmp_buf jump;
    bool ok = false;
    if (!index || !cost || p->broken) {
        if (!p->broken)
            ran_out_of_memory(p);
        goto done;
    }
    if (setjmp(jump))
        goto done;
    arm(p, &jump);
    int count = 0;
    for (int g = 1; g <= n; g++) {
        double c = p->model->columns[p->model_column[g]].cost[level];
        if (c != 0) {
            index[++count] = g;
            cost[count] = c;
        }
    }
    int r = glp_add_rows(p->prob, 1);
    glp_set_mat_row(p->prob, r, count, index, cost);
    double slack = level_slack(level, value);
    if (maximising(level))
        glp_set_row_bnds(p->prob, r, GLP_LO, value - slack, 0.0);
    else
        glp_set_row_bnds(p->prob, r, GLP_UP, 0.0, value + slack);
    p->level_row[level] = r;
    /* the rounding accepts a plan 1e-6 beyond the row: so does the fixing, and a margin more */
    double margin = slack + 1e-6 + 1e-6 * fmax(fabs(value), 1.0);
    int fixed = fix_by_reduced_costs(p, level, (maximising(level) ? value : -value) - margin);
    note(p, "logis: level %d held: %d columns fixed at zero by their reduced costs", level + 1,
         fixed);
    disarm(p);
    ok = true;
done:
    free(index);
    free(cost);
    return ok;
}

/* ---- a restricted master LP over columns the caller lists ---- */

struct mip_master {
    const model *model;
    glp_prob *prob;
    jmp_buf *jump;
    int memory_limit;
    bool broken, basis_given, solved_before;
    bool owns_environment; /* as a mip's */
};

static void on_master_error(void *info)
{
    mip_master *lp = info;
    lp->broken = true;
    lp->prob = NULL;
    glp_free_env();
    longjmp(*lp->jump, 1);
}

static void arm_master(mip_master *lp, jmp_buf *jump)
{
    lp->jump = jump;
    glp_term_out(GLP_OFF);
    glp_error_hook(on_master_error, lp);
    glp_mem_limit(lp->memory_limit > 0 ? lp->memory_limit : INT_MAX);
}

static void disarm_master(mip_master *lp)
{
    lp->jump = NULL;
    glp_error_hook(NULL, NULL);
}

/* The problem with the model's rows, its links' at 0 and the others packing rows. */
static bool create_master_rows(mip_master *lp)
{
    const model *m = lp->model;
    jmp_buf jump;
    if (setjmp(jump))
        return false;
    arm_master(lp, &jump);
    lp->prob = glp_create_prob();
    glp_set_obj_dir(lp->prob, GLP_MAX);
    if (m->row_count > 0)
        glp_add_rows(lp->prob, m->row_count);
    for (int i = 0; i < m->row_count; i++) {
        const row *r = &m->rows[i];
        if (r->kind == ROW_LINK)
            glp_set_row_bnds(lp->prob, i + 1, GLP_FX, 0.0, 0.0);
        else
            glp_set_row_bnds(lp->prob, i + 1, GLP_UP, 0.0, r->upper);
    }
    disarm_master(lp);
    return true;
}

mip_master *mip_master_new(const model *m, int memory_limit)
{
    mip_master *lp = calloc(1, sizeof *lp);
    if (!lp)
        return NULL;
    *lp = (mip_master){.model = m, .memory_limit = memory_limit};
    int environment = glp_init_env();
    lp->owns_environment = environment == 0;
    if (environment > 1 || !create_master_rows(lp)) {
        mip_master_free(lp);
        return NULL;
    }
    return lp;
}

/* Adds a column whose entries are index[1..count], value[1..count] (GLPK's rows). */
static bool add_master_column(mip_master *lp, double cost, double upper, int count,
                              const int *index, const double *value)
{
    jmp_buf jump;
    if (lp->broken || setjmp(jump))
        return false;
    arm_master(lp, &jump);
    int g = glp_add_cols(lp->prob, 1);
    glp_set_obj_coef(lp->prob, g, cost);
    glp_set_col_bnds(lp->prob, g, upper > 0 ? GLP_DB : GLP_FX, 0.0, upper);
    glp_set_mat_col(lp->prob, g, count, index, value);
    disarm_master(lp);
    return true;
}

bool mip_master_add(mip_master *lp, double cost, double upper, int count, const int *rows,
                    const double *values)
{
    int *index = malloc(((size_t)count + 1) * sizeof *index);
    double *value = malloc(((size_t)count + 1) * sizeof *value);
    bool ok = index && value;
    for (int k = 0; ok && k < count; k++) {
        index[k + 1] = rows[k] + 1;
        value[k + 1] = values[k];
    }
    ok = ok && add_master_column(lp, cost, upper, count, index, value);
    free(index);
    free(value);
    return ok;
}

void mip_master_start_from(mip_master *lp, const mip_basis *basis)
{
    jmp_buf jump;
    if (lp->broken || setjmp(jump))
        return;
    arm_master(lp, &jump);
    for (int i = 0; i < lp->model->row_count; i++)
        glp_set_row_stat(lp->prob, i + 1, basis->row_status[i]);
    for (int g = 0; g < basis->column_count && g < glp_get_num_cols(lp->prob); g++)
        glp_set_col_stat(lp->prob, g + 1, basis->column_status[g]);
    lp->basis_given = true;
    disarm_master(lp);
}

bool mip_master_solve(mip_master *lp, const work_limits *limits, double *value, double *dual)
{
    jmp_buf jump;
    if (lp->broken)
        return false;
    if (setjmp(jump))
        return false;
    arm_master(lp, &jump);
    glp_smcp smcp;
    glp_init_smcp(&smcp);
    smcp.msg_lev = GLP_MSG_OFF;
    smcp.meth = GLP_PRIMAL;
    smcp.it_lim = 2000;
    if (!lp->solved_before && !lp->basis_given)
        glp_adv_basis(lp->prob, 0);
    lp->solved_before = true; /* later solves go on from the last basis, columns added */
    int code;
    do {
        double left = limits && limits->deadline > 0 ? limits->deadline - mip_clock() : 0;
        smcp.tm_lim = left > 0 ? (int)fmin(left * 1000.0, INT_MAX) : INT_MAX;
        code = work_limits_reached(limits) ? GLP_ETMLIM : glp_simplex(lp->prob, &smcp);
        if (code == GLP_EBADB || code == GLP_ESING || code == GLP_ECOND) {
            glp_adv_basis(lp->prob, 0); /* the basis given did not fit: start afresh */
            code = GLP_EITLIM;
        }
        lp->basis_given = false;
    } while (code == GLP_EITLIM);
    bool solved = code == 0 && glp_get_status(lp->prob) == GLP_OPT;
    for (int i = 0; solved && i < lp->model->row_count; i++) {
        double y = glp_get_row_dual(lp->prob, i + 1);
        dual[i] = lp->model->rows[i].kind == ROW_LINK ? y : fmax(y, 0.0);
    }
    if (solved)
        *value = glp_get_obj_val(lp->prob);
    disarm_master(lp);
    return solved;
}

void mip_master_free(mip_master *lp)
{
    if (!lp)
        return;
    jmp_buf jump;
    if (!lp->broken && lp->prob && !setjmp(jump)) {
        arm_master(lp, &jump);
        glp_delete_prob(lp->prob);
        disarm_master(lp);
    }
    if (!lp->broken && lp->owns_environment)
        glp_free_env();
    free(lp);
}
