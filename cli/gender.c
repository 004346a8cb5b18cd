/*
 * gender.c: female, male or unknown, and why.
 *
 * Evidence, all from the engine's word lists (data/): a first name of
 * known gender ("Anne", "John"; "Dominique" says nothing), a title
 * ("Mme", "Mr."), and a mention that is a pronoun ("elle", "she": dixit
 * resolved it to this person). Not the gender of role nouns: the lists
 * give French nouns their grammatical gender, which for "la source" or
 * "la victime" says nothing of the person; "la présidente" and "la
 * ministre" would, and are left for when the lists tell the two apart. Each name counts once, each mention
 * once per record. The decision waits for agreement: one side with no
 * evidence against it, or three pieces for one against each for the
 * other (a pronoun resolved to the wrong person now and then should not
 * undo a name and ten mentions); else unknown, an honest answer. The
 * evidence kept for each side does not depend on the order of records.
 */
#include "gender.h"
#include "link.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#define WORDS_MAX 24

static void vote(gender_votes *v, char g, const char *what, const char *word, size_t n, const char *where)
{
    char *why = g == 'f' ? v->f_why : v->m_why;
    int *count = g == 'f' ? &v->f : &v->m;
    if (g != 'f' && g != 'm')
        return;
    /* the evidence said is the least in byte order, not the first met:
     * the same whatever order the records come in */
    char one[sizeof v->f_why];
    snprintf(one, sizeof one, "%s \"%.*s\"%s%s", what, (int)n, word, where ? " in " : "", where ? where : "");
    if (!*count || strcmp(one, why) < 0)
        memcpy(why, one, sizeof one);
    (*count)++;
}

void gender_name(gender_votes *v, const char *name, const dixit_engine *e)
{
    const char *w[WORDS_MAX];
    size_t wl[WORDS_MAX], n = link_words(name, " ,", w, wl, WORDS_MAX);
    for (size_t i = 0; i < n; i++) {
        char g;
        unsigned k = dixit_word(e, w[i], wl[i], &g);
        if (k & DIXIT_WORD_TITLE) {
            vote(v, g, "title", w[i], wl[i], NULL);
        } else if (k & DIXIT_WORD_FIRSTNAME) {
            if (i + 1 < n) /* (a surname alone, "Warren", is no first name) */
                vote(v, g, "first name", w[i], wl[i], NULL);
            return; /* (the first name only: not a middle one) */
        } else if (!(k & DIXIT_WORD_ROLE)) {
            return; /* past titles and roles: the core, which says no more */
        }
    }
}

void gender_mention(gender_votes *v, const char *mention, const char *where, const dixit_engine *e)
{
    const char *w[WORDS_MAX];
    size_t wl[WORDS_MAX], n = link_words(mention, " ,", w, wl, WORDS_MAX);
    char g;
    if (n == 1 && (dixit_word(e, w[0], wl[0], &g) & DIXIT_WORD_PRONOUN)) {
        vote(v, g, "pronoun", w[0], wl[0], where);
        return;
    }
    for (size_t i = 0; i < n; i++) {
        unsigned k = dixit_word(e, w[i], wl[i], &g);
        if ((k & DIXIT_WORD_TITLE) && g) {
            vote(v, g, "title", w[i], wl[i], where);
            return;
        }
    }
}

void gender_add(gender_votes *dst, const gender_votes *src)
{
    if (src->f && (!dst->f || strcmp(src->f_why, dst->f_why) < 0))
        memcpy(dst->f_why, src->f_why, sizeof dst->f_why);
    if (src->m && (!dst->m || strcmp(src->m_why, dst->m_why) < 0))
        memcpy(dst->m_why, src->m_why, sizeof dst->m_why);
    dst->f += src->f;
    dst->m += src->m;
}

const char *gender_decide(const gender_votes *v, char *why, size_t cap)
{
    bool f = v->f && v->f >= 3 * v->m, m = v->m && v->m >= 3 * v->f;
    if (f || m)
        snprintf(why, cap, "%s (%d for, %d against)", f ? v->f_why : v->m_why, f ? v->f : v->m,
                 f ? v->m : v->f);
    else if (v->f || v->m)
        snprintf(why, cap, "evidence both ways: %s; %s", v->f_why, v->m_why);
    else
        snprintf(why, cap, "no evidence in the articles");
    return f ? "female" : m ? "male" : "unknown";
}
