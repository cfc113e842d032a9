/* The CUnit runner: registers every suite, runs them, and fails the process on any failure. */
#include "tests.h"

#include <CUnit/Basic.h>
#include <stdio.h>
#include <stdlib.h>

int main(void)
{
    if (CU_initialize_registry() != CUE_SUCCESS)
        return 2;
    suite_dates();
    suite_load();
    suite_verify();
    suite_solve();
    suite_project();
    suite_replan();
    suite_limits();
    suite_api();
    suite_library();
    suite_online();
    suite_forecast();
    suite_explain();
    suite_report();
    suite_csv();
    suite_text();
    suite_files();
    suite_matching();
    suite_fields();
    suite_grid_bound();
    CU_basic_set_mode(CU_BRM_NORMAL);
    CU_basic_run_tests();
    unsigned failures = CU_get_number_of_failures() + CU_get_number_of_suites_failed();
    CU_cleanup_registry();
    char command[300];
    snprintf(command, sizeof command, "rm -rf '%s'", fixture_folder());
    if (system(command) != 0)
        fprintf(stderr, "could not remove %s\n", fixture_folder());
    return failures ? 1 : 0;
}
