/* The files suite: output files written all or nothing (base/fileset.c), alone
 * (logis_write_file) or as a set (a report's five files). */
#include "tests.h"

#include "base/fileset.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* A new empty folder for one test, under the fixtures; its path. */
static const char *fresh_folder(const char *name)
{
    static char path[600];
    char command[700];
    snprintf(path, sizeof path, "%s/%s", fixture_folder(), name);
    snprintf(command, sizeof command, "rm -rf '%s'", path);
    if (system(command) != 0 || mkdir(path, 0755) != 0)
        CU_FAIL("cannot make the test folder");
    return path;
}

static char *path_in(const char *folder, const char *name)
{
    static char paths[4][700];
    static int next;
    char *path = paths[next++ % 4];
    snprintf(path, 700, "%s/%s", folder, name);
    return path;
}

static void put(const char *path, const char *text)
{
    FILE *file = fopen(path, "w");
    CU_ASSERT_PTR_NOT_NULL_FATAL(file);
    fputs(text, file);
    fclose(file);
}

/* True when the file at path holds exactly text. */
static int holds(const char *path, const char *text)
{
    char got[256] = "";
    FILE *file = fopen(path, "r");
    if (!file)
        return 0;
    got[fread(got, 1, sizeof got - 1, file)] = '\0';
    fclose(file);
    return strcmp(got, text) == 0;
}

/* How many files of the folder are temporaries ("NAME.tmp-XXXXXX") or old files kept aside
 * ("NAME.old-XXXXXX"). */
static int temporaries_in(const char *folder)
{
    DIR *dir = opendir(folder);
    int count = 0;
    for (struct dirent *entry; dir && (entry = readdir(dir)) != NULL;)
        count += strstr(entry->d_name, ".tmp-") != NULL || strstr(entry->d_name, ".old-") != NULL;
    if (dir)
        closedir(dir);
    return count;
}

static void every_file_of_a_set_is_replaced(void)
{
    const char *folder = fresh_folder("set-ok");
    put(path_in(folder, "a.csv"), "old a");
    fileset set;
    fileset_begin(&set, NULL);
    fileset_add(&set, path_in(folder, "a.csv"), "new a");
    fileset_add(&set, path_in(folder, "b.svg"), "new b");
    /* nothing touched before finish: a set that runs out of memory leaves no trace */
    CU_ASSERT(holds(path_in(folder, "a.csv"), "old a"));
    CU_ASSERT_EQUAL(temporaries_in(folder), 0);
    CU_ASSERT_EQUAL(fileset_finish(&set), LOGIS_OK);
    CU_ASSERT(holds(path_in(folder, "a.csv"), "new a"));
    CU_ASSERT(holds(path_in(folder, "b.svg"), "new b"));
    CU_ASSERT_EQUAL(temporaries_in(folder), 0);
}

/* A file that cannot be written (a folder where it goes) leaves every file of the set as it
 * was, the ones written before it included, and no temporary behind. */
static void one_file_that_fails_leaves_every_file_as_it_was(void)
{
    const char *folder = fresh_folder("set-fails");
    put(path_in(folder, "a.csv"), "old a");
    CU_ASSERT_EQUAL_FATAL(mkdir(path_in(folder, "c.html"), 0755), 0);
    logis_diagnostics *d = logis_diagnostics_new();
    fileset set;
    fileset_begin(&set, d);
    fileset_add(&set, path_in(folder, "a.csv"), "new a");
    fileset_add(&set, path_in(folder, "b.svg"), "new b");
    fileset_add(&set, path_in(folder, "c.html"), "new c");
    fileset_add(&set, path_in(folder, "d.csv"), "new d");
    CU_ASSERT_EQUAL(fileset_finish(&set), LOGIS_E_IO);
    CU_ASSERT(holds(path_in(folder, "a.csv"), "old a"));
    CU_ASSERT(access(path_in(folder, "b.svg"), F_OK) != 0);
    CU_ASSERT(access(path_in(folder, "d.csv"), F_OK) != 0);
    CU_ASSERT_EQUAL(temporaries_in(folder), 0);
    CU_ASSERT(diagnostics_contain(d, "set-fails/c.html: cannot replace: it is a folder", NULL));
    CU_ASSERT_EQUAL(logis_diagnostics_errors(d), 1);
    logis_diagnostics_free(d);
}

/* The caller's own failure (a text it could not make) replaces nothing either. */
static void a_failed_set_replaces_nothing(void)
{
    const char *folder = fresh_folder("set-abandoned");
    put(path_in(folder, "a.csv"), "old a");
    fileset set;
    fileset_begin(&set, NULL);
    fileset_add(&set, path_in(folder, "a.csv"), "new a");
    fileset_fail(&set, LOGIS_E_NOMEM);
    fileset_add(&set, path_in(folder, "b.svg"), "new b");
    CU_ASSERT_EQUAL(fileset_finish(&set), LOGIS_E_NOMEM);
    CU_ASSERT(holds(path_in(folder, "a.csv"), "old a"));
    CU_ASSERT(access(path_in(folder, "b.svg"), F_OK) != 0);
    CU_ASSERT_EQUAL(temporaries_in(folder), 0);
}

/* A folder that does not exist: the file cannot be created, said with its path. */
static void a_missing_folder_is_reported(void)
{
    logis_diagnostics *d = logis_diagnostics_new();
    const char *path = path_in(fixture_folder(), "no-such-folder/a.csv");
    CU_ASSERT_EQUAL(logis_write_file(path, "x", d), LOGIS_E_IO);
    CU_ASSERT(diagnostics_contain(d, "no-such-folder/a.csv: cannot create: No such file", NULL));
    logis_diagnostics_free(d);
}

/* A device cannot be renamed over: it is written in place (logis plan -o /dev/stdout). */
static void a_device_is_written_in_place(void)
{
    struct stat before, after;
    CU_ASSERT_EQUAL_FATAL(stat("/dev/null", &before), 0);
    CU_ASSERT_EQUAL(logis_write_file("/dev/null", "x", NULL), LOGIS_OK);
    CU_ASSERT_EQUAL_FATAL(stat("/dev/null", &after), 0);
    CU_ASSERT(S_ISCHR(after.st_mode) && after.st_rdev == before.st_rdev);
}

/* The test runner is linked with --wrap=rename: a rename that fails when others were done (a
 * file made immutable, or another user's in a sticky folder, while the set was written) cannot
 * be staged portably, least of all as root. */
int __real_rename(const char *from, const char *to);
int __wrap_rename(const char *from, const char *to);
static int renames_before_failure = -1; /* -1: none fails */

int __wrap_rename(const char *from, const char *to)
{
    if (renames_before_failure == 0) {
        renames_before_failure = -1;
        errno = EPERM;
        return -1;
    }
    if (renames_before_failure > 0)
        renames_before_failure--;
    return __real_rename(from, to);
}

static void a_rename_that_fails_puts_back_the_files_replaced_before_it(void)
{
    const char *folder = fresh_folder("set-put-back");
    put(path_in(folder, "a.csv"), "old a");
    put(path_in(folder, "c.html"), "old c");
    logis_diagnostics *d = logis_diagnostics_new();
    fileset set;
    fileset_begin(&set, d);
    fileset_add(&set, path_in(folder, "a.csv"), "new a");
    fileset_add(&set, path_in(folder, "b.svg"), "new b");
    fileset_add(&set, path_in(folder, "c.html"), "new c");
    renames_before_failure = 2;
    CU_ASSERT_EQUAL(fileset_finish(&set), LOGIS_E_IO);
    renames_before_failure = -1;
    CU_ASSERT(holds(path_in(folder, "a.csv"), "old a"));
    CU_ASSERT(access(path_in(folder, "b.svg"), F_OK) != 0);
    CU_ASSERT(holds(path_in(folder, "c.html"), "old c"));
    CU_ASSERT_EQUAL(temporaries_in(folder), 0);
    CU_ASSERT(diagnostics_contain(d, "set-put-back/c.html: cannot replace: Operation not "
                                     "permitted (nothing was replaced: the 2 files", NULL));
    logis_diagnostics_free(d);
}

void suite_files(void)
{
    CU_pSuite suite = CU_add_suite("files", NULL, NULL);
    CU_add_test(suite, "every file of a set is replaced", every_file_of_a_set_is_replaced);
    CU_add_test(suite, "one file that fails leaves every file as it was",
                one_file_that_fails_leaves_every_file_as_it_was);
    CU_add_test(suite, "a failed set replaces nothing", a_failed_set_replaces_nothing);
    CU_add_test(suite, "a missing folder is reported", a_missing_folder_is_reported);
    CU_add_test(suite, "a device is written in place", a_device_is_written_in_place);
    CU_add_test(suite, "a rename that fails puts back the files replaced before it",
                a_rename_that_fails_puts_back_the_files_replaced_before_it);
}
