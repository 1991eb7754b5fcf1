/*
 * stories.c — what add and stream share about stories: a clusterer with
 * the list of the stories it still holds, so that retired ones are saved
 * (add: the store marks them retired) and released (memory stays bounded
 * in an endless run), and, for add, the store's id of each of them.
 *
 * The list is ordered by clusterer id (ids grow in order of creation and
 * releases keep the order), so a lookup is a binary search. A sweep asks
 * the clusterer about each listed story and releases the retired ones; it
 * runs when the list has doubled since the last sweep (and holds at least
 * STORIES_SWEEP_MIN), so its cost is constant per story, amortised, and
 * the list stays within twice the stories active at the last sweep plus
 * STORIES_SWEEP_MIN.
 */
#include "cli.h"

#include <stdlib.h>
#include <string.h>

/* Fewest listed stories before a sweep: below this the memory at stake is
 * small (a retired story keeps its summary and member keys). */
#define STORIES_SWEEP_MIN 1024

cr_status cli_stories_new(cli_stories *s, const cr_story_opts *o)
{
    memset(s, 0, sizeof s[0]);
    s->next_sweep = STORIES_SWEEP_MIN;
    return cr_clusterer_new(o, &s->cl);
}

void cli_stories_free(cli_stories *s)
{
    cr_clusterer_free(s->cl);
    free(s->v);
    memset(s, 0, sizeof s[0]);
}

int cli_stories_track(cli_stories *s, int64_t cid, int64_t sid, int live)
{
    if (s->n == s->cap) {
        size_t nc = s->cap ? 2 * s->cap : 256;
        cli_story_ref *nv = realloc(s->v, nc * sizeof *nv);
        if (!nv)
            return -1;
        s->v = nv;
        s->cap = nc;
    }
    /* new clusterer ids are the largest so far: append */
    s->v[s->n].cid = cid;
    s->v[s->n].sid = sid;
    s->v[s->n].live = live;
    s->n++;
    if (s->n > s->peak)
        s->peak = s->n;
    return 0;
}

cli_story_ref *cli_stories_find(const cli_stories *s, int64_t cid)
{
    size_t lo = 0, hi = s->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (s->v[mid].cid < cid)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < s->n && s->v[lo].cid == cid ? &s->v[lo] : NULL;
}

int cli_stories_sweep(cli_stories *s, int force)
{
    cr_story_stats stats;
    size_t i, j;
    if (!force && s->n < s->next_sweep)
        return 0;
    for (i = j = 0; i < s->n; i++) {
        cr_story_info info;
        if (cr_story_get(s->cl, s->v[i].cid, &info) == CR_OK && info.active) {
            s->v[j++] = s->v[i];
            continue;
        }
        if (s->on_retire && s->v[i].live &&
            s->on_retire(s->ctx, s->v[i].sid, &info) != 0) {
            /* keep the rest listed: the caller stops */
            memmove(&s->v[j], &s->v[i], (s->n - i) * sizeof s->v[0]);
            s->n = j + (s->n - i);
            return -1;
        }
        (void)cr_story_release(s->cl, s->v[i].cid);
        s->released++;
    }
    s->n = j;
    s->next_sweep = 2 * s->n > STORIES_SWEEP_MIN ? 2 * s->n : STORIES_SWEEP_MIN;
    cr_clusterer_stats(s->cl, &stats);
    if (stats.active > s->peak_active)
        s->peak_active = stats.active;
    if (stats.memory > s->peak_memory)
        s->peak_memory = stats.memory;
    s->sweeps++;
    return 0;
}
