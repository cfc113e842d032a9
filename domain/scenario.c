/* The few operations on the domain's records themselves: releasing what a household owns. */
#include "domain/scenario.h"

#include <stdlib.h>

void household_release_lists(household *h)
{
    free(h->territories);
    free(h->scores);
    h->territories = NULL;
    h->scores = NULL;
}

void household_release(household *h)
{
    free(h->id);
    h->id = NULL;
    household_release_lists(h);
}
